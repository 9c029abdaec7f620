// The API gateway's checks, in Xero's order and words: a bearer token that is ours and unexpired
// (401 AuthenticationUnsuccessful / TokenExpired), a xero-tenant-id the token's user has connected to
// this app (403 AuthenticationUnsuccessful), and a scope that covers the endpoint (401
// AuthorizationUnsuccessful).
import type { Request, RequestHandler } from 'express';
import type { Authority, Grant } from './grants';
import { sendProblem } from './responses';
import { expiryStamp } from './xero-dates';

const grants = new WeakMap<Request, Grant>();

/** The grant behind the request's access token; only valid after `requireBearer` let it through. */
export function grantOf(req: Request): Grant {
  const grant = grants.get(req);
  if (!grant) throw new Error('requireBearer must run before this handler');
  return grant;
}

export function tenantOf(req: Request): string {
  return (req.get('xero-tenant-id') ?? '').trim().toLowerCase();
}

export function requireBearer(authority: Authority): RequestHandler {
  return (req, res, next) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get('Authorization') ?? '');
    const result = match?.[1] ? authority.authenticate(match[1]) : null;
    if (!result || !result.ok) {
      const detail =
        result && !result.ok && result.reason === 'expired'
          ? `TokenExpired: token expired at ${expiryStamp(result.expiredAt)}`
          : 'AuthenticationUnsuccessful';
      sendProblem(res, 401, detail);
      return;
    }
    grants.set(req, result.grant);
    next();
  };
}

export function requireTenant(authority: Authority): RequestHandler {
  return (req, res, next) => {
    const tenantId = tenantOf(req);
    if (!tenantId || !authority.isConnected(grantOf(req), tenantId)) {
      sendProblem(res, 403, 'AuthenticationUnsuccessful');
      return;
    }
    next();
  };
}

export function requireScope(anyOf: readonly string[]): RequestHandler {
  return (req, res, next) => {
    if (!grantOf(req).scopes.some((scope) => anyOf.includes(scope))) {
      sendProblem(res, 401, 'AuthorizationUnsuccessful');
      return;
    }
    next();
  };
}

/**
 * Which scopes open which endpoints: the broad scopes of xero_accounting.yaml, and the granular ones
 * Xero gives apps created since March 2026 (accounting.invoices, accounting.payments).
 */
export const SCOPES = {
  settingsRead: ['accounting.settings', 'accounting.settings.read'],
  contactsRead: ['accounting.contacts', 'accounting.contacts.read'],
  invoicesRead: [
    'accounting.transactions',
    'accounting.transactions.read',
    'accounting.invoices',
    'accounting.invoices.read',
  ],
  invoicesWrite: ['accounting.transactions', 'accounting.invoices'],
  paymentsRead: [
    'accounting.transactions',
    'accounting.transactions.read',
    'accounting.payments',
    'accounting.payments.read',
  ],
  paymentsWrite: ['accounting.transactions', 'accounting.payments'],
} as const;
