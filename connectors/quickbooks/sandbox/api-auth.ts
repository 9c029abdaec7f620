// The Accounting API's gate, in Intuit's order and words: a bearer token that is ours, live and not
// revoked (401 AuthenticationFault, code 3200), granted for this very company with the accounting
// scope (403 AuthorizationFault, code 3100); then the company's throttle (429 ThrottleExceeded).
import type { RequestHandler } from 'express';
import { ACCOUNTING_SCOPE } from './oauth';
import { sendAuthenticationFault, sendAuthorizationFault, sendThrottled } from './responses';
import type { QuickBooksSandboxStore } from './store';

const DETAILS = {
  unknown: 'Token invalid',
  expired: 'Token expired',
  revoked: 'Token revoked',
} as const;

export function requireConnection(store: QuickBooksSandboxStore): RequestHandler {
  return (req, res, next) => {
    const realmId = String(req.params.realmId ?? '');
    const time = store.time(realmId);
    const token = /^Bearer\s+(\S+)\s*$/i.exec(req.get('Authorization') ?? '')?.[1];
    const auth = token ? store.authority.authenticate(token) : null;
    if (!auth?.ok) {
      sendAuthenticationFault(res, DETAILS[auth?.reason ?? 'unknown'], time);
      return;
    }
    const { connection } = auth;
    if (
      connection.realmId !== realmId ||
      !connection.scopes.includes(ACCOUNTING_SCOPE) ||
      !store.companies.has(realmId)
    ) {
      sendAuthorizationFault(res, time);
      return;
    }
    next();
  };
}

/** Counts against the company's throttle until the response is done. */
export function throttle(store: QuickBooksSandboxStore): RequestHandler {
  return (req, res, next) => {
    const realmId = String(req.params.realmId ?? '');
    const release = store.limiter.admit(realmId);
    if (!release) {
      sendThrottled(res, store.time(realmId));
      return;
    }
    res.once('close', release);
    next();
  };
}
