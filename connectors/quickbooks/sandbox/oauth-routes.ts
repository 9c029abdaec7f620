// Intuit's four OAuth hosts folded under one base URL, each at the path it has at Intuit:
//   GET  /connect/oauth2                  authorize (appcenter.intuit.com)
//   POST /oauth2/v1/tokens/bearer         token (oauth.platform.intuit.com)
//   POST /v2/oauth2/tokens/revoke         revoke (developer.api.intuit.com)
//   GET  /v1/openid_connect/userinfo      userinfo (accounts.platform.intuit.com, and sandbox-accounts…)
//   GET  /op/v1/jwks, /.well-known/openid_configuration
// The token answer carries `x_refresh_token_hard_expires_in` only when the request opts in with
// `x-include-refresh-token-hard-expires-in: true`, as Intuit does.
// Consent is given at once by the sandbox's user: the authorize call redirects straight back with
// `code`, `state` and (with the accounting scope) `realmId`.
import express, { Router, type Request } from 'express';
import { z } from 'zod';
import { signingKey, signJwt } from '../../shared/sandbox/jwt';
import { ACCOUNTING_SCOPE, type OAuthAuthority, type TokenSet } from './oauth';
import { sendOAuthError } from './responses';

export const ID_TOKEN_ISSUER = 'https://oauth.platform.intuit.com/op/v1';
const KNOWN_SCOPES = new Set([
  ACCOUNTING_SCOPE,
  'com.intuit.quickbooks.payment',
  'openid',
  'profile',
  'email',
  'phone',
  'address',
]);

const authorizeQuery = z.object({
  client_id: z.string().min(1),
  response_type: z.literal('code'),
  redirect_uri: z.string().min(1),
  scope: z.string().min(1),
  state: z.string().optional(),
});

function basicClient(req: Request): { id: string; secret: string } | null {
  const match = /^Basic\s+(\S+)$/i.exec(req.get('Authorization') ?? '');
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

function field(req: Request, name: string): string {
  const body: unknown = req.body;
  const value =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : '';
}

/** `count` hears of every token call, as the store's `calls` counts API calls. */
export function oauthRouter(
  authority: OAuthAuthority,
  publicUrl: () => string,
  count: (label: string) => void = () => undefined,
): Router {
  const router = Router();
  const forms = [express.urlencoded({ extended: false }), express.json()];

  router.get('/connect/oauth2', (req, res) => {
    const parsed = authorizeQuery.safeParse(req.query);
    if (!parsed.success) {
      res
        .status(400)
        .type('text/plain')
        .send(`Invalid authorization request: ${parsed.error.issues[0]?.message ?? ''}`);
      return;
    }
    const query = parsed.data;
    if (query.client_id !== authority.client.clientId) {
      res.status(400).type('text/plain').send('Invalid client_id');
      return;
    }
    if (!authority.redirectAllowed(query.redirect_uri)) {
      res.status(400).type('text/plain').send('The redirect_uri is not registered for this app');
      return;
    }
    const back = new URL(query.redirect_uri);
    if (query.state !== undefined) back.searchParams.set('state', query.state);
    const scopes = query.scope.split(/[\s+]+/).filter(Boolean);
    if (scopes.some((scope) => !KNOWN_SCOPES.has(scope))) {
      back.searchParams.set('error', 'invalid_scope');
      res.redirect(302, back.toString());
      return;
    }
    const { code, realmId } = authority.consent(scopes, query.redirect_uri);
    back.searchParams.set('code', code);
    if (realmId) back.searchParams.set('realmId', realmId);
    res.redirect(302, back.toString());
  });

  router.post('/oauth2/v1/tokens/bearer', ...forms, (req, res) => {
    count('POST /oauth2/v1/tokens/bearer');
    const client = basicClient(req);
    if (client?.id !== authority.client.clientId || client.secret !== authority.client.clientSecret) {
      sendOAuthError(res, 401, 'invalid_client');
      return;
    }
    const grantType = field(req, 'grant_type');
    const outcome =
      grantType === 'authorization_code'
        ? authority.exchangeCode(field(req, 'code'), field(req, 'redirect_uri'))
        : grantType === 'refresh_token'
          ? authority.refreshTokens(field(req, 'refresh_token'))
          : null;
    if (!outcome) {
      sendOAuthError(res, 400, 'unsupported_grant_type');
      return;
    }
    if (!outcome.ok) {
      sendOAuthError(res, 400, 'invalid_grant', outcome.description);
      return;
    }
    // Intuit writes the hard expiry only for a client that opts in with this header.
    const { x_refresh_token_hard_expires_in: hardExpiresIn, ...tokens } = outcome.tokens;
    const optedIn = req.get('x-include-refresh-token-hard-expires-in') === 'true';
    const body: Partial<TokenSet> & { id_token?: string } = {
      ...tokens,
      ...(optedIn ? { x_refresh_token_hard_expires_in: hardExpiresIn } : {}),
    };
    if (outcome.connection.scopes.includes('openid')) {
      const now = Math.floor(Date.now() / 1000);
      body.id_token = signJwt(signingKey(), {
        iss: ID_TOKEN_ISSUER,
        sub: outcome.connection.user.sub,
        aud: [authority.client.clientId],
        ...(outcome.connection.realmId ? { realmid: outcome.connection.realmId } : {}),
        auth_time: Math.floor(outcome.connection.consentedAt / 1000),
        iat: now,
        exp: now + 3600,
      });
    }
    res.set('Cache-Control', 'no-store').json(body);
  });

  router.post('/v2/oauth2/tokens/revoke', ...forms, (req, res) => {
    const client = basicClient(req);
    if (client?.id !== authority.client.clientId || client.secret !== authority.client.clientSecret) {
      sendOAuthError(res, 401, 'invalid_client');
      return;
    }
    authority.revokeToken(field(req, 'token'));
    res.status(200).end();
  });

  router.get('/v1/openid_connect/userinfo', (req, res) => {
    const token = /^Bearer\s+(\S+)$/i.exec(req.get('Authorization') ?? '')?.[1] ?? '';
    const auth = authority.authenticate(token);
    if (!auth.ok || !auth.connection.scopes.includes('openid')) {
      res.set('WWW-Authenticate', 'Bearer error="invalid_token"');
      sendOAuthError(res, 401, 'invalid_token');
      return;
    }
    const { user, scopes } = auth.connection;
    res.json({
      sub: user.sub,
      ...(scopes.includes('email') ? { email: user.email, emailVerified: true } : {}),
      ...(scopes.includes('profile') ? { givenName: user.givenName, familyName: user.familyName } : {}),
      ...(scopes.includes('phone') ? { phoneNumber: user.phone, phoneNumberVerified: true } : {}),
    });
  });

  router.get('/op/v1/jwks', (_req, res) => {
    res.json({ keys: [signingKey().jwk] });
  });

  router.get('/.well-known/openid_configuration', (_req, res) => {
    const url = publicUrl();
    res.json({
      issuer: ID_TOKEN_ISSUER,
      authorization_endpoint: `${url}/connect/oauth2`,
      token_endpoint: `${url}/oauth2/v1/tokens/bearer`,
      userinfo_endpoint: `${url}/v1/openid_connect/userinfo`,
      revocation_endpoint: `${url}/v2/oauth2/tokens/revoke`,
      jwks_uri: `${url}/op/v1/jwks`,
      response_types_supported: ['code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      scopes_supported: [...KNOWN_SCOPES],
      token_endpoint_auth_methods_supported: ['client_secret_basic'],
      claims_supported: ['aud', 'exp', 'iat', 'iss', 'realmid', 'sub'],
    });
  });

  return router;
}
