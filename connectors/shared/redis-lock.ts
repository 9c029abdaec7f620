// A short mutual-exclusion lock shared by every worker process through Redis. Released only by its
// holder (compare-and-delete), and it expires on its own if the holder dies.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export class LockTimeoutError extends Error {
  readonly code = 'lock_timeout';
}

export interface LockOptions {
  ttlMs: number;
  waitMs: number;
  pollMs?: number;
}

export async function withRedisLock<T>(
  redis: Redis,
  key: string,
  options: LockOptions,
  fn: () => Promise<T>,
): Promise<T> {
  const holder = randomUUID();
  const deadline = Date.now() + options.waitMs;
  for (;;) {
    const taken = await redis.set(key, holder, 'PX', options.ttlMs, 'NX');
    if (taken === 'OK') break;
    if (Date.now() >= deadline) throw new LockTimeoutError(`Timed out waiting for lock ${key}`);
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 25));
  }
  try {
    return await fn();
  } finally {
    await redis.eval(RELEASE, 1, key, holder);
  }
}
