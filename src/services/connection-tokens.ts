// The encrypted tokens of an OAuth grant, seen as the token store the refresher needs.
import { ConnectorError } from '../../connectors/shared/errors';
import { decryptTokens, encryptTokens } from '../../connectors/shared/token-cipher';
import { freshAccessToken, type TokenStore } from '../../connectors/shared/token-refresher';
import type { ApiContext, Platform } from '../../connectors/types';
import type { AppContext } from './context';

export function grantTokenStore(ctx: AppContext): TokenStore {
  return {
    async load(grantId) {
      const row = await ctx.db
        .selectFrom('oauth_grants')
        .select('tokens')
        .where('id', '=', grantId)
        .executeTakeFirst();
      if (!row?.tokens)
        throw new ConnectorError('reauth_required', 'This connection has no valid tokens; reconnect it');
      return decryptTokens(ctx.tokenKey, row.tokens);
    },
    async save(grantId, tokens) {
      await ctx.db
        .updateTable('oauth_grants')
        .set({ tokens: encryptTokens(ctx.tokenKey, tokens) })
        .where('id', '=', grantId)
        .execute();
    },
    async markReauthRequired(grantId, reason) {
      await markGrantNeedsReauth(ctx, grantId, reason);
    },
  };
}

/** The platform refused the access token before its time: the next call refreshes it first. */
export async function expireAccessToken(ctx: AppContext, grantId: string): Promise<void> {
  const store = grantTokenStore(ctx);
  const tokens = await store.load(grantId);
  await store.save(grantId, { ...tokens, expiresAt: 0 });
}

/** Drops the refused tokens and marks every organisation reached through them for reconnection. */
export async function markGrantNeedsReauth(ctx: AppContext, grantId: string, reason: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('oauth_grants').set({ tokens: null }).where('id', '=', grantId).execute();
    await trx
      .updateTable('connections')
      .set({ status: 'needs_reauth', status_reason: reason })
      .where('grant_id', '=', grantId)
      .where('status', '=', 'active')
      .execute();
  });
  ctx.log.warn('connection needs re-authorisation', { grantId, reason });
}

export interface ConnectionHandle {
  id: string;
  platform: Platform;
  tenantId: string;
  grantId: string | null;
}

/** What a connector call needs, with an access token that is good for at least the next minutes; with
 * `forceRefresh`, a new one even so (the platform refused the one we hold before its time). */
export async function apiContext(
  ctx: AppContext,
  connection: ConnectionHandle,
  options: { forceRefresh?: boolean } = {},
): Promise<ApiContext> {
  if (!connection.grantId) {
    throw new ConnectorError(
      'reauth_required',
      `Connection ${connection.id} has no authorisation; reconnect it`,
    );
  }
  const connector = ctx.connectors[connection.platform];
  // Token lifetimes are real time, whatever business date the rest of the app is told it is.
  const accessToken = await freshAccessToken(
    {
      store: grantTokenStore(ctx),
      redis: ctx.redis,
      refresh: (refreshToken) => connector.refresh(refreshToken),
      ...(options.forceRefresh ? { skewMs: Number.POSITIVE_INFINITY } : {}),
    },
    connection.grantId,
  );
  return { accessToken, tenantId: connection.tenantId };
}
