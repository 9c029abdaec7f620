// The Xero sandbox driven over HTTP, as the connector drives Xero: OAuth with PKCE, rotating refresh
// tokens, the gateway's 401/403 answers, paging and If-Modified-Since, History & Notes with the
// 250-character limit and Idempotency-Key, the demo organisation's books, and revocation. A few tests
// go through openid-client and xero-node themselves, to prove the real libraries accept the sandbox.
import { createHash, createPublicKey, randomBytes, verify, type JsonWebKey } from 'node:crypto';
import { Issuer, generators } from 'openid-client';
import { AccountingApi, HistoryRecords } from 'xero-node';
import {
  generateDemoOrganisation,
  startXeroSandbox,
  type RunningXeroSandbox,
  type XeroInvoice,
} from '../../connectors/xero/sandbox';

const REDIRECT_URI = 'http://127.0.0.1:4567/connect/xero/callback';
const SCOPES =
  'openid profile email offline_access accounting.transactions accounting.contacts.read accounting.settings.read';

interface Tokens {
  access_token: string;
  refresh_token: string;
  id_token?: string;
  expires_in: number;
  token_type: string;
  scope: string;
}

/** A clock the tests move by hand. */
let nowMs = Date.parse('2026-11-24T01:00:00.000Z');
const clock = () => new Date(nowMs);
const advance = (ms: number) => {
  nowMs += ms;
};

let sandbox: RunningXeroSandbox;
beforeAll(async () => {
  sandbox = await startXeroSandbox({ now: clock, seed: 7, limits: false });
});
afterAll(() => sandbox.close());

function basic(s: RunningXeroSandbox): string {
  return `Basic ${Buffer.from(`${s.clientId}:${s.clientSecret}`).toString('base64')}`;
}

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

async function authorize(s: RunningXeroSandbox, params: Record<string, string>): Promise<Response> {
  const url = new URL(`${s.identityUrl}/connect/authorize`);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return fetch(url, { redirect: 'manual' });
}

