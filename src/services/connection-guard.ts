// A connection the platform no longer accepts (access to the organisation revoked on its side) is marked
// for reconnection the moment any use case meets the refusal, and every job for it stops. Only this
// organisation: the grant's tokens stay, since other organisations may still be reached through them
// (a refused refresh token marks the whole grant, in connection-tokens.ts).
import { isConnectorError } from '../../connectors/shared/errors';
import type { ConnectionRecord } from '../db/repositories/connections';
import { expireAccessToken } from './connection-tokens';
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

/**
 * Runs `fn` (resumable work: reads, or writes the platform deduplicates) for the connection. An access
 * token refused before its time (QuickBooks answers 401 once the company disconnects the app) is
 * refreshed and the work tried once more: either the new token works, or the refresh is refused and
 * the connection is marked for reconnection.
 */
export async function guarded<T>(
  ctx: AppContext,
  connection: ConnectionRecord,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    try {
      return await fn();
    } catch (err) {
      if (!isConnectorError(err, 'auth_expired') || !connection.grantId) throw err;
      await expireAccessToken(ctx, connection.grantId);
      return await fn();
    }
  } catch (err) {
    if (isConnectorError(err, 'reauth_required'))
      await markConnectionNeedsReauth(ctx, connection.id, err.message);
    throw err;
  }
}
