// Sign-in and tokens against the configured OpenID issuer. xero-node's XeroClient discovers
// identity.xero.com itself and keeps one user's tokens as state, so the openid-client it is built on
// (same major version) is used directly: discovery from `identityUrl`, once, cached while it works.
import { createHash, timingSafeEqual } from 'node:crypto';
import {
  custom,
  generators,
  Issuer,
  type Client,
  type CustomHttpOptionsProvider,
  type TokenSet as OidcTokenSet,
} from 'openid-client';
import { requireCredentials } from '../shared/app-credentials';
import { ConnectorError } from '../shared/errors';
import type { AccountingConnector, Identity, TokenSet } from '../types';
import { fromHttpAnswer, fromOAuthError, malformed } from './errors';
import { getText, isSuccess } from './http';
import { parseEnvelope } from './parse';
import {
  XERO_CLOCK_TOLERANCE_SECONDS,
  XERO_CREDENTIALS,
  XERO_DEFAULT_TIMEOUT_MS,
  xeroUrls,
  type XeroConnectorConfig,
  type XeroUrls,
} from './provider';
import { discoveryDocument, idTokenClaims, tokenResponse } from './schemas';

type ExchangeInput = Parameters<AccountingConnector['exchangeCode']>[0];

export interface XeroOAuth extends Pick<AccountingConnector, 'authorizationUrl' | 'refresh' | 'revoke'> {
  /** Tokens and identity; the tenants are listed separately, with the new access token. */
  exchangeCode(input: ExchangeInput): Promise<{ tokens: TokenSet; identity: Identity | null }>;
}

async function discover(config: XeroConnectorConfig, urls: XeroUrls, timeoutMs: number): Promise<Client> {
  const what = 'OpenID discovery';
  const answer = await getText(urls.discovery, {}, timeoutMs, what);
  if (!isSuccess(answer.status)) {
    if (answer.status === 429 || answer.status >= 500) throw fromHttpAnswer(answer, what);
    throw new ConnectorError('rejected', `${what}: ${urls.discovery} answered ${answer.status}`, {
      status: answer.status,
    });
  }
  const doc = parseEnvelope(discoveryDocument, answer.body, what);
  // OpenID Connect Discovery: the document must name the issuer it was fetched from, or id_tokens
  // signed by someone else could pass for this one's.
  if (doc.issuer.replace(/\/+$/, '') !== urls.issuer) {
    throw malformed(what, `the document names issuer ${doc.issuer}, not the configured ${urls.issuer}`);
  }
  const issuer = new Issuer({
    issuer: doc.issuer,
    authorization_endpoint: doc.authorization_endpoint,
    token_endpoint: doc.token_endpoint,
    jwks_uri: doc.jwks_uri,
    ...(doc.revocation_endpoint === undefined ? {} : { revocation_endpoint: doc.revocation_endpoint }),
  });
  // Per instance, not openid-client's process-wide defaults, which other code may rely on.
  const httpOptions: CustomHttpOptionsProvider = () => ({ timeout: timeoutMs });
  issuer[custom.http_options] = httpOptions;
  const client = new issuer.Client({
    client_id: config.clientId,
    client_secret: config.clientSecret,
    token_endpoint_auth_method: 'client_secret_basic',
    id_token_signed_response_alg: 'RS256',
    response_types: ['code'],
  });
  client[custom.http_options] = httpOptions;
  client[custom.clock_tolerance] = XERO_CLOCK_TOLERANCE_SECONDS;
  return client;
}

/** Compares digests, so neither the length nor the content of the expected state leaks through timing. */
function sameState(received: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(received), digest(expected));
}

