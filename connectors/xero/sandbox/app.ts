// Wires the sandbox: one organisation, one registered app, and Xero's three hosts folded into one
// Express app (identity under /identity, /connections, and the accounting API under /api.xro/2.0).
import express, { type ErrorRequestHandler, type Express } from 'express';
import { accountingRouter } from './accounting-routes';
import { connectionsRouter } from './connections-routes';
import { generateDemoOrganisation, generateEmptyOrganisation } from './demo-organisation';
import { Authority } from './grants';
import { identityRouter } from './identity-routes';
import { signingKey } from './jwt';
import { sendNotFound } from './responses';
import { SandboxStore } from './store';

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
  /** Default 'demo'; 'empty' is the same organisation with no contacts or transactions. */
  organisation?: 'demo' | 'empty';
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
  const data =
    options.organisation === 'empty'
      ? generateEmptyOrganisation({ seed, now })
      : generateDemoOrganisation({ seed, now });
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
  const store = new SandboxStore(data, authority, clock);

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use('/identity', identityRouter(store));
  app.use('/connections', connectionsRouter(store));
  app.use('/api.xro/2.0', accountingRouter(store));
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

const errorHandler: ErrorRequestHandler = (err, _req, res, next) => {
  if (res.headersSent) {
    next(err);
    return;
  }
  // Xero's own words for a failure on its side.
  res
    .status(500)
    .set('Content-Type', 'text/plain; charset=utf-8')
    .send(
      'An error occurred in Xero. Check the API Status page http://status.developer.xero.com for current service status.',
    );
};
