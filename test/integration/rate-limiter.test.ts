// The per-tenant rate limiter against real Redis. Each limiter instance stands for a worker process;
// instances on separate connections share nothing but Redis. The windows run on a hand-moved clock, so
// a minute or a day passes in no time and every assertion is about counts and order.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { isConnectorError } from '../../connectors/shared/errors';
import {
  createRedisRateLimiter,
  unlimited,
  type RateLimiter,
  type RedisRateLimiterOptions,
  type TenantLimits,
} from '../../connectors/shared/rate-limiter';

const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `goodwill-test:rate:${randomUUID()}`;
const connections: Redis[] = [];

function connect(): Redis {
  const redis = new Redis(url);
  connections.push(redis);
  return redis;
}

const redisA = connect();
const redisB = connect();

afterAll(async () => {
  const keys: string[] = [];
  const stream = redisA.scanStream({ match: `${prefix}:*`, count: 500 });
  for await (const batch of stream) keys.push(...(batch as string[]));
  if (keys.length > 0) await redisA.del(...keys);
  await Promise.all(connections.filter((c) => c.status === 'ready').map((c) => c.quit()));
});

// Aligned on a minute, so that day buckets start exactly at T0.
const T0 = 1_700_000_040_000;

function manualClock() {
  let t = T0;
  return {
    now: () => t,
    set: (ms: number) => {
      t = T0 + ms;
    },
  };
}

function limiter(redis: Redis, now: () => number, options: RedisRateLimiterOptions = {}): RateLimiter {
  return createRedisRateLimiter(redis, { prefix, now, maxWaitMs: 50, ...options });
}

const key = () => `xero:${randomUUID()}`;
const limits = (overrides: Partial<TenantLimits> = {}): TenantLimits => ({
  perMinute: 60,
  concurrent: 5,
  perDay: 5000,
  ...overrides,
});

/** 'ran' if the call went through, else the retryAfterMs of its `rate_limited` refusal. */
async function attempt(rl: RateLimiter, k: string, l: TenantLimits): Promise<'ran' | number> {
  try {
    return await rl.schedule(k, l, async () => 'ran' as const);
  } catch (err) {
    if (isConnectorError(err, 'rate_limited') && err.details.retryAfterMs !== undefined) {
      return err.details.retryAfterMs;
    }
    throw err;
  }
}

