// Sign-in and tokens through intuit-oauth, against the configured endpoints (see oauth-transport.ts).
// QuickBooks names the company a grant reaches in the callback itself (`realmId`), so the code exchange
// answers with it; the person comes from OpenID userinfo (Intuit single sign-on).
import { createHash, timingSafeEqual } from 'node:crypto';
import { requireCredentials } from '../shared/app-credentials';
import { ConnectorError } from '../shared/errors';
import { clip, isNetworkCode, systemCode } from '../shared/http-answer';
import { describeZodError, malformed } from '../shared/payload-errors';
import type { AccountingConnector, Identity, TokenSet } from '../types';
import { fromAnswer, type QboAnswer } from './errors';
import { oauthCall, type OAuthCall } from './oauth-transport';
import {
  QBO_CREDENTIALS,
  QBO_DEFAULT_TIMEOUT_MS,
  QBO_SCOPES,
  type QuickBooksConnectorConfig,
} from './provider';
import { tokenResponse, userInfo } from './schemas';

export type QuickBooksOAuth = Pick<
  AccountingConnector,
  'authorizationUrl' | 'exchangeCode' | 'refresh' | 'revoke'
>;

function sameState(received: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(received), digest(expected));
}

function oauthErrorCode(body: unknown): { error: string; description: string } | null {
  if (typeof body !== 'object' || body === null) return null;
  const error: unknown = Reflect.get(body, 'error');
  const description: unknown = Reflect.get(body, 'error_description');
  if (typeof error !== 'string') return null;
  return { error, description: typeof description === 'string' ? description : '' };
}

/** Read from Intuit's own answer; the values in a token answer are never echoed. */
function fromOAuthAnswer(answer: QboAnswer, what: string): ConnectorError {
  const oauthError = oauthErrorCode(answer.body);
  const detail = oauthError
    ? `: ${clip(oauthError.error)}${oauthError.description ? ` (${clip(oauthError.description)})` : ''}`
    : '';
  if (oauthError?.error === 'invalid_grant') {
    return new ConnectorError('reauth_required', `${what}${detail}`, { status: answer.status });
  }
  if (answer.status === 429 || answer.status >= 500) return fromAnswer(answer, what);
  return new ConnectorError('rejected', `${what}: Intuit refused (${answer.status})${detail}`, {
    status: answer.status,
  });
}

async function run<T>(
  call: OAuthCall,
  what: string,
  action: () => Promise<unknown>,
  read: (answer: QboAnswer) => T,
): Promise<T> {
  try {
    await action();
  } catch {
    // The library's own error is set aside: Intuit's answer, kept by the transport, says more.
  }
  const answer = call.answer();
  if (answer === null) {
    const code = systemCode(call.failure());
    const reason = isNetworkCode(code) ? code : 'timed out or refused';
    throw new ConnectorError('unavailable', `${what}: no answer from Intuit (${reason})`);
  }
  if (answer.status < 200 || answer.status > 299) throw fromOAuthAnswer(answer, what);
  return read(answer);
}

function toTokens(answer: QboAnswer, what: string, now: number): TokenSet {
  const parsed = tokenResponse.safeParse(answer.body);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ');
    throw malformed(what, `the token response lacks or garbles ${fields}`);
  }
  const t = parsed.data;
  return {
    accessToken: t.access_token,
    // Intuit rotates refresh tokens: the one in each answer replaces the last.
    refreshToken: t.refresh_token,
    expiresAt: now + t.expires_in * 1000,
    ...(t.id_token === undefined ? {} : { idToken: t.id_token }),
    ...(t.scope === undefined ? {} : { scope: t.scope }),
    ...(t.x_refresh_token_expires_in === undefined
      ? {}
      : { refreshExpiresAt: now + t.x_refresh_token_expires_in * 1000 }),
    ...(t.x_refresh_token_hard_expires_in === undefined
      ? {}
      : { refreshHardExpiresAt: now + t.x_refresh_token_hard_expires_in * 1000 }),
  };
}

