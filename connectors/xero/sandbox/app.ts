// Wires the sandbox: one organisation, one registered app, and Xero's hosts folded into one Express
// app (identity under /identity, /connections, the accounting API under /api.xro/2.0, and the online
// invoices customers open under /online-invoices), plus the sandbox's own control endpoints under
// /__sandbox (faults, webhooks, limits).
import express, { type ErrorRequestHandler, type Express } from 'express';
import { accountingRouter } from './accounting-routes';
import { connectionsRouter } from './connections-routes';
import { CONTROL_PATH, controlRouter } from './control-routes';
import { generateDemoOrganisation, generateEmptyOrganisation } from './demo-organisation';
import { generateOrganisation, type OrganisationSize } from './generate-organisation';
import { Authority } from './grants';
import { identityRouter } from './identity-routes';
import { onlineInvoicePages } from './online-invoice-page';
import { ONLINE_INVOICE_PATH } from './online-invoices';
import { signingKey } from '../../shared/sandbox/jwt';
import { sendNotFound, XERO_FAILURE_TEXT } from './responses';
import type { RateLimitOption } from './rate-limits';
import type { OrganisationData } from './records';
import { SandboxStore } from './store';
import type { WebhookTarget } from './webhooks';

export const DEFAULT_CLIENT_ID = 'sandbox-client-id';
export const DEFAULT_CLIENT_SECRET = 'sandbox-client-secret';
export const DEFAULT_SEED = 20_261_124;

export interface XeroSandboxOptions {
  /** Default 'sandbox-client-id'. */
  clientId?: string;
  /** Default 'sandbox-client-secret'. */
  clientSecret?: string;
  /** The sandbox clock; default () => new Date(). */
  now?: () => Date;
  /** PRNG seed for the demo organisation: the same seed gives the same organisation. */
  seed?: number;
  /**
   * Default 'demo'; 'empty' is the same organisation with no contacts or transactions; `{ size }`
   * generates one of that size (see generate-organisation.ts); `{ data }` serves books made earlier.
   */
  organisation?: 'demo' | 'empty' | { size: OrganisationSize } | { data: OrganisationData };
  /**
   * Xero's rate limits per tenant (60 a minute, 5 at once, 5000 a day, 10,000 a minute for the app).
   * Default true, as at Xero; tests and benchmarks that are not about limits pass false.
   */
  limits?: RateLimitOption;
  /** The app's webhook endpoint and signing key; `store.setWebhook` changes it later. */
  webhook?: WebhookTarget;
  /** Default 1800, like Xero. */
  accessTokenTtlSeconds?: number;
  /** The registered app's name: ProviderName in responses, User on the notes it posts. Default 'Goodwill'. */
  appName?: string;
  /** Exact redirect URIs to accept; by default any loopback http(s) URI. */
  redirectUris?: string[];
}

export interface XeroSandboxApp {
  app: Express;
  store: SandboxStore;
  clientId: string;
  clientSecret: string;
  tenantId: string;
}

export function createXeroSandboxApp(options: XeroSandboxOptions = {}): XeroSandboxApp {
  const clock = options.now ?? (() => new Date());
  const seed = options.seed ?? DEFAULT_SEED;
  const now = clock().getTime();
  const data = organisationFor(options.organisation, seed, now);
  const client = {
    clientId: options.clientId ?? DEFAULT_CLIENT_ID,
    clientSecret: options.clientSecret ?? DEFAULT_CLIENT_SECRET,
    name: options.appName ?? 'Goodwill',
    redirectUris: options.redirectUris ?? null,
  };
  const authority = new Authority({
    client,
    key: signingKey(),
    clock: () => clock().getTime(),
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 1800,
    tenant: { id: data.organisation.id, name: data.organisation.name },
    user: data.user,
  });
  const store = new SandboxStore(data, authority, clock, {
    limits: options.limits ?? true,
    webhook: options.webhook ?? null,
  });

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use('/identity', identityRouter(store));
  app.use('/connections', connectionsRouter(store));
  app.use('/api.xro/2.0', accountingRouter(store));
  app.use(ONLINE_INVOICE_PATH, onlineInvoicePages(store));
  app.use(CONTROL_PATH, controlRouter(store));
  app.use((_req, res) => sendNotFound(res));
  app.use(errorHandler);

  return {
    app,
    store,
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    tenantId: data.organisation.id,
  };
}

function organisationFor(
  choice: XeroSandboxOptions['organisation'],
  seed: number,
  now: number,
): OrganisationData {
  if (choice === 'empty') return generateEmptyOrganisation({ seed, now });
  if (choice === undefined || choice === 'demo') return generateDemoOrganisation({ seed, now });
  if ('data' in choice) return choice.data;
  return generateOrganisation({ seed, now, ...choice.size });
}

const errorHandler: ErrorRequestHandler = (err, _req, res, next) => {
  if (res.headersSent) {
    next(err);
    return;
  }
  res.status(500).set('Content-Type', 'text/plain; charset=utf-8').send(XERO_FAILURE_TEXT);
};
