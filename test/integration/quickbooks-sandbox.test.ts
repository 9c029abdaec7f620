// The QuickBooks Online sandbox driven over HTTP the way the connector will drive Intuit: OAuth with
// intuit-oauth (its endpoints pointed at the sandbox), the Accounting API with node-quickbooks and raw
// calls: queries and their paging, reads, CDC with deletions, its cap and its lookback limit,
// attachables and their requestid, and the money that links payments, invoices and credit memos.
import OAuthClient from 'intuit-oauth';
import QuickBooks from 'node-quickbooks';
import {
  apiCall,
  authorize,
  connect,
  LedgerError,
  queryCall,
  SANDBOX_REDIRECT_URI,
  startQuickBooksSandbox,
  tokenRequest,
  type RunningQuickBooksSandbox,
} from '../../connectors/quickbooks/sandbox';

const START = Date.parse('2026-11-24T18:00:00.000Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function handClock(start = START) {
  let now = start;
  return { now: () => new Date(now), advance: (ms: number) => void (now += ms), ms: () => now };
}

type Json = Record<string, unknown>;
type Invoice = {
  Id: string;
  Balance: number;
  TotalAmt: number;
  CustomerRef: { value: string };
  CurrencyRef: { value: string };
  MetaData: { LastUpdatedTime: string };
  PrivateNote?: string;
};
type Payment = {
  Id: string;
  TotalAmt: number;
  UnappliedAmt: number;
  Line: { Amount: number; LinkedTxn: { TxnId: string; TxnType: string }[] }[];
};

/** node-quickbooks' callback style as a promise. */
function promised<T>(run: (done: (err: unknown, data?: unknown) => void) => void): Promise<T> {
  return new Promise((resolve, reject) =>
    run((err, data) => (err ? reject(err as Error) : resolve(data as T))),
  );
}

async function json<T = Json>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

function openInvoice(s: RunningQuickBooksSandbox, atLeast = 100): Invoice {
  const found = (s.store.invoices() as unknown as Invoice[]).find(
    (i) => i.Balance >= atLeast && i.Balance === i.TotalAmt && i.CurrencyRef.value === 'USD',
  );
  if (!found) throw new Error('The demo company has an untouched open invoice');
  return found;
}

