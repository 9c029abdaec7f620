// Xero's identity service (an OpenID Connect provider) under /identity: discovery, JWKS, the
// authorize endpoint (consent is given at once, by the sandbox's user), the token endpoint
// (authorization_code with PKCE, rotating refresh_token), revocation and userinfo.
import express, { Router, type ErrorRequestHandler, type Request, type Response } from 'express';
import { z } from 'zod';
import type { ClientApp, TokenResult } from './grants';
import { signingKey } from '../../shared/sandbox/jwt';
import { isBodyParseError, sendOAuthError } from './responses';
import type { SandboxStore } from './store';

const USER_SCOPES = ['openid', 'profile', 'email', 'offline_access'];
const ACCOUNTING_SCOPES = [
  'accounting.transactions',
  'accounting.transactions.read',
  'accounting.invoices',
  'accounting.invoices.read',
  'accounting.payments',
  'accounting.payments.read',
  'accounting.banktransactions',
  'accounting.banktransactions.read',
  'accounting.manualjournals',
  'accounting.manualjournals.read',
  'accounting.reports.read',
  'accounting.reports.tenninetynine.read',
  'accounting.journals.read',
  'accounting.settings',
  'accounting.settings.read',
  'accounting.contacts',
  'accounting.contacts.read',
  'accounting.attachments',
  'accounting.attachments.read',
  'accounting.budgets.read',
  'paymentservices',
];

function knownScope(scope: string): boolean {
  return (
    USER_SCOPES.includes(scope) ||
    ACCOUNTING_SCOPES.includes(scope) ||
    /^accounting\.reports\.[a-z]+\.read$/.test(scope)
  );
}

