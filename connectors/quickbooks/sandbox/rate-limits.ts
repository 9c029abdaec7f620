// QuickBooks Online's throttles for the Accounting API, per company (realm) and app: 500 requests in
// any 60 seconds and 10 in progress at once. A request over either gets 429 with Intuit's
// ThrottleExceeded fault (in XML, as Intuit sends it whatever was asked for). Intuit sends no
// remaining-budget headers and no Retry-After; neither does the sandbox. Windows run on the sandbox
// clock; refused requests do not count.

export interface RateLimits {
  perMinute: number;
  concurrent: number;
}

/** `true` is Intuit's limits, `false` none; an object changes some of them. */
export type RateLimitOption = boolean | Partial<RateLimits>;

export const QBO_RATE_LIMITS: Readonly<RateLimits> = { perMinute: 500, concurrent: 10 };

const MINUTE_MS = 60_000;

interface RealmUsage {
  /** Instants of the admitted requests still in the window, oldest first. */
  times: number[];
  head: number;
  active: number;
}

export class RateLimiter {
  private limits: RateLimits | null;
  private realms = new Map<string, RealmUsage>();

  constructor(
    option: RateLimitOption | undefined,
    private readonly clock: () => number,
  ) {
    this.limits = resolve(option);
  }

  configure(option: RateLimitOption): void {
    this.limits = resolve(option);
    this.realms.clear();
  }

  get current(): RateLimits | null {
    return this.limits ? { ...this.limits } : null;
  }

  /** A release function when admitted (call it when the response is done), null when refused. */
  admit(realmId: string): (() => void) | null {
    const limits = this.limits;
    if (!limits) return () => undefined;
    const now = this.clock();
    let usage = this.realms.get(realmId);
    if (!usage) this.realms.set(realmId, (usage = { times: [], head: 0, active: 0 }));
    while (usage.head < usage.times.length && (usage.times[usage.head] ?? 0) <= now - MINUTE_MS) usage.head++;
    if (usage.head > 1024 && usage.head * 2 > usage.times.length) {
      usage.times = usage.times.slice(usage.head);
      usage.head = 0;
    }
    if (usage.times.length - usage.head >= limits.perMinute || usage.active >= limits.concurrent) return null;
    usage.times.push(now);
    usage.active++;
    const held = usage;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      held.active--;
    };
  }
}

function resolve(option: RateLimitOption | undefined): RateLimits | null {
  if (option === false) return null;
  if (option === undefined || option === true) return { ...QBO_RATE_LIMITS };
  return { ...QBO_RATE_LIMITS, ...option };
}