describe('OAuth 2.0 and OpenID', () => {
  const clock = handClock();
  let s: RunningQuickBooksSandbox;
  const saved = { ...OAuthClient } as Record<string, unknown>;

  beforeAll(async () => {
    s = await startQuickBooksSandbox({ now: clock.now, limits: false });
    OAuthClient.authorizeEndpoint = s.authorizeUrl;
    OAuthClient.tokenEndpoint = s.tokenUrl;
    OAuthClient.revokeEndpoint = s.revokeUrl;
    OAuthClient.userinfo_endpoint_sandbox = s.userInfoUrl;
    OAuthClient.jwks_uri = s.jwksUrl;
  });
  afterAll(async () => {
    Object.assign(OAuthClient, saved);
    await s.close();
  });

  it('runs intuit-oauth’s round trip: consent with state and realmId, tokens, userinfo, id_token, refresh', async () => {
    const client = new OAuthClient({
      clientId: s.clientId,
      clientSecret: s.clientSecret,
      environment: 'sandbox',
      redirectUri: SANDBOX_REDIRECT_URI,
      includeRefreshTokenHardExpiresIn: true,
    });
    const consentUrl = client.authorizeUri({
      scope: [
        OAuthClient.scopes.Accounting,
        OAuthClient.scopes.OpenId,
        OAuthClient.scopes.Email,
        OAuthClient.scopes.Profile,
      ],
      state: 'csrf-42',
    });
    const consent = await fetch(consentUrl, { redirect: 'manual' });
    const callback = consent.headers.get('location') ?? '';
    expect(new URL(callback).searchParams.get('state')).toBe('csrf-42');
    expect(new URL(callback).searchParams.get('realmId')).toBe(s.realmId);

    const created = await client.createToken(callback);
    const token = created.getJson() as Json;
    expect(token).toMatchObject({
      token_type: 'bearer',
      expires_in: 3600,
      x_refresh_token_expires_in: 100 * 86_400,
    });
    expect(token.x_refresh_token_hard_expires_in).toBe(5 * 365 * 86_400);
    expect(client.getToken().realmId).toBe(s.realmId);
    await expect(client.validateIdToken()).resolves.toBe(true);

    const info = (await client.getUserInfo()).getJson() as Json;
    expect(info).toMatchObject({
      email: 'dana.whitfield@bayviewsign.example',
      givenName: 'Dana',
      familyName: 'Whitfield',
    });
    expect(typeof info.sub).toBe('string');

    const refreshed = (await client.refresh()).getJson() as Json;
    expect(refreshed.refresh_token).toBe(token.refresh_token);
    expect(refreshed.access_token).not.toBe(token.access_token);
  });

  it('keeps a refresh token for a day, then rotates it and lets the old one work for a short grace', async () => {
    const first = await connect(s);
    clock.advance(2 * HOUR);
    const same = await json(
      await tokenRequest(s, { grant_type: 'refresh_token', refresh_token: first.refresh_token }),
    );
    expect(same.refresh_token).toBe(first.refresh_token);

    clock.advance(DAY);
    const rotated = await json(
      await tokenRequest(s, { grant_type: 'refresh_token', refresh_token: first.refresh_token }),
    );
    expect(rotated.refresh_token).not.toBe(first.refresh_token);
    expect(rotated.x_refresh_token_expires_in).toBe(100 * 86_400);
    expect((rotated.x_refresh_token_hard_expires_in as number) < 5 * 365 * 86_400).toBe(true);

    clock.advance(60_000);
    const retry = await json(
      await tokenRequest(s, { grant_type: 'refresh_token', refresh_token: first.refresh_token }),
    );
    expect(retry.refresh_token).toBe(rotated.refresh_token);

    clock.advance(10 * 60_000);
    const late = await tokenRequest(s, { grant_type: 'refresh_token', refresh_token: first.refresh_token });
    expect(late.status).toBe(400);
    expect(await late.json()).toEqual({ error: 'invalid_grant', error_description: 'Token expired' });
  });

  it('expires access tokens after an hour with a 401 AuthenticationFault', async () => {
    const tokens = await connect(s);
    expect((await apiCall(s, s.realmId, tokens.access_token, '/preferences')).status).toBe(200);
    clock.advance(HOUR);
    const res = await apiCall(s, s.realmId, tokens.access_token, '/preferences');
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({
      Fault: { type: 'AuthenticationFault', Error: [{ code: '3200', Detail: 'Token expired' }] },
    });
  });

  it('ends the whole connection on revoke, or when the company disconnects the app', async () => {
    const a = await connect(s);
    const revoke = await fetch(s.revokeUrl, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${s.clientId}:${s.clientSecret}`).toString('base64')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ token: a.refresh_token }),
    });
    expect(revoke.status).toBe(200);
    expect((await apiCall(s, s.realmId, a.access_token, '/preferences')).status).toBe(401);
    expect(
      (await tokenRequest(s, { grant_type: 'refresh_token', refresh_token: a.refresh_token })).status,
    ).toBe(400);

    const b = await connect(s);
    s.store.revokeConnections();
    expect((await apiCall(s, s.realmId, b.access_token, '/preferences')).status).toBe(401);
    const refused = await tokenRequest(s, { grant_type: 'refresh_token', refresh_token: b.refresh_token });
    expect(await refused.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses a wrong client secret, a used code, a foreign realm and a sign-in-only token', async () => {
    expect((await tokenRequest(s, { grant_type: 'refresh_token', refresh_token: 'x' }, 'wrong')).status).toBe(
      401,
    );
    const back = await authorize(s);
    const form = {
      grant_type: 'authorization_code',
      code: back.get('code') ?? '',
      redirect_uri: SANDBOX_REDIRECT_URI,
    };
    const tokens = await json<{ access_token: string }>(await tokenRequest(s, form));
    expect((await tokenRequest(s, form)).status).toBe(400);
    const foreign = await apiCall(s, '1234567890', tokens.access_token, '/preferences');
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({
      Fault: { type: 'AuthorizationFault', Error: [{ code: '3100' }] },
    });

    const signIn = await authorize(s, 'openid email profile');
    expect(signIn.get('realmId')).toBeNull();
  });

  it('gives the next consent to another Intuit user', async () => {
    s.store.useNextIdentity({ email: 'sam.okafor@example.com', name: 'Sam Okafor' });
    const tokens = await connect(s);
    const info = await json(
      await fetch(s.userInfoUrl, { headers: { authorization: `Bearer ${tokens.access_token}` } }),
    );
    expect(info).toMatchObject({ email: 'sam.okafor@example.com', givenName: 'Sam', familyName: 'Okafor' });
    const again = await connect(s);
    const back = await json(
      await fetch(s.userInfoUrl, { headers: { authorization: `Bearer ${again.access_token}` } }),
    );
    expect(back.email).toBe('dana.whitfield@bayviewsign.example');
  });
});

describe('the Accounting API', () => {
  const clock = handClock();
  let s: RunningQuickBooksSandbox;
  let token: string;
  let qbo: QuickBooks;
  const savedBase = QuickBooks.V3_ENDPOINT_BASE_URL;

  beforeAll(async () => {
    s = await startQuickBooksSandbox({ now: clock.now, limits: false, seed: 11 });
    token = (await connect(s)).access_token;
    QuickBooks.V3_ENDPOINT_BASE_URL = s.apiBaseUrl;
    qbo = new QuickBooks(s.clientId, s.clientSecret, token, false, s.realmId, true, false, '75', '2.0');
  });
  afterAll(async () => {
    QuickBooks.V3_ENDPOINT_BASE_URL = savedBase;
    await s.close();
  });

  const query = async <T = Json>(text: string) =>
    json<{ QueryResponse: T }>(await queryCall(s, s.realmId, token, text));

  it('answers CompanyInfo and Preferences (home currency, multicurrency) through node-quickbooks', async () => {
    const info = await promised<Json>((done) => qbo.getCompanyInfo(s.realmId, done));
    expect(info).toMatchObject({ CompanyName: 'Bayview Sign & Print', Country: 'US', Id: '1' });
    const prefs = await promised<Json>((done) => qbo.getPreferences(done));
    expect(prefs.CurrencyPrefs).toEqual({ MultiCurrencyEnabled: true, HomeCurrency: { value: 'USD' } });
  });

  it('pages a query with STARTPOSITION and MAXRESULTS, and COUNT(*) agrees with the store', async () => {
    const open = (s.store.invoices() as unknown as Invoice[]).filter((i) => i.Balance > 0).map((i) => i.Id);
    const counted = await query<{ totalCount: number }>("SELECT COUNT(*) FROM Invoice WHERE Balance > '0'");
    expect(counted.QueryResponse.totalCount).toBe(open.length);
    const seen: string[] = [];
    for (let start = 1; ; start += 40) {
      const page = await query<{ Invoice?: Invoice[]; startPosition?: number; maxResults?: number }>(
        `select * from Invoice where Balance > '0' ORDERBY Id STARTPOSITION ${start} MAXRESULTS 40`,
      );
      const list = page.QueryResponse.Invoice ?? [];
      if (list.length > 0)
        expect(page.QueryResponse).toMatchObject({ startPosition: start, maxResults: list.length });
      seen.push(...list.map((i) => i.Id));
      if (list.length < 40) break;
    }
    expect(seen).toEqual(open);
  });

  it('finds invoices through node-quickbooks’ criteria, fetchAll paging included', async () => {
    const criteria = [
      { field: 'fetchAll', value: true },
      { field: 'limit', value: 100 },
    ];
    const all = await promised<{ QueryResponse: { Invoice: Invoice[] } }>((done) =>
      qbo.findInvoices(criteria, done),
    );
    expect(all.QueryResponse.Invoice).toHaveLength(300);
  });

  it('filters on Id IN, LastUpdatedTime and DocNumber, leaves inactive customers out, caps MAXRESULTS at 1000', async () => {
    const picked = await query<{ Invoice: Invoice[] }>(
      "select * from Invoice where Id in ('3', '5', '999999')",
    );
    expect(picked.QueryResponse.Invoice.map((i) => i.Id)).toEqual(['3', '5']);

    const invoice = openInvoice(s);
    clock.advance(60_000);
    s.store.setDueDate(invoice.Id, '2027-01-15');
    const since = new Date(clock.ms() - 1000).toISOString();
    const changed = await query<{ Invoice: Invoice[] }>(
      `select * from Invoice where MetaData.LastUpdatedTime >= '${since}'`,
    );
    expect(changed.QueryResponse.Invoice.map((i) => i.Id)).toEqual([invoice.Id]);

    const customers = await query<{ Customer: { Active: boolean }[] }>(
      'select * from Customer maxresults 5000',
    );
    const everyone = await query<{ Customer: unknown[] }>(
      'select * from Customer where Active in (true, false)',
    );
    expect(customers.QueryResponse.Customer.every((c) => c.Active)).toBe(true);
    expect(everyone.QueryResponse.Customer).toHaveLength(40);
    const capped = await query<{ Invoice: unknown[]; maxResults: number }>(
      'select * from Invoice maxresults 5000',
    );
    expect(capped.QueryResponse.Invoice).toHaveLength(300);
    const empty = await query("select * from Invoice where DocNumber = 'nope'");
    expect(empty.QueryResponse).toEqual({});
  });

  it('answers bad queries and unknown Ids with Intuit’s ValidationFaults', async () => {
    const parse = await queryCall(s, s.realmId, token, 'select * form Invoice');
    expect(parse.status).toBe(400);
    expect(await parse.json()).toMatchObject({
      Fault: { type: 'ValidationFault', Error: [{ code: '4000' }] },
    });
    const property = await queryCall(s, s.realmId, token, "select * from Invoice where Colour = 'red'");
    expect(await property.json()).toMatchObject({ Fault: { Error: [{ code: '4001' }] } });
    const missing = await apiCall(s, s.realmId, token, '/invoice/999999');
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({
      Fault: { Error: [{ Message: 'Object Not Found', code: '610' }] },
    });
  });

  it('reports changes and deletions through CDC, at most 1000 objects, within 30 days', async () => {
    const invoice = openInvoice(s, 200);
    clock.advance(10 * 60_000);
    const since = new Date(clock.ms()).toISOString();
    clock.advance(1000);
    const { PaymentID } = s.store.recordPayment({ invoiceId: invoice.Id, amount: '50.00' });
    clock.advance(1000);
    s.store.deletePayment(PaymentID);
    const cdc = await json<{ CDCResponse: { QueryResponse: Json[] }[] }>(
      await apiCall(s, s.realmId, token, `/cdc?entities=Invoice,Payment&changedSince=${since}`),
    );
    const [invoices, payments] = cdc.CDCResponse[0]?.QueryResponse ?? [];
    expect((invoices?.Invoice as Invoice[]).map((i) => i.Id)).toEqual([invoice.Id]);
    expect(payments?.Payment).toEqual([
      {
        domain: 'QBO',
        status: 'Deleted',
        Id: PaymentID,
        MetaData: { LastUpdatedTime: expect.any(String) as string },
      },
    ]);

    const customer = (s.store.contacts() as unknown as { Id: string; Active: boolean }[]).find(
      (c) => c.Active,
    );
    clock.advance(1000);
    const start = new Date(clock.ms()).toISOString();
    const created = new Set<string>();
    for (let i = 0; i < 1100; i++) {
      clock.advance(1000);
      created.add(s.store.createInvoice({ contactId: customer?.Id ?? '1', amount: '10.00' }).InvoiceID);
    }
    const capped = await json<{ CDCResponse: { QueryResponse: { Invoice: Invoice[] }[] }[] }>(
      await apiCall(s, s.realmId, token, `/cdc?entities=Invoice&changedSince=${start}`),
    );
    const first = capped.CDCResponse[0]?.QueryResponse[0]?.Invoice ?? [];
    expect(first).toHaveLength(1000);
    const latest =
      first
        .map((i) => i.MetaData.LastUpdatedTime)
        .sort((a, b) => Date.parse(a) - Date.parse(b))
        .at(-1) ?? '';
    const rest = await json<{ CDCResponse: { QueryResponse: { Invoice: Invoice[] }[] }[] }>(
      await apiCall(s, s.realmId, token, `/cdc?entities=Invoice&changedSince=${encodeURIComponent(latest)}`),
    );
    // changedSince is inclusive: the boundary invoice comes again, and nothing is missed.
    const second = rest.CDCResponse[0]?.QueryResponse[0]?.Invoice ?? [];
    expect(new Set([...first, ...second].map((i) => i.Id))).toEqual(created);
    expect(second).toHaveLength(101);

    const old = new Date(clock.ms() - 31 * DAY).toISOString();
    const refused = await apiCall(s, s.realmId, token, `/cdc?entities=Invoice&changedSince=${old}`);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ Fault: { type: 'ValidationFault' } });
  });

  it('creates an attachable note once per requestid and lists the notes of an invoice', async () => {
    const invoice = openInvoice(s);
    const body = {
      Note: 'Friendly reminder sent',
      AttachableRef: [{ EntityRef: { type: 'Invoice', value: invoice.Id } }],
    };
    const first = await apiCall(s, s.realmId, token, '/attachable?requestid=note-1', {
      method: 'POST',
      body,
    });
    const again = await apiCall(s, s.realmId, token, '/attachable?requestid=note-1', {
      method: 'POST',
      body,
    });
    const firstText = await first.text();
    expect(first.status).toBe(200);
    expect(await again.text()).toBe(firstText);
    const second = { ...body, Note: 'Second note', requestId: 'note-2' } as never;
    const created = await promised<Json>((done) => qbo.createAttachable(second, done));
    expect(created.Note).toBe('Second note');
    expect(s.store.attachables(invoice.Id).map((a) => a.Note)).toEqual([
      'Friendly reminder sent',
      'Second note',
    ]);
    const listed = await query<{ Attachable: { Note: string }[] }>(
      `select * from Attachable where AttachableRef.EntityRef.Type = 'Invoice' and AttachableRef.EntityRef.value = '${invoice.Id}'`,
    );
    expect(listed.QueryResponse.Attachable.map((a) => a.Note)).toEqual([
      'Friendly reminder sent',
      'Second note',
    ]);
    const bad = await apiCall(s, s.realmId, token, '/attachable', {
      method: 'POST',
      body: { Note: 'x', AttachableRef: [{ EntityRef: { type: 'Invoice', value: '999999' } }] },
    });
    expect(await bad.json()).toMatchObject({ Fault: { Error: [{ code: '2500' }] } });
  });
});

describe('money: payments, credit memos and voids', () => {
  let s: RunningQuickBooksSandbox;
  let token: string;
  beforeAll(async () => {
    s = await startQuickBooksSandbox({ limits: false, seed: 5, now: () => new Date(START) });
    token = (await connect(s)).access_token;
  });
  afterAll(() => s.close());

  const read = async <T>(entity: string, id: string) =>
    (await json<Record<string, T>>(await apiCall(s, s.realmId, token, `/${entity.toLowerCase()}/${id}`)))[
      entity
    ] as T;

  it('lowers the Balance by a part payment and reopens it when the payment is deleted', async () => {
    const invoice = openInvoice(s, 300);
    const { PaymentID } = s.store.recordPayment({
      invoiceId: invoice.Id,
      amount: '120.55',
      reference: 'CHK 1',
    });
    expect((await read<Invoice>('Invoice', invoice.Id)).Balance).toBe(
      Math.round(invoice.Balance * 100 - 12055) / 100,
    );
    expect(await read<Payment>('Payment', PaymentID)).toMatchObject({
      TotalAmt: 120.55,
      UnappliedAmt: 0,
      Line: [{ Amount: 120.55, LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }] }],
    });
    s.store.deletePayment(PaymentID);
    expect((await read<Invoice>('Invoice', invoice.Id)).Balance).toBe(invoice.Balance);
    expect(() => s.store.recordPayment({ invoiceId: invoice.Id, amount: invoice.Balance + 1 })).toThrow(
      LedgerError,
    );
  });

  it('applies credit the QuickBooks way: a payment of 0 linking the credit memo and the invoice', async () => {
    const invoice = openInvoice(s, 300);
    const { CreditNoteID } = s.store.creditInvoice({ invoiceId: invoice.Id, amount: '75.00' });
    const after = await read<Invoice & { LinkedTxn: { TxnId: string }[] }>('Invoice', invoice.Id);
    expect(after.Balance).toBe(Math.round(invoice.Balance * 100 - 7500) / 100);
    const application = await read<Payment>('Payment', after.LinkedTxn[0]?.TxnId ?? '');
    expect(application.TotalAmt).toBe(0);
    expect(application.Line.map((l) => l.LinkedTxn[0]?.TxnType)).toEqual(['Invoice', 'CreditMemo']);
    expect(await read<Json>('CreditMemo', CreditNoteID)).toMatchObject({ TotalAmt: 75, RemainingCredit: 0 });

    const other = openInvoice(s, 300);
    const memo = s.store.createCreditNote({ contactId: other.CustomerRef.value, amount: '40.00' });
    const { AllocationID } = s.store.allocate({
      creditId: memo.CreditNoteID,
      invoiceId: other.Id,
      amount: '25.00',
    });
    expect(await read<Json>('CreditMemo', memo.CreditNoteID)).toMatchObject({ RemainingCredit: 15 });
    s.store.deleteAllocation({ creditId: memo.CreditNoteID, allocationId: AllocationID });
    expect((await read<Invoice>('Invoice', other.Id)).Balance).toBe(other.Balance);
  });

  it('holds money received and unapplied, and applies it later', async () => {
    const invoice = openInvoice(s, 300);
    const { OverpaymentID } = s.store.recordOverpayment({
      contactId: invoice.CustomerRef.value,
      amount: '90.00',
    });
    expect(await read<Payment>('Payment', OverpaymentID)).toMatchObject({
      TotalAmt: 90,
      UnappliedAmt: 90,
      Line: [],
    });
    s.store.allocate({
      creditId: OverpaymentID,
      creditType: 'Payment',
      invoiceId: invoice.Id,
      amount: '60.00',
    });
    expect(await read<Payment>('Payment', OverpaymentID)).toMatchObject({ UnappliedAmt: 30 });
    expect((await read<Invoice>('Invoice', invoice.Id)).Balance).toBe(
      Math.round(invoice.Balance * 100 - 6000) / 100,
    );
  });

  it('voids an invoice to TotalAmt 0 and Balance 0 with a note, and deletes another', async () => {
    const invoice = openInvoice(s, 300);
    s.store.voidInvoice(invoice.Id);
    expect(await read<Invoice>('Invoice', invoice.Id)).toMatchObject({
      TotalAmt: 0,
      Balance: 0,
      PrivateNote: 'Voided',
    });
    const doomed = openInvoice(s, 300);
    s.store.deleteInvoice(doomed.Id);
    expect((await apiCall(s, s.realmId, token, `/invoice/${doomed.Id}`)).status).toBe(400);
    expect(s.store.checkInvariants()).toEqual([]);
  });
});