/** The issuer is wherever the sandbox is reached (and mounted), so discovery and tokens agree. */
function issuerFor(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}${req.baseUrl}`;
}

/**
 * With no redirect URIs configured, the sandbox accepts only loopback addresses: it must never send
 * a browser, with a code, to a host it was not told about.
 */
export function redirectUriAllowed(client: ClientApp, uri: string): boolean {
  if (client.redirectUris) return client.redirectUris.includes(uri);
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (url.username || url.password || url.hash) return false;
  const host = url.hostname.toLowerCase();
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  );
}

const authorizeQuery = z.object({
  response_type: z.string().optional(),
  client_id: z.string().optional(),
  redirect_uri: z.string().optional(),
  scope: z.string().optional(),
  state: z.string().optional(),
  code_challenge: z.string().optional(),
  code_challenge_method: z.string().optional(),
  nonce: z.string().optional(),
});

const tokenForm = z.object({
  grant_type: z.string().optional(),
  code: z.string().optional(),
  redirect_uri: z.string().optional(),
  code_verifier: z.string().optional(),
  refresh_token: z.string().optional(),
  client_id: z.string().optional(),
  client_secret: z.string().optional(),
  token: z.string().optional(),
});

/** One value per parameter: a repeated OAuth parameter is a malformed request, not a list. */
function singleValues(source: unknown): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  if (typeof source !== 'object' || source === null) return out;
  for (const [key, value] of Object.entries(source)) out[key] = typeof value === 'string' ? value : undefined;
  return out;
}

function formDecode(text: string): string {
  return decodeURIComponent(text.replace(/\+/g, ' '));
}

/** HTTP Basic (client_secret_basic, form-encoded id and secret, RFC 6749 2.3.1) or the form (client_secret_post). */
function authenticateClient(
  store: SandboxStore,
  req: Request,
  form: z.infer<typeof tokenForm>,
): ClientApp | null {
  const basic = /^Basic\s+(\S+)\s*$/i.exec(req.get('Authorization') ?? '');
  try {
    if (basic?.[1]) {
      const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0) return null;
      return store.authority.authenticateClient(
        formDecode(decoded.slice(0, colon)),
        formDecode(decoded.slice(colon + 1)),
      );
    }
  } catch {
    return null;
  }
  if (form.client_id && form.client_secret)
    return store.authority.authenticateClient(form.client_id, form.client_secret);
  return null;
}

function sendPlain(res: Response, status: number, message: string): void {
  res.status(status).set('Content-Type', 'text/plain; charset=utf-8').send(message);
}

export function identityRouter(store: SandboxStore): Router {
  const router = Router();
  const { authority } = store;
  const form = express.urlencoded({ extended: false, limit: '16kb' });

  router.get('/.well-known/openid-configuration', (req, res) => {
    const issuer = issuerFor(req);
    res.json({
      issuer,
      jwks_uri: `${issuer}/.well-known/openid-configuration/jwks`,
      authorization_endpoint: `${issuer}/connect/authorize`,
      token_endpoint: `${issuer}/connect/token`,
      userinfo_endpoint: `${issuer}/connect/userinfo`,
      revocation_endpoint: `${issuer}/connect/revocation`,
      scopes_supported: [...USER_SCOPES, ...ACCOUNTING_SCOPES],
      claims_supported: [
        'sub',
        'name',
        'family_name',
        'given_name',
        'preferred_username',
        'email',
        'xero_userid',
        'global_session_id',
        'authentication_event_id',
      ],
      grant_types_supported: ['authorization_code', 'refresh_token'],
      response_types_supported: ['code'],
      response_modes_supported: ['query'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      revocation_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      code_challenge_methods_supported: ['plain', 'S256'],
      request_parameter_supported: false,
    });
  });

  router.get('/.well-known/openid-configuration/jwks', (_req, res) => {
    res.json({ keys: [signingKey().jwk] });
  });

  router.get('/connect/authorize', (req, res) => {
    store.count('GET /connect/authorize');
    const query = authorizeQuery.parse(singleValues(req.query));
    const client = query.client_id ? authority.clientById(query.client_id) : null;
    if (!client) {
      sendPlain(res, 400, 'Unknown client_id: no app with this client id is registered with the sandbox.');
      return;
    }
    if (!query.redirect_uri) {
      sendPlain(res, 400, 'redirect_uri is required.');
      return;
    }
    if (!redirectUriAllowed(client, query.redirect_uri)) {
      sendPlain(
        res,
        400,
        'redirect_uri is not registered for this app (without redirectUris, only loopback URIs are).',
      );
      return;
    }
    // The redirect URI is trusted from here on: further problems go back to the app, as OAuth says.
    const back = new URL(query.redirect_uri);
    const answer = (params: Record<string, string>) => {
      for (const [key, value] of Object.entries(params)) back.searchParams.set(key, value);
      if (query.state !== undefined) back.searchParams.set('state', query.state);
      res.redirect(302, back.toString());
    };
    if (query.response_type !== 'code') {
      answer({ error: 'unsupported_response_type' });
      return;
    }
    const scopes = (query.scope ?? '').split(/\s+/).filter(Boolean);
    const unknown = scopes.filter((s) => !knownScope(s));
    if (scopes.length === 0 || unknown.length > 0) {
      answer({
        error: 'invalid_scope',
        error_description: unknown.length ? `Unknown scope: ${unknown.join(' ')}` : 'scope is required',
      });
      return;
    }
    const method = query.code_challenge_method ?? 'plain';
    if (query.code_challenge !== undefined) {
      if (
        (method !== 'S256' && method !== 'plain') ||
        !/^[A-Za-z0-9._~-]{43,128}$/.test(query.code_challenge)
      ) {
        answer({
          error: 'invalid_request',
          error_description: 'Invalid code_challenge or code_challenge_method',
        });
        return;
      }
    }
    const code = authority.consent({
      client,
      redirectUri: query.redirect_uri,
      scopes,
      challenge: query.code_challenge ?? null,
      challengeMethod: method === 'S256' ? 'S256' : 'plain',
      nonce: query.nonce ?? null,
    });
    answer({ code, scope: scopes.join(' ') });
  });

  router.post('/connect/token', form, (req, res) => {
    store.count('POST /connect/token');
    const body = tokenForm.parse(singleValues(req.body));
    const client = authenticateClient(store, req, body);
    if (!client) {
      sendOAuthError(res, 400, 'invalid_client');
      return;
    }
    const issuer = issuerFor(req);
    let result: TokenResult;
    if (body.grant_type === 'authorization_code') {
      if (!body.code) {
        sendOAuthError(res, 400, 'invalid_request', 'code is required');
        return;
      }
      result = authority.exchangeCode({
        client,
        code: body.code,
        redirectUri: body.redirect_uri,
        codeVerifier: body.code_verifier,
        issuer,
      });
    } else if (body.grant_type === 'refresh_token') {
      if (!body.refresh_token) {
        sendOAuthError(res, 400, 'invalid_request', 'refresh_token is required');
        return;
      }
      result = authority.refresh({ client, refreshToken: body.refresh_token, issuer });
    } else {
      sendOAuthError(res, 400, 'unsupported_grant_type');
      return;
    }
    if (!result.ok) {
      sendOAuthError(res, 400, result.error, result.description);
      return;
    }
    res.status(200).set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' }).json(result.body);
  });

  router.post('/connect/revocation', form, (req, res) => {
    store.count('POST /connect/revocation');
    const body = tokenForm.parse(singleValues(req.body));
    const client = authenticateClient(store, req, body);
    if (!client) {
      sendOAuthError(res, 400, 'invalid_client');
      return;
    }
    if (!body.token) {
      sendOAuthError(res, 400, 'invalid_request', 'token is required');
      return;
    }
    authority.revoke(client, body.token);
    res.status(200).end();
  });

  const userinfo = (req: Request, res: Response) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get('Authorization') ?? '');
    const result = match?.[1] ? authority.authenticate(match[1]) : null;
    if (!result?.ok || !result.grant.scopes.includes('openid')) {
      res.status(401).set('WWW-Authenticate', 'Bearer error="invalid_token"').end();
      return;
    }
    const { user, scopes } = result.grant;
    res.json({
      sub: user.subject,
      xero_userid: user.userId,
      ...(scopes.includes('email') ? { email: user.email } : {}),
      ...(scopes.includes('profile')
        ? {
            preferred_username: user.email,
            given_name: user.givenName,
            family_name: user.familyName,
            name: `${user.givenName} ${user.familyName}`,
          }
        : {}),
    });
  };
  router.get('/connect/userinfo', userinfo);
  router.post('/connect/userinfo', userinfo);
  router.use(unreadableForm);

  return router;
}

const unreadableForm: ErrorRequestHandler = (err, _req, res, next) => {
  if (isBodyParseError(err) && !res.headersSent) sendOAuthError(res, 400, 'invalid_request');
  else next(err);
};
