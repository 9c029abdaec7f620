// A disconnect made on the platform's side, announced by a browser visit (QuickBooks' Disconnect URL).
// Anyone can open that address with any company id, so the visit alone proves nothing: the platform is
// asked first, and only a connection whose tokens it now refuses is marked disconnected and stopped.
import { isConnectorError } from '../../connectors/shared/errors';
import type { Platform } from '../../connectors/types';
import type { Db } from '../db/database';
import type { ConnectionRecord } from '../db/repositories/connections';
import { guarded } from './connection-guard';
import { apiContext } from './connection-tokens';
import type { AppContext } from './context';
import { stopConnection } from './disconnect';

export type PlatformDisconnectOutcome =
  /** No connection to this company exists. */
  | { status: 'unknown' }
  /** The platform still accepts Goodwill for the company (say, it was connected again since). */
  | { status: 'still_connected'; connections: ConnectionRecord[] }
  /** The platform could not be asked; the next job that meets its refusal stops the connection. */
  | { status: 'unconfirmed'; connections: ConnectionRecord[] }
  | { status: 'disconnected'; connections: ConnectionRecord[] };

const DISCONNECTED_ON_PLATFORM: Record<Platform, string> = {
  xero: 'Disconnected inside Xero',
  quickbooks: 'Disconnected inside QuickBooks',
};

async function connectionsOf(ctx: AppContext, platform: Platform, tenantId: string) {
  const rows = await ctx.db
    .selectFrom('connections')
    .select(['id', 'account_id', 'grant_id', 'name', 'status', 'timezone', 'country_code', 'reply_to'])
    .where('platform', '=', platform)
    .where('tenant_id', '=', tenantId)
    .execute();
  return rows.map((r): ConnectionRecord => ({
    id: r.id,
    accountId: r.account_id,
    platform,
    tenantId,
    grantId: r.grant_id,
    name: r.name,
    status: r.status,
    timezone: r.timezone,
    countryCode: r.country_code,
    replyTo: r.reply_to,
  }));
}

async function dropUnusedGrant(trx: Db, grantId: string): Promise<void> {
  const stillUsed = await trx
    .selectFrom('connections')
    .select('id')
    .where('grant_id', '=', grantId)
    .executeTakeFirst();
  if (!stillUsed)
    await trx.updateTable('oauth_grants').set({ tokens: null }).where('id', '=', grantId).execute();
}

/** True when the platform refuses this connection; false when it lets it in. A refused access token is
 * not enough (it may simply have been revoked with the rest): only a refused refresh settles it. */
async function refusedByPlatform(ctx: AppContext, connection: ConnectionRecord): Promise<boolean> {
  if (connection.status !== 'active') return true;
  const ask = (forceRefresh: boolean) =>
    guarded(ctx, connection, async () =>
      ctx.connectors[connection.platform].organisation(await apiContext(ctx, connection, { forceRefresh })),
    );
  try {
    await ask(false);
    return false;
  } catch (err) {
    if (isConnectorError(err, 'reauth_required')) return true;
    if (!isConnectorError(err, 'auth_expired')) throw err;
  }
  // QuickBooks answers a revoked company's unexpired access token with a plain 401: the refresh tells.
  try {
    await ask(true);
    return false;
  } catch (err) {
    if (isConnectorError(err, 'reauth_required')) return true;
    throw err;
  }
}

export async function platformDisconnected(
  ctx: AppContext,
  platform: Platform,
  tenantId: string,
): Promise<PlatformDisconnectOutcome> {
  const connections = await connectionsOf(ctx, platform, tenantId);
  if (connections.length === 0) return { status: 'unknown' };
  const stopped: ConnectionRecord[] = [];
  const live: ConnectionRecord[] = [];
  for (const connection of connections) {
    if (connection.status === 'disconnected') {
      stopped.push(connection);
      continue;
    }
    let refused: boolean;
    try {
      refused = await refusedByPlatform(ctx, connection);
    } catch (err) {
      ctx.log.warn('could not confirm a disconnect with the platform', {
        connectionId: connection.id,
        error: err,
      });
      return { status: 'unconfirmed', connections };
    }
    if (!refused) {
      live.push(connection);
      continue;
    }
    await ctx.db.transaction().execute(async (trx) => {
      await stopConnection(trx, connection.id, DISCONNECTED_ON_PLATFORM[platform], ctx.now());
      // The platform has already revoked these tokens; nothing is left to revoke, so drop them.
      if (connection.grantId) await dropUnusedGrant(trx, connection.grantId);
    });
    stopped.push({ ...connection, status: 'disconnected' });
  }
  if (stopped.length === 0) return { status: 'still_connected', connections: live };
  return { status: 'disconnected', connections: stopped };
}
