// Access tokens are refreshed under a per-connection lock, and the stored tokens are read again once
// the lock is held: Xero rotates refresh tokens, so a second refresh with the old one would fail with
// invalid_grant and lose the connection.
import type { Redis } from 'ioredis';
import { isConnectorError } from './errors';
import { withRedisLock } from './redis-lock';
import type { TokenSet } from '../types';

export interface TokenStore {
  load(connectionId: string): Promise<TokenSet>;
  save(connectionId: string, tokens: TokenSet): Promise<void>;
  /** The platform refused the refresh token: a person has to connect again. */
  markReauthRequired(connectionId: string, reason: string): Promise<void>;
}

export interface RefreshDeps {
  store: TokenStore;
  redis: Redis;
  refresh(refreshToken: string): Promise<TokenSet>;
  now?: () => number;
  /** Refresh this long before expiry, so a token never expires mid-request. */
  skewMs?: number;
}

const inFlight = new Map<string, Promise<string>>();

export async function freshAccessToken(deps: RefreshDeps, connectionId: string): Promise<string> {
  const now = deps.now ?? Date.now;
  const skew = deps.skewMs ?? 120_000;
  const current = await deps.store.load(connectionId);
  if (current.expiresAt - skew > now()) return current.accessToken;

  // Callers in this process share one refresh; other processes meet at the Redis lock.
  let pending = inFlight.get(connectionId);
  if (!pending) {
    pending = refreshUnderLock(deps, connectionId, now, skew).finally(() => inFlight.delete(connectionId));
    inFlight.set(connectionId, pending);
  }
  return pending;
}

async function refreshUnderLock(deps: RefreshDeps, connectionId: string, now: () => number, skew: number) {
  return withRedisLock(
    deps.redis,
    `goodwill:token-refresh:${connectionId}`,
    { ttlMs: 30_000, waitMs: 35_000 },
    async () => {
      const stored = await deps.store.load(connectionId);
      if (stored.expiresAt - skew > now()) return stored.accessToken;
      try {
        const next = await deps.refresh(stored.refreshToken);
        await deps.store.save(connectionId, next);
        return next.accessToken;
      } catch (err) {
        if (isConnectorError(err, 'reauth_required'))
          await deps.store.markReauthRequired(connectionId, err.message);
        throw err;
      }
    },
  );
}
