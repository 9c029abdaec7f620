// The part of a sync that no way of storing can take away: every page of a first sync fetched from the
// sandbox, parsed and mapped to canonical records, and nothing written. Next to the COPY floor it shows
// how much of a sync's time is the platform's payloads rather than Postgres.
import { findConnection } from '../../src/db/repositories/connections';
import { apiContext } from '../../src/services/connection-tokens';
import type { AppContext } from '../../src/services/context';
import { FULL_PASS, inSyncOrder } from '../../src/services/sync/sync-connection';

export interface PullOnly {
  pullOnlySeconds: number;
  pullOnlyAppCpuSeconds: number;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

export async function pullOnly(ctx: AppContext, connectionId: string): Promise<PullOnly> {
  const connection = await findConnection(ctx.db, connectionId);
  if (!connection) throw new Error('The connection is gone');
  const connector = ctx.connectors[connection.platform];
  const api = await apiContext(ctx, connection);
  global.gc?.();
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  for (const resource of inSyncOrder(connector.syncResources)) {
    let pulled = await connector.pull(resource, api, FULL_PASS);
    while (!pulled.page.last) pulled = await connector.pull(resource, api, pulled.page.cursor);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  return { pullOnlySeconds: round(seconds), pullOnlyAppCpuSeconds: round((used.user + used.system) / 1e6) };
}