function toIdentity(answer: QboAnswer, what: string): Identity {
  const parsed = userInfo.safeParse(answer.body, { reportInput: true });
  if (!parsed.success) throw malformed(what, `userinfo: ${describeZodError(parsed.error)}`);
  const u = parsed.data;
  const name = [u.givenName ?? u.given_name, u.familyName ?? u.family_name]
    .map((part) => part?.trim())
    .filter(Boolean)
    .join(' ');
  return { subject: u.sub, email: u.email?.trim() || null, name: name || null };
}

function callbackParams(callbackUrl: string, what: string): URLSearchParams {
  try {
    return new URL(callbackUrl).searchParams;
  } catch {
    throw malformed(what, 'the callback URL cannot be read');
  }
}

export function createQuickBooksOAuth(config: QuickBooksConnectorConfig): QuickBooksOAuth {
  const timeoutMs = config.timeoutMs ?? QBO_DEFAULT_TIMEOUT_MS;
  const now = config.now ?? Date.now;
  const scopes = config.scopes ?? QBO_SCOPES;
  const newCall = (redirectUri = '') =>
    oauthCall({
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      redirectUri,
      urls: config.urls,
      timeoutMs,
    });

  const configured = () => requireCredentials(config, QBO_CREDENTIALS);

  return {
    async authorizationUrl({ state, redirectUri }) {
      configured();
      const built = new URL(newCall(redirectUri).client.authorizeUri({ scope: scopes, state }));
      const url = new URL(config.urls.authorize);
      built.searchParams.forEach((value, key) => url.searchParams.set(key, value));
      return url.toString();
    },

    async exchangeCode({ callbackUrl, state, redirectUri }) {
      configured();
      const what = 'QuickBooks sign-in callback';
      const params = callbackParams(callbackUrl, what);
      const received = params.get('state');
      if (received === null || !sameState(received, state)) {
        throw new ConnectorError(
          'oauth_state_mismatch',
          `${what}: the callback does not belong to this session`,
        );
      }
      const declined = params.get('error');
      if (declined !== null) throw new ConnectorError('rejected', `${what}: ${clip(declined)}`);
      const realmId = params.get('realmId');
      if (realmId === null || !/^\d{1,32}$/.test(realmId))
        throw malformed(what, 'the callback names no company (realmId)');
      if (!params.get('code')) throw malformed(what, 'the callback carries no code');

      const exchange = newCall(redirectUri);
      const tokens = await run(
        exchange,
        what,
        () => exchange.client.createToken(callbackUrl),
        (a) => toTokens(a, what, now()),
      );
      const lookup = newCall(redirectUri);
      lookup.client.setToken({ access_token: tokens.accessToken });
      const identity = scopes.includes('openid')
        ? await run(
            lookup,
            `${what} (userinfo)`,
            () => lookup.client.getUserInfo(),
            (a) => toIdentity(a, what),
          )
        : null;
      return { tokens, identity, tenants: [{ tenantId: realmId, connectionRef: null, name: '' }] };
    },

    async refresh(refreshToken) {
      configured();
      const what = 'QuickBooks token refresh';
      const call = newCall();
      return run(
        call,
        what,
        () => call.client.refreshUsingToken(refreshToken),
        (a) => toTokens(a, what, now()),
      );
    },

    async revoke(refreshToken) {
      configured();
      const what = 'QuickBooks token revocation';
      const call = newCall();
      try {
        await run(
          call,
          what,
          () => call.client.revoke({ refresh_token: refreshToken }),
          () => undefined,
        );
      } catch (err) {
        // A token Intuit no longer knows is as revoked as it gets.
        if (err instanceof ConnectorError && (err.code === 'reauth_required' || err.details.status === 400))
          return;
        throw err;
      }
    },
  };
}
