// Every call against one organisation's accounting data goes through here: scheduled within the
// tenant's limits (shared with every other worker), its quota headers reported back to the limiter,
// its failures turned into ConnectorErrors, and repeated only as platform-retry.ts allows.
// OAuth and /connections are app-level calls with limits of their own, so they do not come here.
import type { AccountingApi } from 'xero-node/dist/gen/api/accountingApi';
import type { RateLimiter } from '../shared/rate-limiter';
import type { ApiContext } from '../types';
import type { AccountingApiFactory, XeroNodeCall } from './client';
import { fromXeroNodeRejection, headerLookup, rejectionHeaders, type HeaderLookup } from './errors';
import { withPlatformRetry, type PlatformRetryOptions } from '../shared/platform-retry';
import { XERO_LIMITS } from './provider';
import { remainingCalls } from './quota';

export interface TenantRequest {
  /** Names the call in errors: `Invoices page 3`. */
  what: string;
  /** Sending it twice cannot do anything twice: a GET, or a PUT carrying an Idempotency-Key. */
  repeatable: boolean;
  send(api: AccountingApi): XeroNodeCall;
}

/** Runs one request for one organisation and resolves to the raw response body. */
export type TenantClient = (ctx: ApiContext, request: TenantRequest) => Promise<unknown>;

export function limiterKey(tenantId: string): string {
  return `xero:${tenantId}`;
}

async function observe(limiter: RateLimiter, key: string, header: HeaderLookup): Promise<void> {
  const remaining = remainingCalls(header);
  if (remaining !== null) await limiter.observeRemaining(key, remaining);
}

async function sendOnce(
  api: AccountingApiFactory,
  limiter: RateLimiter,
  key: string,
  ctx: ApiContext,
  request: TenantRequest,
): Promise<unknown> {
  let response: { data?: unknown; headers?: unknown };
  try {
    ({ response } = await request.send(api(ctx.accessToken)));
  } catch (err) {
    const header = rejectionHeaders(err);
    // Xero's refusal is what the caller needs to hear; a limiter that cannot record the count must not
    // replace it with an error of its own.
    if (header !== undefined) await observe(limiter, key, header).catch(() => undefined);
    throw fromXeroNodeRejection(err, request.what);
  }
  await observe(limiter, key, headerLookup(response.headers));
  return response.data;
}

export function createTenantClient(
  api: AccountingApiFactory,
  limiter: RateLimiter,
  retryTiming: Pick<PlatformRetryOptions, 'sleep' | 'now'> = {},
): TenantClient {
  return (ctx, request) => {
    const key = limiterKey(ctx.tenantId);
    return withPlatformRetry({ limiter, key, repeatable: request.repeatable, ...retryTiming }, () =>
      limiter.schedule(key, XERO_LIMITS, () => sendOnce(api, limiter, key, ctx, request)),
    );
  };
}
