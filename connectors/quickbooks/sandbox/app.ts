// Wires the sandbox: one registered app, one or more companies (realms), Intuit's OAuth hosts and the
// Accounting API folded into one Express app (see oauth-routes.ts for the OAuth paths; the API is
// under /v3/company/{realmId}), the page an invoice link opens (under /portal/invoices), plus the
// sandbox's own control endpoints under /__sandbox.
import express, { type ErrorRequestHandler, type Express } from 'express';
import { accountingRouter } from './accounting-routes';
import { CONTROL_PATH, controlRouter } from './control-routes';
import { generateDemoCompany, generateEmptyCompany } from './demo-company';
import { generateCompany, type CompanySize } from './generate-company';
import type { Country } from './company-parts';
import { INTUIT_LIFETIMES, OAuthAuthority, type TokenLifetimes } from './oauth';
import { PORTAL_PATH } from './invoice-link';
import { oauthRouter } from './oauth-routes';
import { portalRouter } from './portal-routes';
import type { RateLimitOption } from './rate-limits';
import type { CompanyData } from './records';
import { isBodyParseError, sendSystemFault, sendValidationFault } from './responses';
import { QuickBooksSandboxStore } from './store';
import type { WebhookTarget } from './webhooks';

export const DEFAULT_CLIENT_ID = 'sandbox-intuit-client-id';
export const DEFAULT_CLIENT_SECRET = 'sandbox-intuit-client-secret';
export const DEFAULT_SEED = 20_261_124;

/** 'demo' (default), 'empty', `{ size }` for a generated company, or `{ data }` made earlier. */
export type CompanyChoice = 'demo' | 'empty' | { size: CompanySize } | { data: CompanyData };

export interface QuickBooksSandboxOptions {
  clientId?: string;
  clientSecret?: string;
  /** The sandbox clock; default () => new Date(). */
  now?: () => Date;
  /** PRNG seed: the same seed gives the same companies (the n-th company uses seed + n). */
  seed?: number;
  /** The company, when there is one; `companies` for several realms. */
  company?: CompanyChoice;
  companies?: CompanyChoice[];
  /** Default 'US' (San Francisco, USD); 'CA' is Toronto, CAD. */
  country?: Country;
  /** Intuit's throttle (500 a minute, 10 at once, per company). Default true; false turns it off. */
  limits?: RateLimitOption;
  webhook?: WebhookTarget;
  /** Exact redirect URIs to accept; by default any loopback http(s) URI. */
  redirectUris?: string[];
  /** Token lifetimes in seconds; Intuit's by default (see oauth.ts). */
  tokenLifetimes?: Partial<TokenLifetimes>;
}

export interface QuickBooksSandboxApp {
  app: Express;
  store: QuickBooksSandboxStore;
  clientId: string;
  clientSecret: string;
  realmId: string;
  /** Where startQuickBooksSandbox tells the app it is reached (for the discovery document). */
  setPublicUrl(url: string): void;
}

function companyFor(
  choice: CompanyChoice,
  seed: number,
  now: number,
  country: Country | undefined,
): CompanyData {
  const base = { seed, now, ...(country ? { country } : {}) };
  if (choice === 'empty') return generateEmptyCompany(base);
  if (choice === 'demo') return generateDemoCompany(base);
  if ('data' in choice) return choice.data;
  return generateCompany({ ...base, ...choice.size });
}

export function createQuickBooksSandboxApp(options: QuickBooksSandboxOptions = {}): QuickBooksSandboxApp {
  const clock = options.now ?? (() => new Date());
  const seed = options.seed ?? DEFAULT_SEED;
  const now = clock().getTime();
  const choices = options.companies ?? [options.company ?? 'demo'];
  const companies = choices.map((choice, i) => companyFor(choice, seed + i, now, options.country));
  const first = companies[0];
  if (!first) throw new RangeError('The sandbox needs at least one company');
  const authority = new OAuthAuthority(
    {
      clientId: options.clientId ?? DEFAULT_CLIENT_ID,
      clientSecret: options.clientSecret ?? DEFAULT_CLIENT_SECRET,
      redirectUris: options.redirectUris ?? null,
    },
    () => clock().getTime(),
    () => first.user,
    () => first.realmId,
    { ...INTUIT_LIFETIMES, ...options.tokenLifetimes },
  );
  const store = new QuickBooksSandboxStore(companies, authority, clock, {
    limits: options.limits ?? true,
    webhook: options.webhook ?? null,
  });
  let publicUrl = 'http://127.0.0.1';

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(
    oauthRouter(
      authority,
      () => publicUrl,
      (label) => store.count(label),
    ),
  );
  app.use(
    '/v3/company/:realmId',
    accountingRouter(store, () => publicUrl),
  );
  app.use('/v3/company/:realmId', (req, res) => {
    sendValidationFault(
      res,
      'Unsupported Operation',
      `Operation Could not find resource for relative : ${req.path} is not supported.`,
      '500',
      store.time(String(req.params.realmId)),
    );
  });
  app.use(CONTROL_PATH, controlRouter(store));
  app.use(PORTAL_PATH, portalRouter(store));
  app.use((_req, res) => {
    res.status(404).type('text/plain').send('Not Found');
  });
  app.use(errorHandler(store));

  return {
    app,
    store,
    clientId: authority.client.clientId,
    clientSecret: authority.client.clientSecret,
    realmId: first.realmId,
    setPublicUrl: (url) => {
      publicUrl = url.replace(/\/+$/, '');
    },
  };
}

function errorHandler(store: QuickBooksSandboxStore): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const realmId = /^\/v3\/company\/([^/?]+)/.exec(req.originalUrl)?.[1];
    if (isBodyParseError(err)) {
      sendValidationFault(
        res,
        'Request has invalid or unsupported property',
        'The body is not valid JSON',
        '2010',
        store.time(realmId),
      );
      return;
    }
    sendSystemFault(res, 500, store.time(realmId));
  };
}
