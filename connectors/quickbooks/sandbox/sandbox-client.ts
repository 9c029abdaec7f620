// Talking to a running sandbox without a browser or a client library, for tests and scripts: the
// OAuth round trip (consent is immediate, so the redirect is just read), the token endpoint with the
// app's Basic credentials, and Accounting API calls with a bearer token and JSON accepted.
import type { RunningQuickBooksSandbox } from './index';

export const SANDBOX_REDIRECT_URI = 'http://127.0.0.1:4567/connect/quickbooks/callback';
export const SIGN_IN_SCOPES = 'com.intuit.quickbooks.accounting openid profile email phone';

export interface SandboxTokens {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  x_refresh_token_expires_in: number;
  x_refresh_token_hard_expires_in: number;
  id_token?: string;
}

type Sandbox = Pick<
  RunningQuickBooksSandbox,
  'url' | 'clientId' | 'clientSecret' | 'authorizeUrl' | 'tokenUrl'
>;

/** Asks for consent and reads the redirect: `{ code, state, realmId }` or `{ error }`. */
export async function authorize(
  s: Sandbox,
  scope = SIGN_IN_SCOPES,
  state = 'state-1',
): Promise<URLSearchParams> {
  const url = new URL(s.authorizeUrl);
  const params = {
    client_id: s.clientId,
    response_type: 'code',
    scope,
    redirect_uri: SANDBOX_REDIRECT_URI,
    state,
  };
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  const res = await fetch(url, { redirect: 'manual' });
  if (res.status !== 302) throw new Error(`Consent answered ${res.status}: ${await res.text()}`);
  return new URL(res.headers.get('location') ?? '').searchParams;
}

export function tokenRequest(
  s: Sandbox,
  form: Record<string, string>,
  secret = s.clientSecret,
): Promise<Response> {
  return fetch(s.tokenUrl, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${s.clientId}:${secret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
      'x-include-refresh-token-hard-expires-in': 'true',
    },
    body: new URLSearchParams(form),
  });
}

/** Consent and code exchange: the tokens and the realm the connection is for. */
export async function connect(
  s: Sandbox,
  scope = SIGN_IN_SCOPES,
): Promise<SandboxTokens & { realmId: string }> {
  const back = await authorize(s, scope);
  const res = await tokenRequest(s, {
    grant_type: 'authorization_code',
    code: back.get('code') ?? '',
    redirect_uri: SANDBOX_REDIRECT_URI,
  });
  if (res.status !== 200) throw new Error(`Token exchange answered ${res.status}: ${await res.text()}`);
  return { ...((await res.json()) as SandboxTokens), realmId: back.get('realmId') ?? '' };
}

/** One Accounting API call under `/v3/company/{realmId}`; `path` starts with `/`. */
export function apiCall(
  s: Pick<RunningQuickBooksSandbox, 'url'>,
  realmId: string,
  token: string,
  path: string,
  init: { method?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<Response> {
  const separator = path.includes('?') ? '&' : '?';
  return fetch(`${s.url}/v3/company/${realmId}${path}${separator}minorversion=75`, {
    method: init.method ?? 'GET',
    headers: {
      accept: 'application/json',
      authorization: `Bearer ${token}`,
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: init.signal,
  });
}

/** `GET /query?query=…` */
export function queryCall(
  s: Pick<RunningQuickBooksSandbox, 'url'>,
  realmId: string,
  token: string,
  query: string,
): Promise<Response> {
  return apiCall(s, realmId, token, `/query?query=${encodeURIComponent(query)}`);
}
