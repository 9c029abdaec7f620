// `npm run bench -- sync [--platform xero|quickbooks]`: a full first sync of a generated organisation
// from that platform's sandbox (limits off), against the minimum number of API calls the data needs and
// the time Postgres takes to COPY the same rows, with the CPU the app, Postgres and the sandbox spent
// on it; then the same pages pulled again and stored nowhere. Prints a table, and with --json one JSON
// object on the last line.
import { randomBytes } from 'node:crypto';
import { parseEnv } from '../../config/env';
import { createRuntime } from '../../src/runtime';
import { syncConnection } from '../../src/services/sync/sync-connection';
import { connectSandbox } from '../support/connect';
import { freshDatabase } from '../support/database';
import { intFlag } from './args';
import { BENCH_PLATFORMS, benchPlatform } from './bench-platforms';
import { copyFloorSeconds } from './copy-floor';
import { startCpuSplit, type CpuSplit } from './cpu-split';
import { withPeakRss } from './memory';
import { pullOnly, type PullOnly } from './pull-only';
import { startSandboxChild } from './sandbox-child';
import type { OrganisationSize } from './sync-types';

export interface SyncBenchResult extends CpuSplit, PullOnly {
  platform: string;
  invoices: number;
  apiCalls: number;
  minimumCalls: number;
  seconds: number;
  invoicesPerSecond: number;
  copyFloorSeconds: number;
  peakRssMb: number;
}

export async function syncBench(flags: Map<string, string>): Promise<SyncBenchResult> {
  const size: OrganisationSize = {
    invoices: intFlag(flags, 'invoices', 100_000),
    openInvoices: intFlag(flags, 'open', 20_000),
    payments: intFlag(flags, 'payments', 150_000),
    contacts: intFlag(flags, 'contacts', 10_000),
  };
  const platform = benchPlatform(flags.get('platform') ?? 'xero');
  const bench = BENCH_PLATFORMS[platform];
  const sandbox = await startSandboxChild(platform, size);
  const database = await freshDatabase();
  const runtime = createRuntime(
    parseEnv({
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      // A sync sends no mail, and the worker that syncs runs no mail server: nothing listens here.
      SMTP_URL: 'smtp://127.0.0.1:9',
      PUBLIC_URL: 'http://127.0.0.1:3000',
      ...bench.env(sandbox.details),
    }),
    { redisPrefix: `goodwill-bench-${randomBytes(4).toString('hex')}`, silentLogs: true, rateLimits: false },
  );
  try {
    const connectionId = (await connectSandbox(runtime.ctx, platform)).connectionIds[0]!;
    await sandbox.ask('resetCalls');
    global.gc?.();
    const stopCpu = await startCpuSplit(async () => (await sandbox.ask<{ seconds: number }>('cpu')).seconds);
    const started = process.hrtime.bigint();
    const { result, peakRssMb } = await withPeakRss(() => syncConnection(runtime.ctx, connectionId));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = await stopCpu();
    if (!result) throw new Error('The connection was not active');

    const { calls } = await sandbox.ask<{ calls: Record<string, number> }>('calls');
    const { counts } = await sandbox.ask<{ counts: Record<string, number> }>('counts');
    const apiCalls = bench.apiCalls(calls);
    const minimumCalls = bench.minimumCalls(counts);
    const stored = await database.db
      .selectFrom('invoices')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(stored.n) !== counts.invoices) {
      throw new Error(`Lost invoices: the sandbox holds ${counts.invoices}, the sync stored ${stored.n}`);
    }
    const floor = await copyFloorSeconds(database.url);
    const pulled = await pullOnly(runtime.ctx, connectionId);
    return {
      platform,
      invoices: counts.invoices ?? 0,
      apiCalls,
      minimumCalls,
      seconds: round(seconds),
      invoicesPerSecond: Math.round((counts.invoices ?? 0) / seconds),
      copyFloorSeconds: round(floor),
      peakRssMb,
      ...cpu,
      ...pulled,
    };
  } finally {
    await runtime.close();
    await sandbox.close();
    await database.drop();
  }
}

function round(n: number) {
  return Math.round(n * 1000) / 1000;
}