function toTokens(set: OidcTokenSet, previousRefreshToken: string | null, what: string): TokenSet {
  const parsed = tokenResponse.safeParse({
    access_token: set.access_token,
    refresh_token: set.refresh_token,
    expires_at: set.expires_at,
    id_token: set.id_token,
    scope: set.scope,
  });
  if (!parsed.success) {
    // Paths only: the values are tokens.
    const fields = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ');
    throw malformed(what, `the token response lacks or garbles ${fields}`);
  }
  const t = parsed.data;
  // Xero rotates refresh tokens; a server that does not keeps the one we had.
  const refreshToken = t.refresh_token ?? previousRefreshToken;
  if (refreshToken === null) {
    throw new ConnectorError(
      'rejected',
      `${what}: Xero granted no refresh token (is offline_access among the scopes?)`,
    );
  }
  return {
    accessToken: t.access_token,
    refreshToken,
    expiresAt: t.expires_at * 1000,
    ...(t.id_token === undefined ? {} : { idToken: t.id_token }),
    ...(t.scope === undefined ? {} : { scope: t.scope }),
  };
}

/** From the id_token openid-client has already verified (signature via JWKS, iss, aud, exp). */
function identityFrom(set: OidcTokenSet, what: string): Identity {
  const parsed = idTokenClaims.safeParse(set.claims());
  if (!parsed.success) throw malformed(what, 'the id_token lacks a subject');
  const claims = parsed.data;
  const fullName = [claims.given_name, claims.family_name].filter((part) => part?.trim()).join(' ');
  return {
    subject: claims.xero_userid ?? claims.sub,
    email: claims.email?.trim() || null,
    name: claims.name?.trim() || fullName || null,
  };
}

export function createXeroOAuth(config: XeroConnectorConfig): XeroOAuth {
  const urls = xeroUrls(config);
  const timeoutMs = config.timeoutMs ?? XERO_DEFAULT_TIMEOUT_MS;
  const wantsIdToken = config.scopes.includes('openid');
  let client: Promise<Client> | null = null;

  /** One discovery shared by concurrent callers; a failed one is forgotten so that the next call retries.
   * Without credentials nothing is asked of the identity server at all. */
  async function discovered(): Promise<Client> {
    requireCredentials(config, XERO_CREDENTIALS);
    if (client === null) {
      const attempt = discover(config, urls, timeoutMs);
      client = attempt;
      attempt.catch(() => {
        if (client === attempt) client = null;
      });
    }
    return client;
  }

  return {
    async authorizationUrl({ state, codeVerifier, redirectUri }) {
      const c = await discovered();
      return c.authorizationUrl({
        response_type: 'code',
        redirect_uri: redirectUri,
        scope: config.scopes.join(' '),
        state,
        code_challenge: generators.codeChallenge(codeVerifier),
        code_challenge_method: 'S256',
      });
    },

    async exchangeCode({ callbackUrl, state, codeVerifier, redirectUri }) {
      const what = 'Xero sign-in callback';
      const c = await discovered();
      const params = c.callbackParams(callbackUrl);
      if (typeof params.state !== 'string' || !sameState(params.state, state)) {
        throw new ConnectorError(
          'oauth_state_mismatch',
          `${what}: the callback does not belong to this session`,
        );
      }
      const checks = { response_type: 'code', state, code_verifier: codeVerifier };
      try {
        const set = wantsIdToken
          ? await c.callback(redirectUri, params, checks)
          : await c.oauthCallback(redirectUri, params, checks);
        return { tokens: toTokens(set, null, what), identity: wantsIdToken ? identityFrom(set, what) : null };
      } catch (err) {
        throw fromOAuthError(err, what);
      }
    },

    async refresh(refreshToken) {
      const what = 'Xero token refresh';
      const c = await discovered();
      try {
        return toTokens(await c.refresh(refreshToken), refreshToken, what);
      } catch (err) {
        throw fromOAuthError(err, what);
      }
    },

    async revoke(refreshToken) {
      const what = 'Xero token revocation';
      const c = await discovered();
      if (!c.issuer.metadata.revocation_endpoint) {
        throw new ConnectorError(
          'rejected',
          `${what}: the identity server advertises no revocation endpoint`,
        );
      }
      try {
        await c.revoke(refreshToken, 'refresh_token');
      } catch (err) {
        const mapped = fromOAuthError(err, what);
        // A token the server no longer knows is as revoked as it gets.
        if (mapped instanceof ConnectorError && mapped.code === 'reauth_required') return;
        throw mapped;
      }
    },
  };
}
