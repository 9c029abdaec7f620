// Refreshing under the per-connection lock, with real Redis.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { ConnectorError } from '../../connectors/shared/errors';
import type { TokenStore } from '../../connectors/shared/token-refresher';
import type { TokenSet } from '../../connectors/types';

type Refresher = typeof import('../../connectors/shared/token-refresher');

// Two copies of the module stand for two worker processes: they share nothing but Redis.
function loadProcess(): Refresher {
  let mod: Refresher | undefined;
  jest.isolateModules(() => {
    mod = jest.requireActual<Refresher>('../../connectors/shared/token-refresher');
  });
  return mod!;
}

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
afterAll(() => redis.quit());

function rotatingPlatform(initial: TokenSet, platformRefreshToken = initial.refreshToken) {
  let stored = initial;
  let live = platformRefreshToken;
  let calls = 0;
  const store: TokenStore & { reauth: string[] } = {
    reauth: [],
    load: async () => stored,
    save: async (_id, tokens) => {
      stored = tokens;
    },
    markReauthRequired: async (_id, reason) => {
      store.reauth.push(reason);
    },
  };
  const refresh = async (refreshToken: string): Promise<TokenSet> => {
    calls += 1;
    await new Promise((r) => setTimeout(r, 20));
    // Like Xero: a refresh token works once.
    if (refreshToken !== live) throw new ConnectorError('reauth_required', 'invalid_grant');
    live = `refresh-${calls}`;
    return { accessToken: `access-${calls}`, refreshToken: live, expiresAt: Date.now() + 1_800_000 };
  };
  return { store, refresh, calls: () => calls };
}

it('50 concurrent callers in two processes needing a fresh token cause exactly one refresh', async () => {
  const platform = rotatingPlatform({
    accessToken: 'old',
    refreshToken: 'refresh-0',
    expiresAt: Date.now() - 1,
  });
  const [a, b] = [loadProcess(), loadProcess()];
  const connectionId = randomUUID();
  const tokens = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      (i % 2 ? a : b).freshAccessToken(
        { store: platform.store, redis, refresh: platform.refresh },
        connectionId,
      ),
    ),
  );
  expect(platform.calls()).toBe(1);
  expect(new Set(tokens)).toEqual(new Set(['access-1']));
  expect(platform.store.reauth).toEqual([]);
});

it('marks the connection for re-authorisation when the platform refuses the refresh token', async () => {
  const platform = rotatingPlatform(
    { accessToken: 'old', refreshToken: 'revoked-at-the-platform', expiresAt: Date.now() - 1 },
    'refresh-0',
  );
  const { freshAccessToken } = loadProcess();
  await expect(
    freshAccessToken({ store: platform.store, redis, refresh: platform.refresh }, randomUUID()),
  ).rejects.toMatchObject({ code: 'reauth_required' });
  expect(platform.store.reauth).toEqual(['invalid_grant']);
});

it('uses a token that is still fresh without calling the platform', async () => {
  const platform = rotatingPlatform({
    accessToken: 'current',
    refreshToken: 'refresh-0',
    expiresAt: Date.now() + 600_000,
  });
  const { freshAccessToken } = loadProcess();
  await expect(
    freshAccessToken({ store: platform.store, redis, refresh: platform.refresh }, randomUUID()),
  ).resolves.toBe('current');
  expect(platform.calls()).toBe(0);
});