async function token(s: RunningXeroSandbox, form: Record<string, string>): Promise<Response> {
  return fetch(`${s.identityUrl}/connect/token`, {
    method: 'POST',
    headers: { authorization: basic(s), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
}

/** The whole authorisation-code flow with PKCE; returns the token response. */
async function connect(s: RunningXeroSandbox, scope = SCOPES): Promise<Tokens> {
  const { verifier, challenge } = pkce();
  const consent = await authorize(s, {
    response_type: 'code',
    client_id: s.clientId,
    redirect_uri: REDIRECT_URI,
    scope,
    state: 'st-1',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  const code = new URL(consent.headers.get('location') ?? '').searchParams.get('code') ?? '';
  const res = await token(s, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT_URI,
    code_verifier: verifier,
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Tokens;
}

async function api(
  s: RunningXeroSandbox,
  path: string,
  accessToken: string | null,
  init: { method?: string; body?: unknown; headers?: Record<string, string>; tenantId?: string } = {},
): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
  if (accessToken) headers.authorization = `Bearer ${accessToken}`;
  headers['xero-tenant-id'] = init.tenantId ?? s.tenantId;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${s.url}${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

function decodeJwt(jwt: string): { header: Record<string, unknown>; claims: Record<string, unknown> } {
  const [header = '', claims = ''] = jwt.split('.');
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Record<string, unknown>,
    claims: JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as Record<string, unknown>,
  };
}

interface InvoicesBody {
  pagination?: { page: number; pageSize: number; pageCount: number; itemCount: number };
  Invoices: XeroInvoice[];
}

describe('identity', () => {
  it('publishes OpenID discovery and a JWKS whose key signs the tokens', async () => {
    const res = await fetch(`${sandbox.identityUrl}/.well-known/openid-configuration`);
    const doc = (await res.json()) as Record<string, unknown>;
    expect(doc).toMatchObject({
      issuer: sandbox.identityUrl,
      authorization_endpoint: `${sandbox.identityUrl}/connect/authorize`,
      token_endpoint: `${sandbox.identityUrl}/connect/token`,
      revocation_endpoint: `${sandbox.identityUrl}/connect/revocation`,
      jwks_uri: `${sandbox.identityUrl}/.well-known/openid-configuration/jwks`,
      response_types_supported: ['code'],
      id_token_signing_alg_values_supported: ['RS256'],
    });
    expect(doc.code_challenge_methods_supported).toContain('S256');

    const jwks = (await (await fetch(String(doc.jwks_uri))).json()) as {
      keys: (JsonWebKey & { kid: string })[];
    };
    const tokens = await connect(sandbox);
    const idToken = tokens.id_token ?? '';
    const { header, claims } = decodeJwt(idToken);
    const jwk = jwks.keys.find((k) => k.kid === header.kid);
    expect(jwk?.kty).toBe('RSA');
    const [h, c, signature = ''] = idToken.split('.');
    if (!jwk) throw new Error('the id_token names a published key');
    const key = createPublicKey({ key: jwk, format: 'jwk' });
    expect(verify('sha256', Buffer.from(`${h}.${c}`), key, Buffer.from(signature, 'base64url'))).toBe(true);
    expect(claims).toMatchObject({
      iss: sandbox.identityUrl,
      aud: sandbox.clientId,
      email: expect.stringContaining('@'),
    });
    expect(typeof claims.xero_userid).toBe('string');
    expect(Number(claims.exp)).toBeGreaterThan(Number(claims.iat));

    const access = decodeJwt(tokens.access_token).claims;
    expect(access).toMatchObject({ iss: sandbox.identityUrl, client_id: sandbox.clientId });
    expect(access.scope).toEqual(SCOPES.split(' '));
    expect(typeof access.authentication_event_id).toBe('string');
  });

  it('redirects the consent back with code, state and scope, and refuses unknown apps and hosts', async () => {
    const ok = await authorize(sandbox, {
      response_type: 'code',
      client_id: sandbox.clientId,
      redirect_uri: REDIRECT_URI,
      scope: SCOPES,
      state: 'abc 123',
    });
    expect(ok.status).toBe(302);
    const back = new URL(ok.headers.get('location') ?? '');
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT_URI);
    expect(back.searchParams.get('code')).toMatch(/^[\w-]{20,}$/);
    expect(back.searchParams.get('state')).toBe('abc 123');
    expect(back.searchParams.get('scope')).toBe(SCOPES);

    const unknownApp = await authorize(sandbox, {
      response_type: 'code',
      client_id: 'nobody',
      redirect_uri: REDIRECT_URI,
      scope: SCOPES,
    });
    expect(unknownApp.status).toBe(400);
    expect(unknownApp.headers.get('location')).toBeNull();
    expect(await unknownApp.text()).toContain('client_id');

    const foreignHost = await authorize(sandbox, {
      response_type: 'code',
      client_id: sandbox.clientId,
      redirect_uri: 'https://attacker.example.com/cb',
      scope: SCOPES,
    });
    expect(foreignHost.status).toBe(400);
    expect(foreignHost.headers.get('location')).toBeNull();

    const noRedirect = await authorize(sandbox, {
      response_type: 'code',
      client_id: sandbox.clientId,
      scope: SCOPES,
    });
    expect(noRedirect.status).toBe(400);
  });

  it('exchanges a code once, and only with the right PKCE verifier and redirect_uri', async () => {
    const { verifier, challenge } = pkce();
    const params = {
      response_type: 'code',
      client_id: sandbox.clientId,
      redirect_uri: REDIRECT_URI,
      scope: SCOPES,
      state: 's',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      nonce: 'n-42',
    };
    const codeOf = async () =>
      new URL((await authorize(sandbox, params)).headers.get('location') ?? '').searchParams.get('code') ??
      '';

    const wrongVerifier = await token(sandbox, {
      grant_type: 'authorization_code',
      code: await codeOf(),
      redirect_uri: REDIRECT_URI,
      code_verifier: pkce().verifier,
    });
    expect(wrongVerifier.status).toBe(400);
    expect(await wrongVerifier.json()).toMatchObject({ error: 'invalid_grant' });

    const code = await codeOf();
    const wrongRedirect = await token(sandbox, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: 'http://127.0.0.1:9/other',
      code_verifier: verifier,
    });
    expect(wrongRedirect.status).toBe(400);

    const good = await token(sandbox, {
      grant_type: 'authorization_code',
      code: await codeOf(),
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
    });
    expect(good.status).toBe(200);
    expect(good.headers.get('cache-control')).toBe('no-store');
    const body = (await good.json()) as Tokens;
    expect(body).toMatchObject({ expires_in: 1800, token_type: 'Bearer', scope: SCOPES });
    expect(body.refresh_token).toBeTruthy();
    expect(decodeJwt(body.id_token ?? '').claims.nonce).toBe('n-42');

    const badClient = await fetch(`${sandbox.identityUrl}/connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        client_id: sandbox.clientId,
        client_secret: 'wrong',
      }),
    });
    expect(badClient.status).toBe(400);
    expect(await badClient.json()).toEqual({ error: 'invalid_client' });
  });

  it('rotates refresh tokens: the old one is dead the moment a new one is issued', async () => {
    const first = await connect(sandbox);
    const refreshed = await token(sandbox, {
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token,
    });
    expect(refreshed.status).toBe(200);
    const second = (await refreshed.json()) as Tokens;
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second.access_token).not.toBe(first.access_token);

    const reused = await token(sandbox, { grant_type: 'refresh_token', refresh_token: first.refresh_token });
    expect(reused.status).toBe(400);
    expect(await reused.json()).toEqual({ error: 'invalid_grant' });

    const third = await token(sandbox, { grant_type: 'refresh_token', refresh_token: second.refresh_token });
    expect(third.status).toBe(200);
    const org = await api(
      sandbox,
      '/api.xro/2.0/Organisation',
      ((await third.json()) as Tokens).access_token,
    );
    expect(org.status).toBe(200);
  });

  it('works with openid-client: discovery, callback with id_token checks, refresh and revoke', async () => {
    const issuer = await Issuer.discover(sandbox.identityUrl);
    const client = new issuer.Client({
      client_id: sandbox.clientId,
      client_secret: sandbox.clientSecret,
      redirect_uris: [REDIRECT_URI],
      response_types: ['code'],
    });
    const verifier = generators.codeVerifier();
    const state = generators.state();
    const nonce = generators.nonce();
    const consent = await fetch(
      client.authorizationUrl({
        scope: SCOPES,
        state,
        nonce,
        code_challenge: generators.codeChallenge(verifier),
        code_challenge_method: 'S256',
      }),
      { redirect: 'manual' },
    );
    const callbackUrl = consent.headers.get('location') ?? '';
    const tokenSet = await client.callback(REDIRECT_URI, client.callbackParams(callbackUrl), {
      state,
      nonce,
      code_verifier: verifier,
    });
    expect(tokenSet.claims().email).toContain('@');
    expect(tokenSet.refresh_token).toBeTruthy();

    const next = await client.refresh(tokenSet.refresh_token ?? '');
    expect(next.access_token).toBeTruthy();
    await expect(client.refresh(tokenSet.refresh_token ?? '')).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    await client.revoke(next.refresh_token ?? '', 'refresh_token');
    await expect(client.refresh(next.refresh_token ?? '')).rejects.toMatchObject({ error: 'invalid_grant' });
  });
});

describe('the API gateway', () => {
  let tokens: Tokens;
  beforeAll(async () => {
    tokens = await connect(sandbox);
  });

  it('answers 401 in Xero’s shape without a token or with a token it did not issue', async () => {
    for (const bearer of [null, 'not-a-token', `${tokens.access_token.slice(0, -4)}AAAA`]) {
      const res = await api(sandbox, '/api.xro/2.0/Invoices', bearer);
      expect(res.status).toBe(401);
      const body = (await res.json()) as Record<string, unknown>;
      expect(body).toMatchObject({
        Type: null,
        Title: 'Unauthorized',
        Status: 401,
        Detail: 'AuthenticationUnsuccessful',
        Extensions: {},
      });
      expect(body.Instance).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('answers 403 for a tenant the token has not connected', async () => {
    const res = await api(sandbox, '/api.xro/2.0/Invoices', tokens.access_token, {
      tenantId: '0b3c9f7e-1111-4222-8333-444455556666',
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({
      Title: 'Forbidden',
      Status: 403,
      Detail: 'AuthenticationUnsuccessful',
    });
    const missing = await fetch(`${sandbox.url}/api.xro/2.0/Invoices`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(missing.status).toBe(403);
  });

  it('answers 401 AuthorizationUnsuccessful when the token lacks the endpoint’s scope', async () => {
    const narrow = await connect(sandbox, 'openid offline_access accounting.contacts.read');
    expect((await api(sandbox, '/api.xro/2.0/Contacts?page=1', narrow.access_token)).status).toBe(200);
    const res = await api(sandbox, '/api.xro/2.0/Invoices', narrow.access_token);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ Detail: 'AuthorizationUnsuccessful' });
  });

  it('expires access tokens on the sandbox clock, after expires_in seconds', async () => {
    const fresh = await connect(sandbox);
    advance(1799_000);
    expect((await api(sandbox, '/api.xro/2.0/Organisation', fresh.access_token)).status).toBe(200);
    advance(2_000);
    const res = await api(sandbox, '/api.xro/2.0/Organisation', fresh.access_token);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { Detail: string }).Detail).toMatch(
      /^TokenExpired: token expired at \d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d$/,
    );
    const renewed = await token(sandbox, { grant_type: 'refresh_token', refresh_token: fresh.refresh_token });
    const access = ((await renewed.json()) as Tokens).access_token;
    expect((await api(sandbox, '/api.xro/2.0/Organisation', access)).status).toBe(200);
  });

  it('lists the connection to the demo organisation', async () => {
    const fresh = await connect(sandbox);
    const res = await fetch(`${sandbox.url}/connections`, {
      headers: { authorization: `Bearer ${fresh.access_token}` },
    });
    const connections = (await res.json()) as Record<string, string>[];
    expect(connections).toHaveLength(1);
    expect(connections[0]).toMatchObject({
      tenantId: sandbox.tenantId,
      tenantType: 'ORGANISATION',
      tenantName: 'Harbourside Print & Signage',
    });
    expect(connections[0]?.createdDateUtc).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}$/);
    expect((await fetch(`${sandbox.url}/connections`)).status).toBe(401);
  });
});

describe('invoices, payments and credit notes', () => {
  let access: string;
  beforeEach(async () => {
    access = (await connect(sandbox)).access_token;
  });

  async function invoices(query: string, headers: Record<string, string> = {}): Promise<InvoicesBody> {
    const res = await api(sandbox, `/api.xro/2.0/Invoices${query}`, access, { headers });
    expect(res.status).toBe(200);
    return (await res.json()) as InvoicesBody;
  }

  it('with summaryOnly leaves out line items and the money applied, but keeps every amount', async () => {
    const heavy = ['LineItems', 'Payments', 'CreditNotes', 'Prepayments', 'Overpayments'];
    const full = await invoices('?page=1&pageSize=40');
    const summary = await invoices('?page=1&pageSize=40&summaryOnly=true');
    expect(full.Invoices.some((i) => i.LineItems.length > 0 && i.Payments.length > 0)).toBe(true);
    expect(summary.pagination).toEqual(full.pagination);
    expect(summary.Invoices).toEqual(
      full.Invoices.map((invoice) =>
        Object.fromEntries(Object.entries(invoice).filter(([k]) => !heavy.includes(k))),
      ),
    );
  });

  it('pages with pageSize, and without page returns everything and no pagination', async () => {
    const all = await invoices('');
    expect(all.pagination).toBeUndefined();
    expect(all.Invoices.length).toBe(sandbox.store.invoices().length);
    expect(all.Invoices.every((i) => i.LineItems.length === 0)).toBe(true);

    const seen: string[] = [];
    const first = await invoices('?page=1&pageSize=40');
    expect(first.pagination).toEqual({
      page: 1,
      pageSize: 40,
      pageCount: Math.ceil(all.Invoices.length / 40),
      itemCount: all.Invoices.length,
    });
    for (let page = 1; page <= (first.pagination?.pageCount ?? 0); page++) {
      const body = await invoices(`?page=${page}&pageSize=40`);
      expect(body.Invoices.length).toBeLessThanOrEqual(40);
      expect(body.Invoices.every((i) => i.LineItems.length > 0)).toBe(true);
      seen.push(...body.Invoices.map((i) => i.InvoiceID));
    }
    expect(new Set(seen).size).toBe(all.Invoices.length);
    expect((await invoices('?page=1')).pagination?.pageSize).toBe(100);
    expect((await invoices(`?page=${(first.pagination?.pageCount ?? 0) + 1}&pageSize=40`)).Invoices).toEqual(
      [],
    );
  });

  it('filters with where, Statuses and IDs, orders, and refuses a where it cannot read', async () => {
    const sales = await invoices(`?where=${encodeURIComponent('Type=="ACCREC"')}`);
    expect(sales.Invoices.length).toBeGreaterThanOrEqual(250);
    expect(sales.Invoices.every((i) => i.Type === 'ACCREC')).toBe(true);
    const bills = await invoices(`?where=${encodeURIComponent('Type=="ACCPAY"')}`);
    expect(bills.Invoices.length).toBeGreaterThan(0);
    expect(bills.Invoices.every((i) => i.Type === 'ACCPAY')).toBe(true);

    const open = await invoices('?Statuses=AUTHORISED,DRAFT');
    expect(new Set(open.Invoices.map((i) => i.Status))).toEqual(new Set(['AUTHORISED', 'DRAFT']));
    const two = sales.Invoices.slice(0, 2).map((i) => i.InvoiceID);
    expect((await invoices(`?IDs=${two.join(',')}`)).Invoices.map((i) => i.InvoiceID).sort()).toEqual(
      [...two].sort(),
    );

    const newestFirst = await invoices('?order=UpdatedDateUTC%20DESC');
    const stamps = newestFirst.Invoices.map((i) => Number(/\d+/.exec(i.UpdatedDateUTC)?.[0]));
    expect([...stamps].sort((a, b) => b - a)).toEqual(stamps);

    const bad = await api(
      sandbox,
      `/api.xro/2.0/Invoices?where=${encodeURIComponent('Nonsense=="x"')}`,
      access,
    );
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ ErrorNumber: 16, Type: 'QueryParseException' });
  });

  it('returns exactly the invoice a later payment changed for If-Modified-Since, and reopens it when the payment is removed', async () => {
    advance(60_000);
    const since = clock().toISOString();
    expect((await invoices('', { 'If-Modified-Since': since })).Invoices).toEqual([]);

    const target = sandbox.store
      .invoices()
      .find(
        (i) => i.Type === 'ACCREC' && i.Status === 'AUTHORISED' && i.AmountPaid === 0 && i.AmountDue > 100,
      );
    if (!target) throw new Error('the demo has open invoices');
    advance(1_000);
    const { PaymentID } = sandbox.store.recordPayment({ invoiceId: target.InvoiceID, amount: '100.00' });

    const changed = await invoices('?page=1', {
      'If-Modified-Since': new Date(Date.parse(since)).toUTCString(),
    });
    expect(changed.Invoices.map((i) => i.InvoiceID)).toEqual([target.InvoiceID]);
    const after = changed.Invoices[0];
    expect(after?.AmountPaid).toBe(100);
    expect(after?.AmountDue).toBeCloseTo(target.AmountDue - 100, 2);
    expect(after?.Status).toBe('AUTHORISED');
    expect(after?.Payments.map((p) => p.PaymentID)).toEqual([PaymentID]);

    const payments = await api(sandbox, '/api.xro/2.0/Payments', access, {
      headers: { 'If-Modified-Since': since },
    });
    const listed = (await payments.json()) as {
      Payments: { PaymentID: string; Status: string; Invoice: { InvoiceID: string } }[];
    };
    expect(listed.Payments.map((p) => p.PaymentID)).toEqual([PaymentID]);

    advance(1_000);
    const removed = await api(sandbox, `/api.xro/2.0/Payments/${PaymentID}`, access, {
      method: 'POST',
      body: { Status: 'DELETED' },
    });
    expect(removed.status).toBe(200);
    const reopened = sandbox.store.invoice(target.InvoiceID);
    expect(reopened?.AmountDue).toBe(target.AmountDue);
    expect(reopened?.Status).toBe('AUTHORISED');
    expect(sandbox.store.payments().find((p) => p.PaymentID === PaymentID)?.Status).toBe('DELETED');
  });

  it('pays an invoice off through PUT /Payments: PAID, FullyPaidOnDate, and refuses an overpayment', async () => {
    const target = sandbox.store
      .invoices()
      .find((i) => i.Type === 'ACCREC' && i.Status === 'AUTHORISED' && i.AmountCredited === 0);
    if (!target) throw new Error('the demo has open invoices');
    const over = await api(sandbox, '/api.xro/2.0/Payments', access, {
      method: 'PUT',
      body: {
        Payments: [
          {
            Invoice: { InvoiceID: target.InvoiceID },
            Account: { Code: '090' },
            Date: '2026-11-20',
            Amount: target.AmountDue + 1,
          },
        ],
      },
    });
    expect(over.status).toBe(400);
    expect(await over.json()).toMatchObject({
      ErrorNumber: 10,
      Type: 'ValidationException',
      Elements: [
        { ValidationErrors: [{ Message: 'Payment amount exceeds the amount outstanding on this document' }] },
      ],
    });
    const paid = await api(sandbox, '/api.xro/2.0/Payments', access, {
      method: 'PUT',
      body: {
        Invoice: { InvoiceID: target.InvoiceID },
        Account: { Code: '090' },
        Date: '2026-11-20',
        Amount: target.AmountDue,
      },
    });
    expect(paid.status).toBe(200);
    const text = await paid.text();
    expect(text).toMatch(/"Amount":\d+\.\d\d,/);
    const invoice = sandbox.store.invoice(target.InvoiceID);
    expect(invoice).toMatchObject({
      Status: 'PAID',
      AmountDue: 0,
      FullyPaidOnDate: `/Date(${Date.UTC(2026, 10, 20)}+0000)/`,
    });
  });

  it('writes Xero’s JSON: .NET dates, date strings, and decimals with their scale', async () => {
    const id = sandbox.store.invoices().find((i) => i.Type === 'ACCREC')?.InvoiceID ?? '';
    const res = await api(sandbox, `/api.xro/2.0/Invoices/${id}`, access);
    const text = await res.text();
    expect(text).toMatch(/"Total":\d+\.\d\d[,}]/);
    expect(text).toMatch(/"CurrencyRate":\d\.\d{6}[,}]/);
    const body = JSON.parse(text) as {
      Id: string;
      Status: string;
      ProviderName: string;
      DateTimeUTC: string;
      Invoices: XeroInvoice[];
    };
    expect(body).toMatchObject({ Status: 'OK', ProviderName: 'Goodwill' });
    expect(body.DateTimeUTC).toMatch(/^\/Date\(\d+\)\/$/);
    const invoice = body.Invoices[0];
    expect(invoice?.Date).toMatch(/^\/Date\(\d+000\+0000\)\/$/);
    expect(invoice?.DateString).toMatch(/^\d{4}-\d\d-\d\dT00:00:00$/);
    expect(invoice?.UpdatedDateUTC).toMatch(/^\/Date\(\d+\+0000\)\/$/);
    expect(Date.parse(`${invoice?.DateString}Z`)).toBe(Number(/\d+/.exec(invoice?.Date ?? '')?.[0]));

    const missing = await api(sandbox, '/api.xro/2.0/Invoices/00000000-0000-4000-8000-000000000000', access);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe("The resource you're looking for cannot be found");
  });

  it('lists credit notes with allocations and remaining credit, and contacts with their people', async () => {
    const res = await api(sandbox, '/api.xro/2.0/CreditNotes?page=1', access);
    const body = (await res.json()) as {
      pagination: { itemCount: number };
      CreditNotes: {
        Total: number;
        RemainingCredit: number;
        Status: string;
        Allocations: { Amount: number; Invoice: { InvoiceID: string } }[];
      }[];
    };
    expect(body.pagination.itemCount).toBeGreaterThan(0);
    for (const note of body.CreditNotes.filter((n) => n.Status !== 'VOIDED')) {
      const allocated = note.Allocations.reduce((sum, a) => sum + Math.round(a.Amount * 100), 0);
      expect(Math.round(note.Total * 100) - allocated).toBe(Math.round(note.RemainingCredit * 100));
    }
    expect(body.CreditNotes.some((n) => n.Status === 'AUTHORISED' && n.RemainingCredit > 0)).toBe(true);

    const contacts = (await (await api(sandbox, '/api.xro/2.0/Contacts?page=1', access)).json()) as {
      Contacts: {
        ContactStatus: string;
        ContactPersons: { EmailAddress: string; IncludeInEmails: boolean }[];
      }[];
    };
    expect(contacts.Contacts.every((c) => c.ContactStatus === 'ACTIVE')).toBe(true);
    const withArchived = (await (
      await api(sandbox, '/api.xro/2.0/Contacts?includeArchived=true', access)
    ).json()) as {
      Contacts: unknown[];
    };
    expect(withArchived.Contacts.length).toBeGreaterThan(contacts.Contacts.length);
  });

  it('works with xero-node’s AccountingApi pointed at the sandbox', async () => {
    const accounting = new AccountingApi();
    accounting.basePath = `${sandbox.url}/api.xro/2.0`;
    accounting.accessToken = access;
    const { body } = await accounting.getInvoices(
      sandbox.tenantId,
      undefined,
      'Type=="ACCREC"',
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      1,
      undefined,
      undefined,
      undefined,
      undefined,
      100,
    );
    expect(body.pagination?.itemCount).toBeGreaterThanOrEqual(250);
    const first = body.invoices?.[0];
    expect(first?.date).toBeInstanceOf(Date);
    expect(typeof first?.amountDue).toBe('number');

    const records: HistoryRecords = {
      historyRecords: [{ details: 'Sent a friendly reminder (xero-node).' }],
    };
    const created = await accounting.createInvoiceHistory(
      sandbox.tenantId,
      first?.invoiceID ?? '',
      records,
      'xero-node-key-1',
    );
    expect(created.body.historyRecords?.[0]?.details).toBe('Sent a friendly reminder (xero-node).');
    const organisations = await accounting.getOrganisations(sandbox.tenantId);
    expect(organisations.body.organisations?.[0]?.baseCurrency).toBe('NZD');
  });
});

describe('History & Notes', () => {
  let access: string;
  let invoiceId: string;
  beforeAll(async () => {
    access = (await connect(sandbox)).access_token;
    invoiceId =
      sandbox.store.invoices().find((i) => i.Type === 'ACCREC' && i.Status === 'AUTHORISED')?.InvoiceID ?? '';
  });

  const put = (details: string, key?: string) =>
    api(sandbox, `/api.xro/2.0/Invoices/${invoiceId}/History`, access, {
      method: 'PUT',
      body: { HistoryRecords: [{ Details: details }] },
      headers: key ? { 'Idempotency-Key': key } : {},
    });

  it('adds a note that reads back first, by the app, without touching UpdatedDateUTC', async () => {
    const before = sandbox.store.invoice(invoiceId)?.UpdatedDateUTC;
    const res = await put('Friendly reminder emailed to accounts@ (1 of 3).');
    expect(res.status).toBe(200);
    const created = (await res.json()) as {
      HistoryRecords: { Details: string; DateUTC: string; ValidationErrors: unknown[] }[];
    };
    expect(created.HistoryRecords).toEqual([
      expect.objectContaining({
        Details: 'Friendly reminder emailed to accounts@ (1 of 3).',
        ValidationErrors: [],
      }),
    ]);
    const history = (await (
      await api(sandbox, `/api.xro/2.0/Invoices/${invoiceId}/History`, access)
    ).json()) as {
      HistoryRecords: {
        Changes: string;
        User: string;
        Details: string;
        DateUTC: string;
        DateUTCString: string;
      }[];
    };
    expect(history.HistoryRecords[0]).toMatchObject({
      Changes: 'Note',
      User: 'Goodwill',
      Details: 'Friendly reminder emailed to accounts@ (1 of 3).',
    });
    expect(history.HistoryRecords[0]?.DateUTC).toMatch(/^\/Date\(\d+\+0000\)\/$/);
    expect(history.HistoryRecords.some((r) => r.Changes === 'Created')).toBe(true);
    expect(sandbox.store.invoice(invoiceId)?.UpdatedDateUTC).toBe(before);
  });

  it('refuses Details over 250 characters with a ValidationException, and keeps nothing', async () => {
    const count = sandbox.store.history(invoiceId).length;
    expect((await put('x'.repeat(250))).status).toBe(200);
    const res = await put('y'.repeat(251));
    expect(res.status).toBe(400);
    const body = (await res.json()) as {
      ErrorNumber: number;
      Type: string;
      Message: string;
      Elements: { ValidationErrors: { Message: string }[] }[];
    };
    expect(body).toMatchObject({
      ErrorNumber: 10,
      Type: 'ValidationException',
      Message: 'A validation exception occurred',
    });
    expect(body.Elements[0]?.ValidationErrors[0]?.Message).toContain('250');
    expect(sandbox.store.history(invoiceId)).toHaveLength(count + 1);
  });

  it('answers a repeated Idempotency-Key with the first response and adds nothing', async () => {
    const count = sandbox.store.history(invoiceId).length;
    const first = await put('Overdue reminder emailed.', 'note-key-1');
    const firstBody = await first.text();
    advance(5_000);
    const again = await put('Overdue reminder emailed.', 'note-key-1');
    expect(again.status).toBe(first.status);
    expect(await again.text()).toBe(firstBody);
    expect(sandbox.store.history(invoiceId)).toHaveLength(count + 1);
    expect((await put('Overdue reminder emailed.', 'note-key-2')).status).toBe(200);
    expect(sandbox.store.history(invoiceId)).toHaveLength(count + 2);
  });

  it('refuses a note for an invoice that does not exist', async () => {
    const res = await api(
      sandbox,
      '/api.xro/2.0/Invoices/00000000-0000-4000-8000-000000000000/History',
      access,
      {
        method: 'PUT',
        body: { HistoryRecords: [{ Details: 'hello' }] },
      },
    );
    expect(res.status).toBe(400);
    expect(
      ((await res.json()) as { Elements: { ValidationErrors: { Message: string }[] }[] }).Elements[0]
        ?.ValidationErrors[0]?.Message,
    ).toBe('The document with the supplied id was not found for this endpoint.');
  });
});

describe('the demo organisation', () => {
  const today = () => sandbox.store.today();
  const daysOverdue = (i: XeroInvoice) =>
    Math.round((Date.parse(`${today()}T00:00:00Z`) - Number(/\d+/.exec(i.DueDate)?.[0])) / 86_400_000);

  it('is a New Zealand business with at least 40 customers, each reachable or deliberately not', () => {
    expect(sandbox.store.organisation()).toMatchObject({
      BaseCurrency: 'NZD',
      CountryCode: 'NZ',
      Timezone: 'NEWZEALANDSTANDARDTIME',
    });
    const customers = sandbox.store.contacts().filter((c) => c.IsCustomer);
    expect(customers.length).toBeGreaterThanOrEqual(40);
    const withPeople = customers.filter((c) => c.ContactPersons.length > 0);
    for (const c of withPeople) {
      expect(c.ContactPersons.length).toBeLessThanOrEqual(3);
      expect(c.ContactPersons.some((p) => p.IncludeInEmails)).toBe(true);
      for (const p of c.ContactPersons) {
        expect(p.FirstName && p.LastName).toBeTruthy();
        expect(p.EmailAddress).toMatch(/@[a-z0-9-]+\.example\.com$/);
      }
    }
    const unreachable = customers.filter((c) => c.EmailAddress === '' && c.ContactPersons.length === 0);
    expect(unreachable.length).toBeGreaterThanOrEqual(2);
  });

  it('has at least 250 sales invoices whose figures always add up', () => {
    const all = sandbox.store.invoices();
    const sales = all.filter((i) => i.Type === 'ACCREC');
    expect(sales.length).toBeGreaterThanOrEqual(250);
    expect(sales.map((i) => i.InvoiceNumber)).toContain('INV-0001');
    const cents = (n: number) => Math.round(n * 100);
    for (const i of all) {
      expect(cents(i.SubTotal) + cents(i.TotalTax)).toBe(cents(i.Total));
      expect(i.LineItems.reduce((sum, l) => sum + cents(l.LineAmount), 0)).toBe(cents(i.SubTotal));
      if (i.Status === 'VOIDED' || i.Status === 'DELETED') {
        expect(i.AmountDue).toBe(0);
      } else {
        expect(cents(i.AmountDue)).toBe(cents(i.Total) - cents(i.AmountPaid) - cents(i.AmountCredited));
      }
      if (i.Status === 'PAID') expect(i.AmountDue).toBe(0);
      if (i.Status === 'AUTHORISED') expect(i.AmountDue).toBeGreaterThan(0);
    }
  });

  it('spreads invoices over every age and state a collections app meets', () => {
    const sales = sandbox.store.invoices().filter((i) => i.Type === 'ACCREC');
    const open = sales.filter((i) => i.Status === 'AUTHORISED');
    const within = (from: number, to: number) =>
      open.filter((i) => daysOverdue(i) >= from && daysOverdue(i) <= to).length;
    expect(within(-3, 0)).toBeGreaterThan(0);
    expect(within(-30, -4)).toBeGreaterThan(0);
    expect(within(1, 7)).toBeGreaterThan(0);
    expect(within(8, 30)).toBeGreaterThan(0);
    expect(within(31, 60)).toBeGreaterThan(0);
    expect(within(61, 90)).toBeGreaterThan(0);
    expect(within(91, 120)).toBeGreaterThan(0);
    expect(open.some((i) => i.AmountPaid > 0)).toBe(true);
    expect(sales.some((i) => i.AmountCredited > 0)).toBe(true);
    for (const status of ['PAID', 'VOIDED', 'DRAFT'])
      expect(sales.some((i) => i.Status === status)).toBe(true);
    expect(new Set(sales.map((i) => i.CurrencyCode))).toEqual(new Set(['NZD', 'AUD', 'USD']));
    expect(sandbox.store.invoices().some((i) => i.Type === 'ACCPAY')).toBe(true);
  });

  it('is the same organisation for the same seed and clock', () => {
    const now = Date.parse('2026-06-01T00:00:00Z');
    const a = generateDemoOrganisation({ seed: 99, now });
    const b = generateDemoOrganisation({ seed: 99, now });
    expect([...b.invoices.values()]).toEqual([...a.invoices.values()]);
    expect([...b.contacts.values()]).toEqual([...a.contacts.values()]);
    expect(generateDemoOrganisation({ seed: 100, now }).organisation.id).not.toBe(a.organisation.id);
  });
});

describe('disconnecting', () => {
  let own: RunningXeroSandbox;
  beforeEach(async () => {
    own = await startXeroSandbox({ seed: 3, organisation: 'empty', limits: false });
  });
  afterEach(() => own.close());

  it('revokes a refresh token at the revocation endpoint, with its connections', async () => {
    const tokens = await connect(own);
    const res = await fetch(`${own.identityUrl}/connect/revocation`, {
      method: 'POST',
      headers: { authorization: basic(own), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: tokens.refresh_token, token_type_hint: 'refresh_token' }),
    });
    expect(res.status).toBe(200);
    const refresh = await token(own, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    expect(await refresh.json()).toEqual({ error: 'invalid_grant' });
    const connections = await fetch(`${own.url}/connections`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(await connections.json()).toEqual([]);
    expect((await api(own, '/api.xro/2.0/Organisation', tokens.access_token)).status).toBe(403);
  });

  it('cuts the app off when the organisation disconnects it in Xero', async () => {
    const tokens = await connect(own);
    expect((await api(own, '/api.xro/2.0/Invoices', tokens.access_token)).status).toBe(200);
    own.store.revokeConnections();
    expect((await api(own, '/api.xro/2.0/Invoices', tokens.access_token)).status).toBe(403);
    const refresh = await token(own, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    expect(refresh.status).toBe(400);
    expect(await refresh.json()).toEqual({ error: 'invalid_grant' });
  });

  it('deletes a connection through DELETE /connections/{id}', async () => {
    const tokens = await connect(own);
    const headers = { authorization: `Bearer ${tokens.access_token}` };
    const [connection] = (await (await fetch(`${own.url}/connections`, { headers })).json()) as {
      id: string;
    }[];
    const res = await fetch(`${own.url}/connections/${connection?.id}`, { method: 'DELETE', headers });
    expect(res.status).toBe(204);
    expect((await api(own, '/api.xro/2.0/Organisation', tokens.access_token)).status).toBe(403);
    expect(own.store.calls['DELETE /connections/{id}']).toBe(1);
    expect(own.store.calls['GET /Organisation']).toBe(1);
  });
});
