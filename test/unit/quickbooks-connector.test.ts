import nock from 'nock';
import { createQuickBooksConnector } from '../../connectors/quickbooks';
import type { SyncCursor } from '../../connectors/types';
import { AUTH, COMPANY, NOW, api, config, ctx, failure, qbo } from '../fixtures/quickbooks/api';
import { REALM, cdcBody, customer, invoice, payment, queryBody } from '../fixtures/quickbooks/records';

const FULL: SyncCursor = { modifiedSince: null, nextPage: 1, highWater: null };

function withQuery(expected: string) {
  return (q: Record<string, unknown>) => q.query === expected && q.minorversion === '75';
}

async function pull(
  name: string,
  kind: 'invoices' | 'contacts' | 'payments' | 'credits',
  cursor: SyncCursor,
) {
  return qbo().pull({ name, kind }, ctx, cursor);
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('full pass by query', () => {
  it('pages with STARTPOSITION/MAXRESULTS 1000 and starts changes from the first answer', async () => {
    const full = Array.from({ length: 1000 }, (_, i) => invoice({ Id: String(i + 1) }));
    const scope = api()
      .get(`${COMPANY}/query`)
      .query(withQuery('select * from invoice ORDERBY Id STARTPOSITION 1 MAXRESULTS 1000'))
      .reply(200, queryBody('Invoice', full))
      .get(`${COMPANY}/query`)
      .query(withQuery('select * from invoice ORDERBY Id STARTPOSITION 1001 MAXRESULTS 1000'))
      .reply(200, { ...queryBody('Invoice', [invoice({ Id: '1001' })]), time: '2026-11-24T02:05:00-08:00' });

    const first = await pull('invoices', 'invoices', FULL);
    expect(first.page.records).toHaveLength(1000);
    expect(first.page.last).toBe(false);
    expect(first.page.cursor).toEqual({
      modifiedSince: null,
      nextPage: 2,
      highWater: '2026-11-24T09:59:00.000Z',
    });

    const second = await pull('invoices', 'invoices', first.page.cursor);
    expect(second.page.last).toBe(true);
    // From the start of the pass (its first answer, a minute early), not from its end.
    expect(second.page.cursor).toEqual({
      modifiedSince: '2026-11-24T09:59:00.000Z',
      nextPage: 1,
      highWater: null,
    });
    expect(scope.isDone()).toBe(true);
  });

  it('customers include inactive ones', async () => {
    const scope = api()
      .get(`${COMPANY}/query`)
      .query(
        withQuery(
          'select * from customer WHERE Active IN (true, false) ORDERBY Id STARTPOSITION 1 MAXRESULTS 1000',
        ),
      )
      .reply(200, queryBody('Customer', [customer({ Active: false })]));
    const pulled = await pull('customers', 'contacts', FULL);
    expect(pulled.kind === 'contacts' && pulled.page.records[0]?.archived).toBe(true);
    expect(scope.isDone()).toBe(true);
  });
});

describe('incremental by CDC', () => {
  const since: SyncCursor = { modifiedSince: '2026-11-20T00:00:00.000Z', nextPage: 1, highWater: null };

  it('asks CDC for one entity since the cursor; a deleted payment, and every payment read, is named whole', async () => {
    const deleted = {
      Id: '9',
      status: 'Deleted',
      domain: 'QBO',
      MetaData: { LastUpdatedTime: '2026-11-23T08:00:00-08:00' },
    };
    const scope = api()
      .get(`${COMPANY}/cdc`)
      .query((q) => q.entities === 'Payment' && q.changedSince === '2026-11-20T00:00:00Z')
      .reply(200, cdcBody('Payment', [payment(), deleted]));
    const pulled = await pull('payments', 'payments', since);
    expect(pulled.page.records).toEqual([
      expect.objectContaining({ externalId: '163:130', amount: 10000, platformPaymentId: '163' }),
    ]);
    // Rows of payment 163 that this copy no longer makes, and every row of payment 9, are gone.
    expect(pulled.removed).toEqual({
      invoices: [],
      credits: [],
      payments: [
        { externalId: '163', updatedAt: '2026-11-02T16:00:00.000Z' },
        { externalId: '9', updatedAt: '2026-11-23T16:00:00.000Z' },
      ],
    });
    expect(pulled.page.last).toBe(true);
    expect(pulled.page.cursor).toEqual({
      modifiedSince: '2026-11-24T09:59:00.000Z',
      nextPage: 1,
      highWater: null,
    });
    expect(scope.isDone()).toBe(true);
  });

  it('an answer at the 1000-object cap is kept, then the same interval is read by query', async () => {
    const capped = Array.from({ length: 1000 }, (_, i) => invoice({ Id: String(i + 1) }));
    const scope = api()
      .get(`${COMPANY}/cdc`)
      .query(true)
      .reply(200, cdcBody('Invoice', capped))
      .get(`${COMPANY}/query`)
      .query(
        withQuery(
          "select * from invoice WHERE MetaData.LastUpdatedTime >= '2026-11-20T00:00:00Z' ORDERBY Id STARTPOSITION 1 MAXRESULTS 1000",
        ),
      )
      .reply(200, queryBody('Invoice', [invoice({ Id: '1001' })]));
    const first = await pull('invoices', 'invoices', since);
    expect(first.page.records).toHaveLength(1000);
    expect(first.page.last).toBe(false);
    const second = await pull('invoices', 'invoices', first.page.cursor);
    expect(second.page.records.map((r) => r.externalId)).toEqual(['1001']);
    expect(second.page.cursor).toEqual({
      modifiedSince: '2026-11-24T09:59:00.000Z',
      nextPage: 1,
      highWater: null,
    });
    expect(scope.isDone()).toBe(true);
  });

  it('a cursor beyond the 30-day look-back starts a full pass', async () => {
    const scope = api()
      .get(`${COMPANY}/query`)
      .query(withQuery('select * from invoice ORDERBY Id STARTPOSITION 1 MAXRESULTS 1000'))
      .reply(200, queryBody('Invoice', [invoice()]));
    const old: SyncCursor = { modifiedSince: '2026-10-20T00:00:00.000Z', nextPage: 1, highWater: null };
    const pulled = await pull('invoices', 'invoices', old);
    expect(pulled.page.last).toBe(true);
    expect(scope.isDone()).toBe(true);
  });

  it('a payment that applies credit hands the credit over with the page', async () => {
    const applied = payment({
      TotalAmt: 50,
      Line: [
        { Amount: 100, LinkedTxn: [{ TxnId: '130', TxnType: 'Invoice' }] },
        { Amount: 50, LinkedTxn: [{ TxnId: '73', TxnType: 'CreditMemo' }] },
      ],
    });
    api()
      .get(`${COMPANY}/cdc`)
      .query(true)
      .reply(200, cdcBody('Payment', [applied]));
    const pulled = await pull('payments', 'payments', since);
    expect(pulled.credits).toEqual([
      expect.objectContaining({ externalId: 'payment-163-creditmemo-73', total: 5000 }),
    ]);
  });
});

describe('fetching by id', () => {
  it('reads invoices with one Id IN query', async () => {
    const scope = api()
      .get(`${COMPANY}/query`)
      .query(
        withQuery("select * from invoice WHERE Id IN ('130', '131') ORDERBY Id STARTPOSITION 1 MAXRESULTS 2"),
      )
      .reply(200, queryBody('Invoice', [invoice()]));
    const invoices = await qbo().fetchInvoices(ctx, ['130', '131', '130']);
    expect(invoices.map((i) => i.externalId)).toEqual(['130']);
    expect(scope.isDone()).toBe(true);
  });

  it('a bad id costs no call', async () => {
    expect((await failure(qbo().fetchInvoices(ctx, ["1') OR ('1"]))).code).toBe('rejected');
  });
});

describe('notes', () => {
  it('creates an Attachable note linked to the invoice, with the idempotency key as requestid', async () => {
    let sent: unknown;
    const scope = api()
      .post(`${COMPANY}/attachable`, (body: unknown) => {
        sent = body;
        return true;
      })
      .query((q) => q.requestid === 'note-key-1')
      .reply(200, {
        Attachable: { Id: '5000000000000010', Note: 'Reminder sent' },
        time: '2026-11-24T02:00:00-08:00',
      });
    await qbo().postNote(ctx, {
      invoiceExternalId: '130',
      text: '  Reminder sent ',
      idempotencyKey: 'note-key-1',
    });
    expect(sent).toEqual({
      Note: 'Reminder sent',
      AttachableRef: [{ EntityRef: { type: 'Invoice', value: '130' }, IncludeOnSend: false }],
    });
    expect(scope.isDone()).toBe(true);
  });

  it('a key longer than Intuit allows is hashed to a stable 50 characters', async () => {
    const ids: string[] = [];
    api()
      .post(`${COMPANY}/attachable`)
      .query((q) => {
        ids.push(String(q.requestid));
        return true;
      })
      .times(2)
      .reply(200, { Attachable: { Id: '1' } });
    const note = { invoiceExternalId: '130', text: 'x', idempotencyKey: 'k'.repeat(80) };
    await qbo().postNote(ctx, note);
    await qbo().postNote(ctx, note);
    expect(ids[0]).toHaveLength(50);
    expect(ids[1]).toBe(ids[0]);
  });
});

describe('faults', () => {
  const cursor = FULL;

  it('a Fault in XML with HTTP 200 -> typed by its type', async () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><IntuitResponse xmlns="http://schema.intuit.com/finance/v3" time="2026-11-24T02:00:00-08:00">' +
      '<Fault type="ValidationFault"><Error code="6000" element=""><Message>A business validation error has occurred</Message>' +
      '<Detail>Invalid Reference Id</Detail></Error></Fault></IntuitResponse>';
    api().post(`${COMPANY}/attachable`).query(true).reply(200, xml, { 'Content-Type': 'application/xml' });
    const err = await failure(
      qbo().postNote(ctx, { invoiceExternalId: '130', text: 'x', idempotencyKey: 'k' }),
    );
    expect(err.code).toBe('rejected');
    expect(err.message).toContain('code 6000');
  });

  it('a JSON Fault with HTTP 200 on a query -> rejected, naming the code', async () => {
    api()
      .get(`${COMPANY}/query`)
      .query(true)
      .reply(200, {
        Fault: { Error: [{ Message: 'Error parsing query', code: '4000' }], type: 'ValidationFault' },
      });
    const err = await failure(pull('invoices', 'invoices', cursor));
    expect(err.code).toBe('rejected');
    expect(err.message).toContain('code 4000');
  });

  it('401 with the gateway fault -> auth_expired', async () => {
    api()
      .get(`${COMPANY}/query`)
      .query(true)
      .reply(401, {
        fault: {
          error: [
            { message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401', code: '3200' },
          ],
          type: 'AUTHENTICATION',
        },
      });
    expect((await failure(pull('invoices', 'invoices', cursor))).code).toBe('auth_expired');
  });

  it('403 AuthorizationFault -> reauth_required', async () => {
    const body =
      '<IntuitResponse><Fault type="AuthorizationFault"><Error code="003100"><Message>ApplicationAuthorizationFailed</Message></Error></Fault></IntuitResponse>';
    api().get(`${COMPANY}/query`).query(true).reply(403, body);
    expect((await failure(pull('invoices', 'invoices', cursor))).code).toBe('reauth_required');
  });

  it('ThrottleExceeded -> rate_limited with the wait, however it arrives', async () => {
    api()
      .get(`${COMPANY}/query`)
      .query(true)
      .reply(
        429,
        {
          Fault: {
            Error: [{ Message: 'message=ThrottleExceeded; errorCode=003001; statusCode=429', code: '3001' }],
            type: 'ThrottleExceeded',
          },
        },
        { 'Retry-After': '90' },
      );
    const err = await failure(pull('invoices', 'invoices', cursor));
    expect(err.code).toBe('rate_limited');
    expect(err.details.retryAfterMs).toBe(90_000);
  });

  it('a 429 with a short wait is sat out and the call repeated', async () => {
    const scope = api()
      .get(`${COMPANY}/query`)
      .query(true)
      .reply(429, '', { 'Retry-After': '0' })
      .get(`${COMPANY}/query`)
      .query(true)
      .reply(200, queryBody('Invoice', [invoice()]));
    const pulled = await pull('invoices', 'invoices', cursor);
    expect(pulled.page.records).toHaveLength(1);
    expect(scope.isDone()).toBe(true);
  });
});

describe('OAuth', () => {
  const REDIRECT = 'http://app.test/connect/quickbooks/callback';

  it('the consent URL is the configured one, with Intuit scopes and the state', async () => {
    const url = new URL(
      await qbo().authorizationUrl({ state: 'st-1', codeVerifier: 'v'.repeat(43), redirectUri: REDIRECT }),
    );
    expect(`${url.origin}${url.pathname}`).toBe(`${AUTH}/oauth2/authorize`);
    expect(url.searchParams.get('scope')).toBe('com.intuit.quickbooks.accounting openid profile email');
    expect(url.searchParams.get('state')).toBe('st-1');
    expect(url.searchParams.get('client_id')).toBe('qbo-client');
  });

  it('without credentials is not configured, and refuses every grant step without asking Intuit', async () => {
    const unconfigured = createQuickBooksConnector({ ...config, clientId: '', clientSecret: '' });
    expect(unconfigured.configured).toBe(false);
    expect(qbo().configured).toBe(true);
    const input = { state: 's', codeVerifier: 'v'.repeat(43), redirectUri: REDIRECT };
    for (const step of [
      () => unconfigured.authorizationUrl(input),
      () => unconfigured.exchangeCode({ ...input, callbackUrl: `${REDIRECT}?code=c&state=s&realmId=1` }),
      () => unconfigured.refresh('refresh-token'),
      () => unconfigured.revoke('refresh-token'),
    ]) {
      const err = await failure(step());
      expect(err.code).toBe('rejected');
      expect(err.message).toBe('QuickBooks Online is not configured (QBO_CLIENT_ID, QBO_CLIENT_SECRET)');
    }
  });

  it('exchanges the code: tokens with both refresh expiries, the realm from the callback, the user from userinfo', async () => {
    const scope = nock(AUTH)
      .post(
        '/oauth2/tokens/bearer',
        (body: Record<string, string>) =>
          body.code === 'the-code' && body.grant_type === 'authorization_code',
      )
      .reply(200, {
        access_token: 'new-access',
        refresh_token: 'new-refresh',
        token_type: 'bearer',
        expires_in: 3600,
        x_refresh_token_expires_in: 8_726_400,
        x_refresh_token_hard_expires_in: 157_680_000,
        id_token: 'id.token.value',
      })
      .get('/openid/userinfo')
      .matchHeader('authorization', 'Bearer new-access')
      .reply(200, {
        sub: 'intuit-user-1',
        email: 'ann@harbour.example',
        givenName: 'Ann',
        familyName: 'Lee',
      });
    const result = await qbo().exchangeCode({
      callbackUrl: `${REDIRECT}?code=the-code&state=st-1&realmId=${REALM}`,
      state: 'st-1',
      codeVerifier: 'v'.repeat(43),
      redirectUri: REDIRECT,
    });
    expect(result.tenants).toEqual([{ tenantId: REALM, connectionRef: null, name: '' }]);
    expect(result.identity).toEqual({
      subject: 'intuit-user-1',
      email: 'ann@harbour.example',
      name: 'Ann Lee',
    });
    expect(result.tokens).toEqual({
      accessToken: 'new-access',
      refreshToken: 'new-refresh',
      idToken: 'id.token.value',
      expiresAt: NOW + 3_600_000,
      refreshExpiresAt: NOW + 8_726_400_000,
      refreshHardExpiresAt: NOW + 157_680_000_000,
    });
    expect(scope.isDone()).toBe(true);
  });

  it('a callback of another session -> oauth_state_mismatch, and no code is exchanged', async () => {
    const err = await failure(
      qbo().exchangeCode({
        callbackUrl: `${REDIRECT}?code=c&state=forged&realmId=${REALM}`,
        state: 'st-1',
        codeVerifier: 'v',
        redirectUri: REDIRECT,
      }),
    );
    expect(err.code).toBe('oauth_state_mismatch');
  });

  it('refresh rotates the refresh token', async () => {
    nock(AUTH)
      .post(
        '/oauth2/tokens/bearer',
        (body: Record<string, string>) =>
          body.grant_type === 'refresh_token' && body.refresh_token === 'old-refresh',
      )
      .reply(200, {
        access_token: 'a2',
        refresh_token: 'r2',
        expires_in: 3600,
        x_refresh_token_expires_in: 8_726_400,
        token_type: 'bearer',
      });
    const tokens = await qbo().refresh('old-refresh');
    expect(tokens).toMatchObject({
      accessToken: 'a2',
      refreshToken: 'r2',
      refreshExpiresAt: NOW + 8_726_400_000,
    });
  });

  it('invalid_grant -> reauth_required, and the token is not in the message', async () => {
    nock(AUTH)
      .post('/oauth2/tokens/bearer')
      .reply(400, { error: 'invalid_grant', error_description: 'Incorrect Token type or clientID' });
    const err = await failure(qbo().refresh('secret-refresh-token'));
    expect(err.code).toBe('reauth_required');
    expect(err.message).not.toContain('secret-refresh-token');
  });

  it('a 429 from the token endpoint -> rate_limited, once (no hidden retries)', async () => {
    const scope = nock(AUTH).post('/oauth2/tokens/bearer').once().reply(429, '', { 'Retry-After': '5' });
    const err = await failure(qbo().refresh('r'));
    expect(err.code).toBe('rate_limited');
    expect(scope.isDone()).toBe(true);
  });

  it('revoke sends the refresh token to the configured endpoint', async () => {
    const scope = nock(AUTH).post('/oauth2/tokens/revoke', { token: 'to-revoke' }).reply(200);
    await qbo().revoke('to-revoke');
    expect(scope.isDone()).toBe(true);
  });
});

describe('re-fetch of what a webhook named', () => {
  it('reports a payment QuickBooks no longer has as deleted, and the one it has as read whole', async () => {
    const scope = api()
      .get(`${COMPANY}/query`)
      .query(
        withQuery("select * from payment WHERE Id IN ('163', '9') ORDERBY Id STARTPOSITION 1 MAXRESULTS 2"),
      )
      .reply(200, queryBody('Payment', [payment()]));
    const changed = await qbo().fetchChanged(ctx, {
      invoices: [],
      contacts: [],
      credits: [],
      payments: ['163', '9'],
    });
    expect(changed.payments).toEqual([expect.objectContaining({ externalId: '163:130' })]);
    expect(changed.removed?.payments).toEqual([
      { externalId: '163', updatedAt: '2026-11-02T16:00:00.000Z' },
      { externalId: '9', updatedAt: null },
    ]);
    expect(scope.isDone()).toBe(true);
  });
});