function deferred() {
  let resolve = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('the rolling minute', () => {
  it('allows exactly perMinute calls, then refuses until the oldest call has left the minute', async () => {
    const clock = manualClock();
    const rl = limiter(redisA, clock.now);
    const k = key();
    const l = limits({ perMinute: 60 });
    for (let i = 0; i < 60; i += 1) {
      clock.set(i * 500);
      expect(await attempt(rl, k, l)).toBe('ran');
    }
    clock.set(30_000);
    expect(await attempt(rl, k, l)).toBe(30_000);
    clock.set(59_999);
    expect(await attempt(rl, k, l)).toBe(1);
    clock.set(60_000);
    expect(await attempt(rl, k, l)).toBe('ran');
    expect(await attempt(rl, k, l)).toBe(500);
  });

  it('does not allow a second minute of calls across a minute boundary', async () => {
    const clock = manualClock();
    const rl = limiter(redisA, clock.now);
    const k = key();
    const l = limits({ perMinute: 60 });
    clock.set(59_000);
    for (let i = 0; i < 60; i += 1) expect(await attempt(rl, k, l)).toBe('ran');
    // A fixed window would start afresh at 60 000; a rolling minute still holds all sixty calls.
    clock.set(61_000);
    expect(await attempt(rl, k, l)).toBe(58_000);
  });

  it('sleeps through a wait shorter than maxWaitMs rather than refusing', async () => {
    let offset = 0;
    const now = () => Date.now() + offset;
    const rl = limiter(redisA, now, { maxWaitMs: 5_000 });
    const k = key();
    const l = limits({ perMinute: 2 });
    expect(await attempt(rl, k, l)).toBe('ran');
    expect(await attempt(rl, k, l)).toBe('ran');
    offset += 59_800; // the first call leaves the minute in about 200 ms
    expect(await attempt(rl, k, l)).toBe('ran');
  });

  it('counts nothing for a caller that gave up waiting', async () => {
    const clock = manualClock();
    const rl = limiter(redisA, clock.now, { maxWaitMs: 100 });
    const k = key();
    const l = limits({ perMinute: 2, concurrent: 1 });
    const gate = deferred();
    let started = false;
    const holder = rl.schedule(k, l, async () => {
      started = true;
      await gate.promise;
    });
    while (!started) await sleep(5);
    expect(await attempt(rl, k, l)).toEqual(expect.any(Number)); // waited for the slot, gave up
    gate.resolve();
    await holder;
    // Had the refused call been counted, the minute would now be spent.
    expect(await attempt(rl, k, l)).toBe('ran');
    expect(await attempt(rl, k, l)).toBe(60_000);
  });
});

describe('the concurrency slots', () => {
  it('holds the sixth call until one of five in progress finishes', async () => {
    const clock = manualClock();
    const rl = limiter(redisA, clock.now, { maxWaitMs: 10_000 });
    const k = key();
    const l = limits({ concurrent: 5 });
    const events: string[] = [];
    const gates = Array.from({ length: 5 }, () => deferred());
    const running = gates.map((gate, i) =>
      rl.schedule(k, l, async () => {
        events.push(`start ${i}`);
        await gate.promise;
        events.push(`end ${i}`);
      }),
    );
    while (events.length < 5) await sleep(5);
    const sixth = rl.schedule(k, l, async () => {
      events.push('start 5');
    });
    await sleep(300); // ample time for a wrongly admitted sixth call to start
    expect(events).not.toContain('start 5');
    gates[2]?.resolve();
    await sixth;
    expect(events.slice(5)).toEqual(['end 2', 'start 5']);
    gates.forEach((gate) => gate.resolve());
    await Promise.all(running);
  });

  it('releases the slot when the call throws', async () => {
    const clock = manualClock();
    const rl = limiter(redisA, clock.now, { maxWaitMs: 0 });
    const k = key();
    const l = limits({ concurrent: 1 });
    for (let i = 0; i < 3; i += 1) {
      await expect(
        rl.schedule(k, l, async () => {
          throw new Error('platform said no');
        }),
      ).rejects.toThrow('platform said no');
    }
    // With no wait allowed at all, this runs only if the slot is free.
    expect(await attempt(rl, k, l)).toBe('ran');
  });

  it('frees the slot of a process that died mid-call once its lease runs out', async () => {
    const clock = manualClock();
    const doomedRedis = connect();
    const doomed = limiter(doomedRedis, clock.now, { leaseMs: 10_000 });
    const survivor = limiter(redisB, clock.now, { leaseMs: 10_000 });
    const k = key();
    const l = limits({ concurrent: 1 });
    const gate = deferred();
    let started = false;
    const stranded = doomed.schedule(k, l, async () => {
      started = true;
      await gate.promise;
      return 'finished';
    });
    while (!started) await sleep(5);
    doomedRedis.disconnect(); // the process dies holding the slot: no release will reach Redis

    clock.set(9_999);
    expect(await attempt(survivor, k, l)).toEqual(expect.any(Number));
    clock.set(10_000);
    expect(await attempt(survivor, k, l)).toBe('ran');

    gate.resolve();
    await expect(stranded).resolves.toBe('finished'); // a failed release does not fail the call
  });
});

describe('one budget for every process', () => {
  it('two instances on two connections share the minute', async () => {
    const clock = manualClock();
    const [a, b] = [limiter(redisA, clock.now), limiter(redisB, clock.now)];
    const k = key();
    const l = limits({ perMinute: 10, concurrent: 30 });
    const outcomes = await Promise.all(Array.from({ length: 30 }, (_, i) => attempt(i % 2 ? a : b, k, l)));
    expect(outcomes.filter((o) => o === 'ran')).toHaveLength(10);
    expect(outcomes.filter((o) => o === 60_000)).toHaveLength(20);
  });

  it('two instances never run more calls at once than the tenant allows', async () => {
    const clock = manualClock();
    const [a, b] = [
      limiter(redisA, clock.now, { maxWaitMs: 20_000 }),
      limiter(redisB, clock.now, { maxWaitMs: 20_000 }),
    ];
    const k = key();
    const l = limits({ concurrent: 3, perMinute: 100 });
    let active = 0;
    let mostActive = 0;
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        (i % 2 ? a : b).schedule(k, l, async () => {
          active += 1;
          mostActive = Math.max(mostActive, active);
          await sleep(15);
          active -= 1;
          return i;
        }),
      ),
    );
    expect(results).toEqual(Array.from({ length: 12 }, (_, i) => i));
    expect(mostActive).toBeLessThanOrEqual(3);
  });

  it('a hold-off from one instance stops every instance until it ends', async () => {
    const clock = manualClock();
    const [a, b] = [limiter(redisA, clock.now), limiter(redisB, clock.now)];
    const k = key();
    const l = limits();
    await a.holdOff(k, T0 + 30_000);
    await b.holdOff(k, T0 + 10_000); // an earlier end does not shorten it
    expect(await attempt(a, k, l)).toBe(30_000);
    expect(await attempt(b, k, l)).toBe(30_000);
    expect(await attempt(b, key(), l)).toBe('ran'); // another tenant is not held
    clock.set(30_000);
    expect(await attempt(b, k, l)).toBe('ran');
  });
});

