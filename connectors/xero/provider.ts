// Everything the Xero connector needs to know about the platform, as data. The base URLs always come
// from config, so the same code talks to Xero itself, the local sandbox or a recorded server.
import type { CredentialNames } from '../shared/app-credentials';
import type { RateLimiter, TenantLimits } from '../shared/rate-limiter';

export interface XeroConnectorConfig {
  /** Empty when the app has no Xero credentials: connecting is then refused with a clear message. */
  clientId: string;
  clientSecret: string;
  /** The OpenID issuer, e.g. `https://identity.xero.com`; its endpoints are discovered from it. */
  identityUrl: string;
  /** The API host, e.g. `https://api.xero.com`; `/connections` and `/api.xro/2.0` live below it. */
  apiUrl: string;
  scopes: string[];
  /** Per HTTP request; a slow answer becomes `unavailable` instead of holding a worker. */
  timeoutMs?: number;
  /** The app's webhook signing key; without it the connector offers no webhook verifier. */
  webhookKey?: string;
  /** Shared by every worker that calls Xero for the same organisation; defaults to `unlimited`. */
  limiter?: RateLimiter;
}

export interface XeroUrls {
  issuer: string;
  discovery: string;
  connections: string;
  accounting: string;
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

export function xeroUrls(config: Pick<XeroConnectorConfig, 'identityUrl' | 'apiUrl'>): XeroUrls {
  const issuer = withoutTrailingSlash(config.identityUrl);
  const api = withoutTrailingSlash(config.apiUrl);
  return {
    issuer,
    discovery: `${issuer}/.well-known/openid-configuration`,
    connections: `${api}/connections`,
    accounting: `${api}/api.xro/2.0`,
  };
}

export const XERO_CREDENTIALS: CredentialNames = {
  platform: 'Xero',
  variables: ['XERO_CLIENT_ID', 'XERO_CLIENT_SECRET'],
};

/** The largest page Xero serves for Invoices, Contacts, Payments and CreditNotes. */
export const XERO_PAGE_SIZE = 1000;

/** Ids per `IDs=` request (Invoices, Contacts): 50 UUIDs keep the query near 2 kB. */
export const XERO_IDS_PER_REQUEST = 50;

/** Xero keeps at most this many characters of a history note's Details. */
export const XERO_NOTE_MAX_LENGTH = 250;

/** Xero refuses longer Idempotency-Key headers. */
export const XERO_IDEMPOTENCY_KEY_MAX_LENGTH = 128;

export const XERO_DEFAULT_TIMEOUT_MS = 30_000;

/** Per tenant (organisation) and app; every accounting call is scheduled against these. */
export const XERO_LIMITS: TenantLimits = { perMinute: 60, concurrent: 5, perDay: 5000 };

/** Leeway for id_token `iat`/`exp` checks against a slightly skewed clock. */
export const XERO_CLOCK_TOLERANCE_SECONDS = 5;
