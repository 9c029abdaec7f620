// A connection the platform no longer accepts (access to the organisation revoked on its side) is marked
// for reconnection the moment any use case meets the refusal, and every job for it stops. Only this
// organisation: the grant's tokens stay, since other organisations may still be reached through them
// (a refused refresh token marks the whole grant, in connection-tokens.ts).
import { isConnectorError } from '../../connectors/shared/errors';
import type { ConnectionRecord } from '../db/repositories/connections';
import { apiContext } from './connection-tokens';
import type { AppContext } from './context';

export async function markConnectionNeedsReauth(ctx: AppContext, connectionId: string, reason: string) {
  await ctx.db
    .updateTable('connections')
    .set({ status: 'needs_reauth', status_reason: reason })
    .where('id', '=', connectionId)
    .where('status', '=', 'active')
    .execute();
  ctx.log.warn('connection needs re-authorisation', { connectionId, reason });
}

export async function guarded<T>(
  ctx: AppContext,
  connection: ConnectionRecord,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isConnectorError(err, 'auth_expired')) await refreshRefused(ctx, connection);
    if (isConnectorError(err, 'reauth_required'))
      await markConnectionNeedsReauth(ctx, connection.id, err.message);
    throw err;
  }
}

/**
 * The platform refused an access token before its time: QuickBooks does so once a company has
 * disconnected the app on its side. Refreshing now tells the two cases apart: a new token for the retry,
 * or a refused refresh, which marks the connection (and its grant) for reconnection at once instead of
 * retrying with the dead token until it expires.
 */
async function refreshRefused(ctx: AppContext, connection: ConnectionRecord): Promise<void> {
  try {
    await apiContext(ctx, connection, { forceRefresh: true });
  } catch (refreshErr) {
    if (!isConnectorError(refreshErr, 'reauth_required')) return; // the job's own retry tries again
    await markConnectionNeedsReauth(ctx, connection.id, refreshErr.message);
  }
}
