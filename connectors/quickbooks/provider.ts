// Everything the QuickBooks Online connector needs to know about the platform, as data. Every URL comes
// from config, so the same code talks to Intuit itself, a local emulator or a recorded server.
import type { CredentialNames } from '../shared/app-credentials';
import type { RateLimiter, TenantLimits } from '../shared/rate-limiter';

export interface QuickBooksUrls {
  /** The accounting API host; companies live below `${api}/v3/company/<realmId>`. */
  api: string;
  /** Where a person is sent to grant access (Intuit: appcenter.intuit.com/connect/oauth2). */
  authorize: string;
  token: string;
  revoke: string;
  /** OpenID Connect userinfo: the signed-in Intuit user. */
  userinfo: string;
}

export interface QuickBooksConnectorConfig {
  /** Empty when the app has no Intuit credentials: connecting is then refused with a clear message. */
  clientId: string;
  clientSecret: string;
  urls: QuickBooksUrls;
  scopes?: string[];
  /** The app's webhook verifier token; without it the connector offers no webhook verifier. */
  webhookVerifier?: string;
  /** Per HTTP request; a slow answer becomes `unavailable` instead of holding a worker. */
  timeoutMs?: number;
  /** Shared by every worker that calls QuickBooks for the same company; defaults to `unlimited`. */
  limiter?: RateLimiter;
  /** The clock that decides whether a CDC window is still inside Intuit's look-back. */
  now?: () => number;
}

/** Intuit's published endpoints, for configuration defaults. */
export const INTUIT_URLS: QuickBooksUrls = {
  api: 'https://quickbooks.api.intuit.com',
  authorize: 'https://appcenter.intuit.com/connect/oauth2',
  token: 'https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer',
  revoke: 'https://developer.api.intuit.com/v2/oauth2/tokens/revoke',
  userinfo: 'https://accounts.platform.intuit.com/v1/openid_connect/userinfo',
};

export const QBO_CREDENTIALS: CredentialNames = {
  platform: 'QuickBooks Online',
  variables: ['QBO_CLIENT_ID', 'QBO_CLIENT_SECRET'],
};

export const QBO_SCOPES = ['com.intuit.quickbooks.accounting', 'openid', 'profile', 'email'];

/** MAXRESULTS may not exceed 1000 in a query. */
export const QBO_PAGE_SIZE = 1000;

/** A CDC answer holds at most this many objects; one that holds as many may have left some out. */
export const QBO_CDC_MAX_OBJECTS = 1000;

/** CDC looks back 30 days; a cursor older than this (a day's margin for clocks and slow passes) starts a
 * full pass instead. */
export const QBO_CDC_LOOKBACK_MS = 29 * 24 * 60 * 60 * 1000;

/** Ids per `Id IN (…)` query: short numeric ids keep the query well inside a URL. */
export const QBO_IDS_PER_QUERY = 200;

/** The longest Note an Attachable keeps. */
export const QBO_NOTE_MAX_LENGTH = 2000;

/** Intuit refuses a longer `requestid`. */
export const QBO_REQUEST_ID_MAX_LENGTH = 50;

/** The API version every call asks for. */
export const QBO_MINOR_VERSION = '75';

export const QBO_DEFAULT_TIMEOUT_MS = 30_000;

/** Per company (realm) and app: 500 requests a minute and 10 at once. Intuit sets no daily cap, so the day
 * budget is what 500 a minute allows and never binds. */
export const QBO_LIMITS: TenantLimits = { perMinute: 500, concurrent: 10, perDay: 500 * 60 * 24 };

export function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
