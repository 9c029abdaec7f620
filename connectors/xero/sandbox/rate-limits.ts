// Xero's API limits, per tenant and app: 60 calls in any 60 seconds, 5 calls in progress at once,
// 5000 calls in any 24 hours, and 10,000 calls a minute for the app across all tenants. Every answer
// says what is left (X-DayLimit-Remaining, X-MinLimit-Remaining, X-AppMinLimit-Remaining); a call over
// a limit gets 429 with Retry-After (seconds) and X-Rate-Limit-Problem naming the limit. The windows
// run on the sandbox clock, so a test can use up a minute's budget and then move time on.
import type { RequestHandler } from 'express';
import { grantOf, tenantOf } from './api-auth';
import { sendTooManyRequests } from './responses';

export interface RateLimits {
  perMinute: number;
  concurrent: number;
  perDay: number;
  appPerMinute: number;
}

/** `true` is Xero's limits, `false` none; an object changes some of them. */
export type RateLimitOption = boolean | Partial<RateLimits>;

export type RateLimitProblem = 'minute' | 'concurrent' | 'day' | 'appminute';

export const XERO_RATE_LIMITS: Readonly<RateLimits> = {
  perMinute: 60,
  concurrent: 5,
  perDay: 5000,
  appPerMinute: 10_000,
};

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

export function resolveLimits(option: RateLimitOption | undefined): RateLimits | null {
  if (option === false) return null;
  if (option === undefined || option === true) return { ...XERO_RATE_LIMITS };
  return { ...XERO_RATE_LIMITS, ...option };
}

/** The instants of the calls made within a sliding window, oldest first. */
class CallLog {
  private times: number[] = [];
  private head = 0;

  constructor(private readonly windowMs: number) {}

  count(now: number): number {
    while (this.head < this.times.length && (this.times[this.head] ?? 0) <= now - this.windowMs) this.head++;
    // Drop the expired prefix now and then, not on every call.
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
    return this.times.length - this.head;
  }

  add(now: number): void {
    this.times.push(now);
  }

  /** Whole seconds until the oldest call leaves the window, at least 1. */
  retryAfterSeconds(now: number): number {
    const oldest = this.times[this.head] ?? now;
    return Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000));
  }
}

interface TenantUsage {
  minute: CallLog;
  day: CallLog;
  active: number;
}

export type Admission =
  | { ok: true; headers: Record<string, string>; release: () => void }
  | {
      ok: false;
      headers: Record<string, string>;
      problem: RateLimitProblem;
      retryAfterSeconds: number;
    };

export class RateLimiter {
  private limits: RateLimits | null;
  private tenants = new Map<string, TenantUsage>();
  private apps = new Map<string, CallLog>();

  constructor(
    option: RateLimitOption | undefined,
    private readonly clock: () => number,
  ) {
    this.limits = resolveLimits(option);
  }

  /** New limits, and a clean slate. */
  configure(option: RateLimitOption): void {
    this.limits = resolveLimits(option);
    this.tenants.clear();
    this.apps.clear();
  }

  get current(): RateLimits | null {
    return this.limits ? { ...this.limits } : null;
  }

  /** Null when limits are off. */
  admit(appId: string, tenantId: string): Admission | null {
    const limits = this.limits;
    if (!limits) return null;
    const now = this.clock();
    const usage = this.usage(`${appId}\n${tenantId}`);
    let app = this.apps.get(appId);
    if (!app) {
      app = new CallLog(MINUTE_MS);
      this.apps.set(appId, app);
    }
    const counts = { day: usage.day.count(now), minute: usage.minute.count(now), app: app.count(now) };
    const refuse = (problem: RateLimitProblem, retryAfterSeconds: number): Admission => ({
      ok: false,
      headers: headers(limits, counts),
      problem,
      retryAfterSeconds,
    });
    if (counts.day >= limits.perDay) return refuse('day', usage.day.retryAfterSeconds(now));
    if (counts.app >= limits.appPerMinute) return refuse('appminute', app.retryAfterSeconds(now));
    if (counts.minute >= limits.perMinute) return refuse('minute', usage.minute.retryAfterSeconds(now));
    // A call in progress ends within seconds; Xero asks for a retry after one.
    if (usage.active >= limits.concurrent) return refuse('concurrent', 1);

    usage.day.add(now);
    usage.minute.add(now);
    app.add(now);
    usage.active++;
    let released = false;
    return {
      ok: true,
      headers: headers(limits, { day: counts.day + 1, minute: counts.minute + 1, app: counts.app + 1 }),
      release: () => {
        if (released) return;
        released = true;
        usage.active--;
      },
    };
  }

  private usage(key: string): TenantUsage {
    let usage = this.tenants.get(key);
    if (!usage) {
      usage = { minute: new CallLog(MINUTE_MS), day: new CallLog(DAY_MS), active: 0 };
      this.tenants.set(key, usage);
    }
    return usage;
  }
}

function headers(
  limits: RateLimits,
  counts: { day: number; minute: number; app: number },
): Record<string, string> {
  const left = (limit: number, used: number) => String(Math.max(0, limit - used));
  return {
    'X-DayLimit-Remaining': left(limits.perDay, counts.day),
    'X-MinLimit-Remaining': left(limits.perMinute, counts.minute),
    'X-AppMinLimit-Remaining': left(limits.appPerMinute, counts.app),
  };
}

/** Runs after the gateway knows the app and the tenant; a call counts until its response is done. */
export function rateLimit(limiter: RateLimiter): RequestHandler {
  return (req, res, next) => {
    const admission = limiter.admit(grantOf(req).client.clientId, tenantOf(req));
    if (!admission) {
      next();
      return;
    }
    res.set(admission.headers);
    if (!admission.ok) {
      res.set('Retry-After', String(admission.retryAfterSeconds));
      res.set('X-Rate-Limit-Problem', admission.problem);
      sendTooManyRequests(res);
      return;
    }
    res.once('close', admission.release);
    next();
  };
}
