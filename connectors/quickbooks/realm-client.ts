// Every call against one company's books goes through here: scheduled within the realm's limits (shared
// with every other worker), its failures (a Fault with any status, XML or JSON) turned into
// ConnectorErrors, and repeated only as the shared platform retry allows. OAuth calls have limits of
// their own and do not come here.
import type { RateLimiter } from '../shared/rate-limiter';
import { withPlatformRetry, type PlatformRetryOptions } from '../shared/platform-retry';
import type { ApiContext } from '../types';
import type { QboCaller, QboSend } from './client';
import { fromAnswer, isFailure, isObjectNotFound } from './errors';
import { QBO_LIMITS } from './provider';

export interface RealmRequest {
  /** Names the call in errors: `Invoice query page 3`. */
  what: string;
  /** Sending it twice cannot do anything twice: a read, or a create carrying a requestid. */
  repeatable: boolean;
  send: QboSend;
  /** A read of one record by id: QuickBooks' Object Not Found fault answers null instead of failing. */
  nullIfNotFound?: boolean;
}

/** Runs one request for one company and resolves to the body of its answer (null: no such record). */
export type RealmClient = (ctx: ApiContext, request: RealmRequest) => Promise<unknown>;

export function limiterKey(realmId: string): string {
  return `quickbooks:${realmId}`;
}

export function createRealmClient(
  call: QboCaller,
  limiter: RateLimiter,
  retryTiming: Pick<PlatformRetryOptions, 'sleep' | 'now'> = {},
): RealmClient {
  return (ctx, request) => {
    const key = limiterKey(ctx.tenantId);
    return withPlatformRetry({ limiter, key, repeatable: request.repeatable, ...retryTiming }, () =>
      limiter.schedule(key, QBO_LIMITS, async () => {
        const answer = await call(ctx, request.what, request.send);
        if (request.nullIfNotFound && isObjectNotFound(answer)) return null;
        if (isFailure(answer)) throw fromAnswer(answer, request.what);
        return answer.body;
      }),
    );
  };
}
