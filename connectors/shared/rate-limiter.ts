// Every call to a platform's API runs inside its tenant's budget (per minute, per day, in progress at
// once), one budget shared by every worker process through Redis. A caller waits only briefly: a tenant
// that has spent its budget gets `rate_limited` with the time until it has one again, so its job is
// delayed and the worker moves on to a tenant that can be served.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { ConnectorError } from './errors';
import { RateLimitStore, type WaitReason } from './rate-limit-store';
import { SlotWaiters } from './slot-waiters';

export interface TenantLimits {
  perMinute: number;
  concurrent: number;
  perDay: number;
}

export interface RateLimiter {
  /** Runs `fn` inside the tenant's budget (a key like `xero:<tenantId>`): waits briefly for a concurrency
   * slot and a per-minute/per-day allowance; when the wait would exceed maxWaitMs, throws
   * ConnectorError('rate_limited', …, { retryAfterMs }) instead of holding the caller (a job is then
   * delayed, so a busy tenant never holds a worker that another tenant could use). Always releases the
   * concurrency slot, also when fn throws. */
  schedule<T>(key: string, limits: TenantLimits, fn: () => Promise<T>): Promise<T>;
  /** The platform said to hold off (a 429's Retry-After, or remaining-call headers at 0): every process
   * waits until then for this key. */
  holdOff(key: string, untilMs: number): Promise<void>;
  /** What the platform reported as remaining (X-MinLimit-Remaining, X-DayLimit-Remaining); the limiter
   * trusts the lower of its own count and the platform's. Optional to act on, but record it. */
  observeRemaining(key: string, remaining: { minute?: number; day?: number }, nowMs?: number): Promise<void>;
}

export interface RedisRateLimiterOptions {
  /** Namespace of the limiter's Redis keys. */
  prefix?: string;
  /** The longest a caller is held waiting before it is told `rate_limited` instead. */
  maxWaitMs?: number;
  /** The clock of the windows and leases; every process sharing a prefix must agree on it. */
  now?: () => number;
  /** How long a slot stays taken if its process dies mid-call; renewed while the call runs. */
  leaseMs?: number;
  /** Added to each sleep so that waiters freed by the same moment do not all come back at once. */
  jitterMs?: number;
}

const FIRST_POLL_MS = 20;
const MAX_POLL_MS = 250;

export function createRedisRateLimiter(redis: Redis, options: RedisRateLimiterOptions = {}): RateLimiter {
  const store = new RateLimitStore(redis, options.prefix ?? 'goodwill:rate');
  const now = options.now ?? Date.now;
  const maxWaitMs = options.maxWaitMs ?? 2_000;
  const leaseMs = options.leaseMs ?? 15_000;
  const jitterMs = options.jitterMs ?? 25;
  const waiters = new SlotWaiters();
  const jitter = () => Math.random() * jitterMs;

  // Nothing is stored until every part of the budget is granted at once, so a caller that gives up
  // waiting has counted nothing. The wait is measured on the monotonic clock, not `now`, so that it is
  // bounded whatever the windows' clock does.
  async function acquire(key: string, limits: TenantLimits): Promise<string> {
    const id = randomUUID();
    const deadline = performance.now() + maxWaitMs;
    let pollMs = FIRST_POLL_MS;
    for (;;) {
      const verdict = await store.acquire(key, limits, now(), id, leaseMs);
      if (verdict.granted) return id;
      const left = deadline - performance.now();
      if (verdict.reason !== 'concurrency') {
        // The windows say exactly when a call leaves them: sleep until then, once.
        if (verdict.waitMs > left) throw refusal(key, verdict.reason, verdict.waitMs);
        await sleep(verdict.waitMs + jitter());
        continue;
      }
      // A slot frees whenever a call ends, which no one can foretell: look again soon, then less often.
      if (left <= 0) throw refusal(key, verdict.reason, Math.min(verdict.waitMs, maxWaitMs));
      await waiters.sleep(key, Math.min(pollMs, verdict.waitMs, left) + jitter());
      pollMs = Math.min(pollMs * 2, MAX_POLL_MS);
    }
  }

  return {
    async schedule(key, limits, fn) {
      assertLimits(key, limits);
      const id = await acquire(key, limits);
      const renewal = setInterval(() => {
        // A missed renewal only shortens the lease; the next one, or the release, follows.
        void store.renew(key, id, now() + leaseMs, leaseMs).catch(() => undefined);
      }, leaseMs / 3);
      renewal.unref();
      try {
        return await fn();
      } finally {
        clearInterval(renewal);
        // The call has happened: a failed release must not turn it into an error its caller would
        // retry. The lease frees the slot on its own.
        await store.release(key, id).catch(() => undefined);
        waiters.wakeOne(key);
      }
    },

    async holdOff(key, untilMs) {
      const waitMs = Math.ceil(untilMs - now());
      if (!(waitMs > 0)) return;
      await store.holdOff(key, Math.ceil(untilMs), waitMs + 1_000);
    },

    async observeRemaining(key, remaining, nowMs = now()) {
      const minute = countOrUndefined(remaining.minute);
      const day = countOrUndefined(remaining.day);
      if (minute === undefined && day === undefined) return;
      await store.observe(key, { minute, day }, nowMs, randomUUID());
    },
  };
}

/** For tests and benchmarks run with limits off. */
export const unlimited: RateLimiter = {
  schedule: (_key, _limits, fn) => fn(),
  holdOff: async () => undefined,
  observeRemaining: async () => undefined,
};

function refusal(key: string, reason: WaitReason, retryAfterMs: number): ConnectorError {
  const spent = {
    hold: 'the platform asked us to hold off',
    minute: 'the per-minute budget is spent',
    day: 'the per-day budget is spent',
    concurrency: 'every concurrent slot is taken',
  }[reason];
  return new ConnectorError('rate_limited', `Rate limit for ${key}: ${spent}`, { retryAfterMs });
}

function assertLimits(key: string, limits: TenantLimits): void {
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new RangeError(`Rate limit ${name} for ${key} must be a positive whole number, got ${value}`);
    }
  }
}

// Headers are parsed by callers; a count that is not a count is not worth acting on.
function countOrUndefined(value: number | undefined): number | undefined {
  return value !== undefined && Number.isFinite(value) ? Math.max(0, Math.floor(value)) : undefined;
}
