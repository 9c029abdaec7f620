// Typed calls to the rate limiter's Lua scripts: the keys of one limiter key, the arguments in the order
// the scripts expect them, and the replies checked before anyone relies on them.
import type { Redis } from 'ioredis';
import { ACQUIRE, HOLD_OFF, OBSERVE, RENEW } from './rate-limit-lua';
import type { TenantLimits } from './rate-limiter';
import { luaScript } from './redis-script';

export const MINUTE_MS = 60_000;
// Rolling 24 hours rather than the UTC day: every UTC day is one of those windows, so a rolling count
// within the limit is within it however the platform draws its day.
export const DAY_MS = 86_400_000;
const DAY_BUCKET_MS = 60_000;

export type WaitReason = 'hold' | 'minute' | 'day' | 'concurrency';
export type Verdict = { granted: true } | { granted: false; waitMs: number; reason: WaitReason };

const scripts = {
  acquire: luaScript(ACQUIRE),
  renew: luaScript(RENEW),
  holdOff: luaScript(HOLD_OFF),
  observe: luaScript(OBSERVE),
};

export class RateLimitStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async acquire(
    key: string,
    limits: TenantLimits,
    nowMs: number,
    id: string,
    leaseMs: number,
  ): Promise<Verdict> {
    const k = this.keys(key);
    const reply = await scripts.acquire.run(
      this.redis,
      [k.hold, k.minute, k.day, k.leases, k.meta],
      [
        nowMs,
        limits.perMinute,
        limits.perDay,
        limits.concurrent,
        leaseMs,
        id,
        MINUTE_MS,
        DAY_MS,
        DAY_BUCKET_MS,
      ],
    );
    return parseVerdict(reply);
  }

  async release(key: string, id: string): Promise<void> {
    await this.redis.zrem(this.keys(key).leases, id);
  }

  async renew(key: string, id: string, expiresAtMs: number, leaseMs: number): Promise<void> {
    await scripts.renew.run(this.redis, [this.keys(key).leases], [id, expiresAtMs, leaseMs]);
  }

  async holdOff(key: string, untilMs: number, ttlMs: number): Promise<void> {
    await scripts.holdOff.run(this.redis, [this.keys(key).hold], [untilMs, ttlMs]);
  }

  async observe(
    key: string,
    remaining: { minute?: number; day?: number },
    atMs: number,
    id: string,
  ): Promise<void> {
    const k = this.keys(key);
    await scripts.observe.run(
      this.redis,
      [k.minute, k.day, k.meta],
      [atMs, remaining.minute ?? '', remaining.day ?? '', id, MINUTE_MS, DAY_MS, DAY_BUCKET_MS],
    );
  }

  private keys(key: string) {
    // The braces make one hash tag of the limiter key, so that a cluster keeps its keys on one node.
    const base = `${this.prefix}:{${key}}`;
    return {
      hold: `${base}:hold`,
      minute: `${base}:minute`,
      day: `${base}:day`,
      leases: `${base}:leases`,
      meta: `${base}:meta`,
    };
  }
}

const reasons: readonly string[] = ['hold', 'minute', 'day', 'concurrency'] satisfies WaitReason[];

function isWaitReason(value: unknown): value is WaitReason {
  return typeof value === 'string' && reasons.includes(value);
}

function parseVerdict(reply: unknown): Verdict {
  if (Array.isArray(reply)) {
    const parts: unknown[] = reply;
    const [granted, waitMs, reason] = parts;
    if (granted === 1) return { granted: true };
    if (granted === 0 && typeof waitMs === 'number' && isWaitReason(reason)) {
      return { granted: false, waitMs, reason };
    }
  }
  throw new Error(`Unexpected reply from the rate limiter script: ${JSON.stringify(reply)}`);
}
