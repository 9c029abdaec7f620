// A Lua script sent by its SHA1 after the first time, so that a call on the hot path costs a few bytes
// rather than the whole source; the source goes again only when Redis has forgotten it (restart, SCRIPT FLUSH).
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

export interface LuaScript {
  run(redis: Redis, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown>;
}

export function luaScript(source: string): LuaScript {
  const sha = createHash('sha1').update(source).digest('hex');
  return {
    async run(redis, keys, args) {
      try {
        return await redis.evalsha(sha, keys.length, ...keys, ...args);
      } catch (err) {
        if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
        return redis.eval(source, keys.length, ...keys, ...args);
      }
    },
  };
}
