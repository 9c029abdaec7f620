// Disconnecting from our side: stop chasing at once, then let the platform know. The platform call
// comes last so that a platform outage cannot leave us chasing for an organisation that asked us to stop.
import { decryptTokens } from '../../connectors/shared/token-cipher';
import type { Db } from '../db/database';
import { findConnection } from '../db/repositories/connections';
import type { AppContext } from './context';

export async function disconnect(ctx: AppContext, connectionId: string, accountId: string): Promise<boolean> {
  const connection = await findConnection(ctx.db, connectionId);
  if (!connection || connection.accountId !== accountId) return false;

  const refreshToken = await ctx.db.transaction().execute(async (trx) => {
    await stopConnection(trx, connectionId, 'Disconnected from Goodwill', ctx.now());
    if (!connection.grantId) return null;
    const stillUsed = await trx
      .selectFrom('connections')
      .select('id')
      .where('grant_id', '=', connection.grantId)
      .executeTakeFirst();
    if (stillUsed) return null;
    const grant = await trx
      .selectFrom('oauth_grants')
      .select('tokens')
      .where('id', '=', connection.grantId)
      .forUpdate()
      .executeTakeFirst();
    await trx
      .updateTable('oauth_grants')
      .set({ tokens: null })
      .where('id', '=', connection.grantId)
      .execute();
    return grant?.tokens ? decryptTokens(ctx.tokenKey, grant.tokens).refreshToken : null;
  });
  if (refreshToken) {
    try {
      await ctx.connectors[connection.platform].revoke(refreshToken);
    } catch (err) {
      // Our side has already stopped; the grant expires at the platform on its own.
      ctx.log.warn('revocation at the platform failed', { connectionId, error: err });
    }
  }
  return true;
}

/** Marks the connection disconnected and cancels everything it had pending, inside the caller's
 * transaction. Every job checks the connection's status first, so queued ones do nothing. */
export async function stopConnection(
  trx: Db,
  connectionId: string,
  reason: string,
  now: Date,
): Promise<void> {
  await trx
    .updateTable('connections')
    .set({ status: 'disconnected', status_reason: reason, grant_id: null })
    .where('id', '=', connectionId)
    .execute();
  await trx
    .updateTable('followup_actions')
    .set({ status: 'cancelled', status_reason: 'connection disconnected', completed_at: now })
    .where('connection_id', '=', connectionId)
    .where('status', '=', 'pending')
    .execute();
}