describe('the rolling day', () => {
  it('allows perDay calls in 24 hours, then refuses until the first has left the day', async () => {
    const clock = manualClock();
    const rl = limiter(redisA, clock.now);
    const k = key();
    const l = limits({ perDay: 3 });
    for (let hour = 0; hour < 3; hour += 1) {
      clock.set(hour * 3_600_000);
      expect(await attempt(rl, k, l)).toBe('ran');
    }
    clock.set(5 * 3_600_000);
    // Counted by the minute: the first call's minute leaves the day at 24 h + 1 min.
    expect(await attempt(rl, k, l)).toBe(86_460_000 - 5 * 3_600_000);
    clock.set(86_460_000);
    expect(await attempt(rl, k, l)).toBe('ran');
    expect(await attempt(rl, k, l)).toBe(3_600_000);
  });

  it('forgets a day long past', async () => {
    const clock = manualClock();
    const rl = limiter(redisA, clock.now);
    const k = key();
    const l = limits({ perDay: 2 });
    expect(await attempt(rl, k, l)).toBe('ran');
    expect(await attempt(rl, k, l)).toBe('ran');
    clock.set(3 * 86_400_000);
    expect(await attempt(rl, k, l)).toBe('ran');
    expect(await attempt(rl, k, l)).toBe('ran');
    expect(await attempt(rl, k, l)).toEqual(expect.any(Number));
  });
});

describe('fairness between tenants', () => {
  it('a tenant that has spent its budget never slows another', async () => {
    const clock = manualClock();
    const rl = limiter(redisA, clock.now, { maxWaitMs: 0 });
    const [busy, quiet] = [key(), key()];
    const l = limits({ perMinute: 5, concurrent: 2 });
    for (let i = 0; i < 3; i += 1) expect(await attempt(rl, busy, l)).toBe('ran');
    const gate = deferred();
    let holders = 0;
    const hold = async () => {
      holders += 1;
      await gate.promise;
    };
    const holding = [rl.schedule(busy, l, hold), rl.schedule(busy, l, hold)];
    while (holders < 2) await sleep(5);
    expect(await attempt(rl, busy, l)).toEqual(expect.any(Number));

    // With no wait allowed at all, each of these runs only if nothing held it back.
    for (let i = 0; i < 5; i += 1) expect(await attempt(rl, quiet, l)).toBe('ran');
    gate.resolve();
    await Promise.all(holding);
  });
});

describe('what the platform reports', () => {
  it('obeys the platform when it counts fewer calls remaining than we do', async () => {
    const clock = manualClock();
    const rl = limiter(redisA, clock.now);
    const k = key();
    const l = limits({ perMinute: 5 });
    expect(await attempt(rl, k, l)).toBe('ran');
    clock.set(1_000);
    await rl.observeRemaining(k, { minute: 2 });
    expect(await attempt(rl, k, l)).toBe('ran');
    expect(await attempt(rl, k, l)).toBe('ran');
    expect(await attempt(rl, k, l)).toBe(59_000); // our own oldest call leaves first
  });

  it('keeps its own count when the platform reports more remaining', async () => {
    const clock = manualClock();
    const rl = limiter(redisA, clock.now);
    const k = key();
    const l = limits({ perMinute: 3, perDay: 10 });
    expect(await attempt(rl, k, l)).toBe('ran');
    await rl.observeRemaining(k, { minute: 59, day: 4_999 });
    expect(await attempt(rl, k, l)).toBe('ran');
    expect(await attempt(rl, k, l)).toBe('ran');
    expect(await attempt(rl, k, l)).toBe(60_000);
  });

  it('stops for the day when the platform says the day is spent', async () => {
    const clock = manualClock();
    const rl = limiter(redisA, clock.now);
    const k = key();
    const l = limits({ perDay: 5000 });
    expect(await attempt(rl, k, l)).toBe('ran');
    await rl.observeRemaining(k, { day: 0 }, T0 + 500);
    expect(await attempt(rl, k, l)).toBe(86_460_000);
  });

  it('records what the platform reported', async () => {
    const clock = manualClock();
    const rl = limiter(redisA, clock.now);
    const k = key();
    await rl.observeRemaining(k, { minute: 42, day: 4_321 });
    expect(await redisA.hgetall(`${prefix}:{${k}}:meta`)).toMatchObject({
      minuteRemaining: '42',
      dayRemaining: '4321',
      observedAt: String(T0),
    });
  });
});

it('unlimited runs every call at once', async () => {
  const results = await Promise.all(
    Array.from({ length: 100 }, (_, i) =>
      unlimited.schedule('any', limits({ concurrent: 1 }), async () => i),
    ),
  );
  expect(results).toHaveLength(100);
});
