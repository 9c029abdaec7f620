// What a call to a platform does when the platform pushes back, declared once for every tenant call.
//
// - 429: the organisation's quota is spent. Every caller for the tenant is held off until Retry-After
//   (through the shared limiter); a short wait is sat out here and the call repeated, so a sync slows
//   down but loses nothing; a long one goes back to the job as `rate_limited` with its retryAfterMs.
//   A 429 is refused before anything is done, so even a write may be repeated.
// - 5xx and no answer at all: repeated a couple of times with a short backoff, but only when sending it
//   twice cannot do anything twice (a read, or a write carrying an idempotency key). Otherwise the
//   failure goes back as `unavailable` and the job's own policy (retryPolicy) decides.
// - Everything else (401, 403, validation, a bad payload) is the job's business at once.
import { ConnectorError, isConnectorError } from './errors';
import type { RateLimiter } from './rate-limiter';

/** Longest wait sat out inside one call; beyond it the worker is better spent on another tenant. */
export const MAX_INLINE_WAIT_MS = 30_000;
/** 429s sat out per call before giving the wait back to the job. */
export const RATE_LIMIT_RETRIES = 3;
/** Waits before each repeat of a repeatable call that met a 5xx or no answer. */
export const UNAVAILABLE_BACKOFF_MS: readonly number[] = [500, 1500];
/** Without a Retry-After on a 429, assume the minute window. */
export const DEFAULT_RETRY_AFTER_MS = 60_000;

export interface PlatformRetryOptions {
  limiter: RateLimiter;
  /** The limiter's key for the tenant: `xero:<tenantId>`, `quickbooks:<realmId>`. */
  key: string;
  /** Sending it twice cannot do anything twice: a read, or a write with an Idempotency-Key. */
  repeatable: boolean;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A 429 from the platform itself, as opposed to the limiter refusing to wait that long. */
function isPlatform429(err: ConnectorError): boolean {
  return err.code === 'rate_limited' && err.details.status === 429;
}

function withRetryAfter(err: ConnectorError, retryAfterMs: number): ConnectorError {
  if (err.details.retryAfterMs !== undefined) return err;
  return new ConnectorError(err.code, err.message, { ...err.details, retryAfterMs });
}

export async function withPlatformRetry<T>(
  options: PlatformRetryOptions,
  attempt: () => Promise<T>,
): Promise<T> {
  const { limiter, key, repeatable, sleep = realSleep, now = Date.now } = options;
  let rateLimited = 0;
  let unavailable = 0;
  for (;;) {
    try {
      return await attempt();
    } catch (err) {
      if (!isConnectorError(err)) throw err;

      if (isPlatform429(err)) {
        const waitMs = err.details.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS;
        await limiter.holdOff(key, now() + waitMs);
        if (waitMs > MAX_INLINE_WAIT_MS || rateLimited >= RATE_LIMIT_RETRIES) {
          throw withRetryAfter(err, waitMs);
        }
        rateLimited += 1;
        await sleep(waitMs);
        continue;
      }

      if (err.code === 'unavailable' && repeatable) {
        const backoffMs = UNAVAILABLE_BACKOFF_MS[unavailable];
        const waitMs = Math.max(backoffMs ?? 0, err.details.retryAfterMs ?? 0);
        if (backoffMs === undefined || waitMs > MAX_INLINE_WAIT_MS) throw err;
        unavailable += 1;
        await sleep(waitMs);
        continue;
      }

      throw err;
    }
  }
}
