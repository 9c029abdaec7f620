// The accounting API under /api.xro/2.0. Every route is counted, then passes the gateway's checks
// (token, tenant), the rate limiter, any fault queued for it, the scope check and the
// Idempotency-Key layer, then its handler; the handlers live in one file per resource.
import express, { Router, type ErrorRequestHandler, type Request, type Response } from 'express';
import { grantOf, requireBearer, requireScope, requireTenant } from './api-auth';
import { registerCashCreditRoutes } from './cash-credit-routes';
import { registerContactRoutes } from './contact-routes';
import { registerCreditNoteRoutes } from './credit-note-routes';
import { idempotency } from './idempotency';
import { registerInvoiceRoutes } from './invoice-routes';
import { registerOnlineInvoiceRoutes } from './online-invoice-routes';
import { LedgerError } from './ledger';
import { registerPaymentRoutes } from './payment-routes';
import { rateLimit } from './rate-limits';
import {
  envelope,
  isBodyParseError,
  sendNotFound,
  sendPostDataInvalid,
  sendQueryParseError,
  sendValidationError,
  type Envelope,
} from './responses';
import type { SandboxStore } from './store';
import { QueryParseError } from './where-clause';

export type Handler = (req: Request, res: Response) => void;

export interface RouteTable {
  store: SandboxStore;
  get(path: string, scopes: readonly string[], handler: Handler): void;
  put(path: string, scopes: readonly string[], handler: Handler): void;
  post(path: string, scopes: readonly string[], handler: Handler): void;
  delete(path: string, scopes: readonly string[], handler: Handler): void;
  /** The response wrapper, naming the calling app as ProviderName. */
  envelope(req: Request): Envelope;
}

export function accountingRouter(store: SandboxStore): Router {
  const router = Router();
  const { authority } = store;
  router.use(express.json({ limit: '2mb' }));
  const add =
    (method: 'get' | 'put' | 'post' | 'delete') =>
    (path: string, scopes: readonly string[], handler: Handler) => {
      const label = `${method.toUpperCase()} ${path.replace(/:(\w+)/g, '{$1}')}`;
      router[method](
        path,
        (_req, _res, next) => {
          store.count(label);
          next();
        },
        requireBearer(authority),
        requireTenant(authority),
        rateLimit(store.limiter),
        store.faults.forRoute(label),
        requireScope(scopes),
        idempotency(store),
        (req, res) => handle(handler, req, res),
      );
    };
  const table: RouteTable = {
    store,
    get: add('get'),
    put: add('put'),
    post: add('post'),
    delete: add('delete'),
    envelope: (req) => envelope(grantOf(req).client.name, store.nowMs()),
  };
  registerContactRoutes(table);
  registerInvoiceRoutes(table);
  registerOnlineInvoiceRoutes(table);
  registerCreditNoteRoutes(table);
  registerPaymentRoutes(table);
  registerCashCreditRoutes(table);
  router.use((_req, res) => sendNotFound(res));
  router.use(unreadableBody);
  return router;
}

const unreadableBody: ErrorRequestHandler = (err, _req, res, next) => {
  if (isBodyParseError(err) && !res.headersSent)
    sendPostDataInvalid(res, 'The request body could not be read as JSON');
  else next(err);
};

/** Xero's answers to a query it cannot parse and to a change it refuses. */
function handle(handler: Handler, req: Request, res: Response): void {
  try {
    handler(req, res);
  } catch (err) {
    if (err instanceof QueryParseError) {
      sendQueryParseError(res, err.message);
    } else if (err instanceof LedgerError) {
      sendValidationError(res, [{ ValidationErrors: [{ Message: err.message }] }]);
    } else {
      throw err;
    }
  }
}
