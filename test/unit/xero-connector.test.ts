import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import nock from 'nock';
import { ConnectorError } from '../../connectors/shared/errors';
import type {
  AccountingConnector,
  ApiContext,
  CanonicalContact,
  CanonicalCredit,
  CanonicalInvoice,
  CanonicalPayment,
  Page,
  SyncCursor,
} from '../../connectors/types';
import { createXeroConnector, XERO_NOTE_MAX_LENGTH } from '../../connectors/xero';
import { fitNote } from '../../connectors/xero/notes';
import type { XeroConnectorConfig } from '../../connectors/xero/provider';
import { guid, invoicesBody, msDate, rawInvoice } from '../fixtures/xero/records';

// Deliberately not xero.com: the connector must follow its configuration.
const IDENTITY = 'http://identity.books.test';
const API = 'http://api.books.test';
const ACCOUNTING = '/api.xro/2.0';
const CLIENT_ID = 'goodwill-client';
const CLIENT_SECRET = 'client-secret-value';
const REDIRECT = 'http://app.test/connect/xero/callback';
// Granular scopes, as apps created since March 2026 must ask for: nothing may assume accounting.transactions.
const SCOPES = [
  'openid',
  'profile',
  'email',
  'offline_access',
  'accounting.invoices',
  'accounting.payments.read',
  'accounting.contacts.read',
  'accounting.settings.read',
];

const config: XeroConnectorConfig = {
  clientId: CLIENT_ID,
  clientSecret: CLIENT_SECRET,
  identityUrl: `${IDENTITY}/`,
  apiUrl: API,
  scopes: SCOPES,
  timeoutMs: 2000,
};

const ctx: ApiContext = { accessToken: 'access-token-A', tenantId: guid(1, 'eeee') };
const ORDER = 'UpdatedDateUTC ASC';

async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ConnectorError) return err;
    throw err;
  }
  throw new Error('expected a ConnectorError');
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

// The contract's one `pull`, narrowed to the page each resource holds.
async function pullInvoices(
  xero: AccountingConnector,
  c: ApiContext,
  cursor: SyncCursor,
): Promise<Page<CanonicalInvoice>> {
  const pulled = await xero.pull({ name: 'invoices', kind: 'invoices' }, c, cursor);
  if (pulled.kind !== 'invoices') throw new Error(`expected invoices, got ${pulled.kind}`);
  return pulled.page;
}

async function pullContacts(
  xero: AccountingConnector,
  c: ApiContext,
  cursor: SyncCursor,
): Promise<Page<CanonicalContact>> {
  const pulled = await xero.pull({ name: 'contacts', kind: 'contacts' }, c, cursor);
  if (pulled.kind !== 'contacts') throw new Error(`expected contacts, got ${pulled.kind}`);
  return pulled.page;
}

async function pullPayments(
  xero: AccountingConnector,
  c: ApiContext,
  cursor: SyncCursor,
): Promise<Page<CanonicalPayment>> {
  const pulled = await xero.pull({ name: 'payments', kind: 'payments' }, c, cursor);
  if (pulled.kind !== 'payments') throw new Error(`expected payments, got ${pulled.kind}`);
  return pulled.page;
}

async function pullCredits(
  xero: AccountingConnector,
  c: ApiContext,
  cursor: SyncCursor,
): Promise<Page<CanonicalCredit>> {
  const pulled = await xero.pull({ name: 'credit_notes', kind: 'credits' }, c, cursor);
  if (pulled.kind !== 'credits') throw new Error(`expected credits, got ${pulled.kind}`);
  return pulled.page;
}

function accounting(headers: Record<string, string> = {}) {
  return nock(API, {
    reqheaders: { authorization: `Bearer ${ctx.accessToken}`, 'xero-tenant-id': ctx.tenantId, ...headers },
  });
}

describe('pulling invoices page by page', () => {
  const since = '2024-01-01T00:00:00.000Z';
  const page1 = Array.from({ length: 1000 }, (_, i) => rawInvoice(i + 1));
  const page2 = [rawInvoice(1001), rawInvoice(1002, { Type: 'ACCPAY' }), rawInvoice(1003)];

  it('asks for exact summary pages with If-Modified-Since and walks the cursor through the pass', async () => {
    const query = (page: number) => ({
      where: 'Type=="ACCREC"',
      order: ORDER,
      page: String(page),
      summaryOnly: 'true',
      pageSize: '1000',
    });
    const scope = accounting({ 'if-modified-since': since })
      .get(`${ACCOUNTING}/Invoices`)
      .query(query(1))
      .reply(200, invoicesBody(page1, { page: 1, pageSize: 1000, pageCount: 2, itemCount: 1003 }))
      .get(`${ACCOUNTING}/Invoices`)
      .query(query(2))
      .reply(200, invoicesBody(page2, { page: 2, pageSize: 1000, pageCount: 2, itemCount: 1003 }));
    const xero = createXeroConnector(config);

    const first = await pullInvoices(xero, ctx, { modifiedSince: since, nextPage: 1, highWater: null });
    expect(first.records).toHaveLength(1000);
    expect(first.records[0]).toMatchObject({ number: 'INV-0001', total: 11500, dueDate: '2024-03-31' });
    expect(first.last).toBe(false);
    const newestOnPage1 = new Date(Date.UTC(2024, 3, 1) + 1000 * 60_000).toISOString();
    expect(first.cursor).toEqual({ modifiedSince: since, nextPage: 2, highWater: newestOnPage1 });

    const second = await pullInvoices(xero, ctx, first.cursor);
    // The bill on page 2 is skipped, but its modification still counts for the pass.
    expect(second.records.map((r) => r.number)).toEqual(['INV-1001', 'INV-1003']);
    expect(second.last).toBe(true);
    const newest = new Date(Date.UTC(2024, 3, 1) + 1003 * 60_000).toISOString();
    expect(second.cursor).toEqual({ modifiedSince: newest, nextPage: 1, highWater: null });
    expect(scope.isDone()).toBe(true);
  });

  it('sends no If-Modified-Since on a first full pass, and an empty pass keeps a null start', async () => {
    const scope = nock(API, { badheaders: ['if-modified-since'] })
      .get(`${ACCOUNTING}/Invoices`)
      .query({ where: 'Type=="ACCREC"', order: ORDER, page: '1', summaryOnly: 'true', pageSize: '1000' })
      .reply(200, invoicesBody([], { page: 1, pageSize: 1000, pageCount: 0, itemCount: 0 }));
    const page = await pullInvoices(createXeroConnector(config), ctx, {
      modifiedSince: null,
      nextPage: 1,
      highWater: null,
    });
    expect(page).toEqual({
      records: [],
      last: true,
      cursor: { modifiedSince: null, nextPage: 1, highWater: null },
    });
    expect(scope.isDone()).toBe(true);
  });

  it('trusts pagination over the record count when a server serves smaller pages', async () => {
    const hundred = Array.from({ length: 100 }, (_, i) => rawInvoice(i + 1));
    const scope = accounting()
      .get(`${ACCOUNTING}/Invoices`)
      .query(true)
      .reply(200, invoicesBody(hundred, { page: 1, pageSize: 100, pageCount: 3, itemCount: 250 }));
    const page = await pullInvoices(createXeroConnector(config), ctx, {
      modifiedSince: null,
      nextPage: 1,
      highWater: null,
    });
    expect(page.last).toBe(false);
    expect(page.cursor.nextPage).toBe(2);
    expect(scope.isDone()).toBe(true);
  });

  it('fails a page with a malformed record, naming page, record and field', async () => {
    const bad = rawInvoice(17, { InvoiceID: '7c4b9e2a-0000-4000-8000-000000000017', Total: 'lots' });
    const records = [...Array.from({ length: 16 }, (_, i) => rawInvoice(i + 1)), bad];
    const scope = accounting().get(`${ACCOUNTING}/Invoices`).query(true).reply(200, invoicesBody(records));
    const err = await failure(
      pullInvoices(createXeroConnector(config), ctx, {
        modifiedSince: null,
        nextPage: 3,
        highWater: '2024-01-01T00:00:00.000Z',
      }),
    );
    expect(err.code).toBe('malformed_payload');
    expect(err.message).toBe(
      'Invoices page 3: record 17 (InvoiceID 7c4b9e2a-0000-4000-8000-000000000017): Total: expected number, received string',
    );
    expect(scope.isDone()).toBe(true);
  });

  it('reports a body that is not JSON as malformed, not as a crash', async () => {
    accounting()
      .get(`${ACCOUNTING}/Invoices`)
      .query(true)
      .reply(200, '<html>maintenance</html>', { 'Content-Type': 'text/html' });
    const err = await failure(
      pullInvoices(createXeroConnector(config), ctx, { modifiedSince: null, nextPage: 1, highWater: null }),
    );
    expect(err.code).toBe('malformed_payload');
    expect(err.message).toBe('Invoices page 1: response body is not JSON');
  });

  it('reports a malformed date as malformed (xero-node alone would call it a network failure)', async () => {
    accounting()
      .get(`${ACCOUNTING}/Invoices`)
      .query(true)
      .reply(200, invoicesBody([rawInvoice(1, { UpdatedDateUTC: 'yesterday' })]));
    const err = await failure(
      pullInvoices(createXeroConnector(config), ctx, { modifiedSince: null, nextPage: 1, highWater: null }),
    );
    expect(err.code).toBe('malformed_payload');
    expect(err.message).toContain('record 1 (InvoiceID');
    expect(err.message).toContain('UpdatedDateUTC: expected a Xero UTC timestamp, received "yesterday"');
  });
});

describe('pulling the other resources', () => {
  const cursor: SyncCursor = { modifiedSince: null, nextPage: 1, highWater: null };

  it('asks for contacts including archived ones', async () => {
    const contact = {
      ContactID: guid(1, 'cccc'),
      ContactStatus: 'ARCHIVED',
      Name: 'Old Customer Ltd',
      EmailAddress: 'accounts@old.example',
      ContactPersons: [
        { FirstName: 'Ann', LastName: 'Lee', EmailAddress: 'ann@old.example', IncludeInEmails: true },
      ],
      UpdatedDateUTC: msDate('2024-02-01T10:00:00Z'),
    };
    const scope = accounting()
      .get(`${ACCOUNTING}/Contacts`)
      .query({ order: ORDER, page: '1', includeArchived: 'true', pageSize: '1000' })
      .reply(200, { Contacts: [contact] });
    const page = await pullContacts(createXeroConnector(config), ctx, cursor);
    expect(page.records).toEqual([
      {
        externalId: guid(1, 'cccc'),
        name: 'Old Customer Ltd',
        email: 'accounts@old.example',
        firstName: null,
        lastName: null,
        persons: [{ firstName: 'Ann', lastName: 'Lee', email: 'ann@old.example', includeInEmails: true }],
        mobile: null,
        archived: true,
        updatedAt: '2024-02-01T10:00:00.000Z',
      },
    ]);
    expect(page.cursor).toEqual({ modifiedSince: '2024-02-01T10:00:00.000Z', nextPage: 1, highWater: null });
    expect(scope.isDone()).toBe(true);
  });

  it('asks for payments on sales invoices, deleted ones included', async () => {
    const payment = {
      PaymentID: guid(9, 'bbbb'),
      PaymentType: 'ACCRECPAYMENT',
      Status: 'DELETED',
      Date: msDate('2024-02-03T00:00:00Z'),
      Amount: 1500,
      Invoice: { InvoiceID: guid(1, 'aaaa'), CurrencyCode: 'JPY' },
      UpdatedDateUTC: msDate('2024-02-04T08:00:00Z'),
    };
    const scope = accounting()
      .get(`${ACCOUNTING}/Payments`)
      .query({ where: 'PaymentType=="ACCRECPAYMENT"', order: ORDER, page: '1', pageSize: '1000' })
      .reply(200, { Payments: [payment] });
    const page = await pullPayments(createXeroConnector(config), ctx, cursor);
    expect(page.records).toEqual([
      {
        externalId: guid(9, 'bbbb'),
        invoiceExternalId: guid(1, 'aaaa'),
        amount: 1500,
        currency: 'JPY',
        date: '2024-02-03',
        status: 'deleted',
        platformPaymentId: guid(9, 'bbbb'),
        updatedAt: '2024-02-04T08:00:00.000Z',
      },
    ]);
    expect(scope.isDone()).toBe(true);
  });

  it('asks for customer credit notes with their allocations', async () => {
    const note = {
      CreditNoteID: guid(5, 'dddd'),
      CreditNoteNumber: 'CN-0005',
      Type: 'ACCRECCREDIT',
      Contact: { ContactID: guid(1, 'cccc') },
      CurrencyCode: 'GBP',
      Date: msDate('2024-02-05T00:00:00Z'),
      Status: 'AUTHORISED',
      Total: 50,
      RemainingCredit: 20.5,
      Allocations: [
        { Amount: 29.5, Date: msDate('2024-02-06T00:00:00Z'), Invoice: { InvoiceID: guid(1, 'aaaa') } },
      ],
      UpdatedDateUTC: msDate('2024-02-06T09:00:00Z'),
    };
    const scope = accounting()
      .get(`${ACCOUNTING}/CreditNotes`)
      .query({ where: 'Type=="ACCRECCREDIT"', order: ORDER, page: '1', pageSize: '1000' })
      .reply(200, { CreditNotes: [note] });
    const page = await pullCredits(createXeroConnector(config), ctx, cursor);
    expect(page.records).toEqual([
      {
        externalId: guid(5, 'dddd'),
        kind: 'credit_note',
        number: 'CN-0005',
        contactExternalId: guid(1, 'cccc'),
        currency: 'GBP',
        date: '2024-02-05',
        status: 'active',
        total: 5000,
        remaining: 2050,
        allocations: [{ invoiceExternalId: guid(1, 'aaaa'), amount: 2950, date: '2024-02-06' }],
        platformPaymentId: null,
        updatedAt: '2024-02-06T09:00:00.000Z',
      },
    ]);
    expect(scope.isDone()).toBe(true);
  });

  it('fetches chosen invoices in batches of IDs', async () => {
    const ids = Array.from({ length: 60 }, (_, i) => guid(i + 1, 'aaaa'));
    const scope = accounting()
      .get(`${ACCOUNTING}/Invoices`)
      .query({ IDs: ids.slice(0, 50).join(',') })
      .reply(200, invoicesBody(ids.slice(0, 50).map((_, i) => rawInvoice(i + 1))))
      .get(`${ACCOUNTING}/Invoices`)
      .query({ IDs: ids.slice(50).join(',') })
      .reply(
        200,
        invoicesBody(
          ids.slice(50).map((_, i) => rawInvoice(i + 51, { Status: 'PAID', AmountDue: 0, AmountPaid: 115 })),
        ),
      );
    const invoices = await createXeroConnector(config).fetchInvoices(ctx, [...ids, ids[0] ?? '']);
    expect(invoices).toHaveLength(60);
    expect(invoices[59]).toMatchObject({ externalId: guid(60, 'aaaa'), status: 'paid', amountDue: 0 });
    expect(scope.isDone()).toBe(true);
  });

  it('refuses ids that would change the meaning of the IDs list', async () => {
    const err = await failure(createXeroConnector(config).fetchInvoices(ctx, [`${guid(1)},${guid(2)}`]));
    expect(err.code).toBe('rejected');
  });

  it('reads the organisation and maps its time zone', async () => {
    const scope = accounting()
      .get(`${ACCOUNTING}/Organisation`)
      .reply(200, {
        Organisations: [
          {
            OrganisationID: guid(1, 'eeee'),
            Name: 'Harbour Joinery',
            BaseCurrency: 'AUD',
            CountryCode: 'AU',
            Timezone: 'AUSEASTERNSTANDARDTIME',
          },
        ],
      });
    expect(await createXeroConnector(config).organisation(ctx)).toEqual({
      name: 'Harbour Joinery',
      baseCurrency: 'AUD',
      timezone: 'Australia/Sydney',
      countryCode: 'AU',
    });
    expect(scope.isDone()).toBe(true);
  });

  it('lists organisation tenants from the configured /connections', async () => {
    const scope = nock(API, { reqheaders: { authorization: 'Bearer user-token' } })
      .get('/connections')
      .reply(200, [
        {
          id: guid(1, '1111'),
          tenantId: guid(1, 'eeee'),
          tenantType: 'ORGANISATION',
          tenantName: 'Harbour Joinery',
        },
        { id: guid(2, '1111'), tenantId: guid(2, 'eeee'), tenantType: 'PRACTICE', tenantName: 'Practice' },
      ]);
    expect(await createXeroConnector(config).listTenants('user-token')).toEqual([
      { tenantId: guid(1, 'eeee'), connectionRef: guid(1, '1111'), name: 'Harbour Joinery' },
    ]);
    expect(scope.isDone()).toBe(true);
  });
});

describe('failures', () => {
  const cursor: SyncCursor = { modifiedSince: null, nextPage: 1, highWater: null };

  it('429 -> rate_limited with Retry-After', async () => {
    accounting()
      .get(`${ACCOUNTING}/Invoices`)
      .query(true)
      .reply(429, '', { 'Retry-After': '37', 'X-Rate-Limit-Problem': 'minute' });
    const err = await failure(pullInvoices(createXeroConnector(config), ctx, cursor));
    expect(err.code).toBe('rate_limited');
    expect(err.details).toEqual({ status: 429, retryAfterMs: 37_000 });
    expect(err.message).toBe('Invoices page 1: Xero rate limit reached (minute limit)');
  });

  it('401 -> auth_expired, never echoing the token', async () => {
    accounting()
      .get(`${ACCOUNTING}/Payments`)
      .query(true)
      .reply(401, { Type: null, Title: 'Unauthorized', Status: 401, Detail: 'AuthenticationUnsuccessful' });
    const err = await failure(pullPayments(createXeroConnector(config), ctx, cursor));
    expect(err.code).toBe('auth_expired');
    expect(err.message).toBe(
      'Payments page 1: Xero refused the access token (401: AuthenticationUnsuccessful)',
    );
    expect(JSON.stringify({ message: err.message, details: err.details })).not.toContain(ctx.accessToken);
  });

  it('403 -> reauth_required (the connection was revoked on the Xero side)', async () => {
    accounting()
      .get(`${ACCOUNTING}/Contacts`)
      .query(true)
      .reply(403, { Title: 'Forbidden', Detail: 'AuthorizationUnsuccessful' });
    const err = await failure(pullContacts(createXeroConnector(config), ctx, cursor));
    expect(err.code).toBe('reauth_required');
    expect(err.details.status).toBe(403);
  });

  it('400 -> rejected with Xero’s validation message; 503 -> unavailable', async () => {
    accounting()
      .put(`${ACCOUNTING}/Invoices/${guid(1, 'aaaa')}/History`)
      .reply(400, {
        ErrorNumber: 10,
        Type: 'ValidationException',
        Message: 'A validation exception occurred',
        Elements: [{ ValidationErrors: [{ Message: 'Details cannot be empty' }] }],
      })
      .get(`${ACCOUNTING}/Organisation`)
      .times(3) // a GET is repeated twice before the failure is given back
      .reply(503, 'Service Unavailable');
    const xero = createXeroConnector(config);
    const rejected = await failure(
      xero.postNote(ctx, { invoiceExternalId: guid(1, 'aaaa'), text: 'x', idempotencyKey: 'k1' }),
    );
    expect(rejected.code).toBe('rejected');
    expect(rejected.message).toContain('Details cannot be empty');
    expect((await failure(xero.organisation(ctx))).code).toBe('unavailable');
  });

  it('a timeout or a reset -> unavailable', async () => {
    // Reads are repeated twice before the failure is given back.
    const slow = accounting()
      .get(`${ACCOUNTING}/Organisation`)
      .times(3)
      .delay(500)
      .reply(200, { Organisations: [] });
    const reset = accounting()
      .get(`${ACCOUNTING}/Invoices`)
      .query(true)
      .times(3)
      .replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
    const xero = createXeroConnector({ ...config, timeoutMs: 50 });
    const timedOut = await failure(xero.organisation(ctx));
    expect(timedOut.code).toBe('unavailable');
    expect(timedOut.message).toContain('no answer from Xero');
    expect((await failure(pullInvoices(xero, ctx, cursor))).code).toBe('unavailable');
    expect(slow.isDone() && reset.isDone()).toBe(true);
  });

  it('401 from /connections -> auth_expired', async () => {
    nock(API).get('/connections').reply(401, { Title: 'Unauthorized' });
    expect((await failure(createXeroConnector(config).listTenants('stale'))).code).toBe('auth_expired');
  });
});

describe('history notes', () => {
  const invoiceId = guid(42, 'aaaa');

  it('PUTs the note with its Idempotency-Key', async () => {
    const scope = accounting({ 'idempotency-key': 'contact-17:invoice-42' })
      .put(`${ACCOUNTING}/Invoices/${invoiceId}/History`, {
        HistoryRecords: [{ Details: 'Friendly reminder sent to ann@old.example.' }],
      })
      .reply(200, { HistoryRecords: [{ Details: 'Friendly reminder sent to ann@old.example.' }] });
    await createXeroConnector(config).postNote(ctx, {
      invoiceExternalId: invoiceId,
      text: '  Friendly reminder sent to ann@old.example.\n',
      idempotencyKey: 'contact-17:invoice-42',
    });
    expect(scope.isDone()).toBe(true);
  });

  it('keeps Details within 250 characters, cutting only as a last resort', async () => {
    const long = `Reminder 2 sent. ${'The customer promised to pay by Friday. '.repeat(10)}`;
    let sent = '';
    const scope = accounting()
      .put(
        `${ACCOUNTING}/Invoices/${invoiceId}/History`,
        (body: { HistoryRecords: { Details: string }[] }) => {
          sent = body.HistoryRecords[0]?.Details ?? '';
          return true;
        },
      )
      .reply(200, {});
    const xero = createXeroConnector(config);
    expect(xero.noteMaxLength).toBe(250);
    await xero.postNote(ctx, { invoiceExternalId: invoiceId, text: long, idempotencyKey: 'k-long' });
    expect(scope.isDone()).toBe(true);
    expect(sent.length).toBeLessThanOrEqual(XERO_NOTE_MAX_LENGTH);
    expect(sent.endsWith('…')).toBe(true);
    expect(sent.startsWith('Reminder 2 sent. The customer promised')).toBe(true);
  });

  it('fits notes: as written, then white space collapsed, then cut without splitting a character', () => {
    expect(fitNote('Short note.')).toBe('Short note.');
    const spaced = `${'word '.repeat(40)}${'\n'.repeat(10)}${'word '.repeat(9)}`; // 254 once trimmed, 244 collapsed
    expect(fitNote(spaced)).toBe(spaced.trim().replace(/\s+/g, ' '));
    const emoji = '😀'.repeat(200);
    const fitted = fitNote(emoji);
    expect(fitted.length).toBeLessThanOrEqual(250);
    expect(fitted.replace('…', '')).toBe('😀'.repeat((fitted.length - 1) / 2));
  });
});

describe('tenants in parallel', () => {
  it('never lets one tenant’s call use another tenant’s token', async () => {
    const tenants: ApiContext[] = [
      { accessToken: 'token-for-harbour', tenantId: guid(1, 'eeee') },
      { accessToken: 'token-for-orchard', tenantId: guid(2, 'eeee') },
      { accessToken: 'token-for-quarry', tenantId: guid(3, 'eeee') },
    ];
    const scopes = tenants.map((tenant, i) =>
      nock(API, {
        reqheaders: { authorization: `Bearer ${tenant.accessToken}`, 'xero-tenant-id': tenant.tenantId },
      })
        .get(`${ACCOUNTING}/Invoices`)
        .query(true)
        .times(3)
        // Answers overlap, and the first caller is answered last.
        .delay(60 - i * 20)
        .reply(200, invoicesBody([rawInvoice(i + 1, { InvoiceNumber: `T${i}` })])),
    );
    const xero = createXeroConnector(config);
    const cursor: SyncCursor = { modifiedSince: null, nextPage: 1, highWater: null };
    const calls = [0, 1, 2].flatMap(() => tenants.map((tenant) => pullInvoices(xero, tenant, cursor)));
    const pages = await Promise.all(calls);
    expect(pages.map((page) => page.records[0]?.number)).toEqual([
      'T0',
      'T1',
      'T2',
      'T0',
      'T1',
      'T2',
      'T0',
      'T1',
      'T2',
    ]);
    for (const scope of scopes) expect(scope.isDone()).toBe(true);
  });
});

// ---- OAuth against a non-Xero issuer ----------------------------------------------------------

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const KID = 'test-key-1';
const jwks = { keys: [{ ...keys.publicKey.export({ format: 'jwk' }), kid: KID, alg: 'RS256', use: 'sig' }] };

function base64url(input: Buffer | string): string {
  return Buffer.from(input).toString('base64url');
}

function idToken(claims: Record<string, unknown>, key: KeyObject = keys.privateKey): string {
  const now = Math.floor(Date.now() / 1000);
  const header = base64url(JSON.stringify({ alg: 'RS256', kid: KID, typ: 'JWT' }));
  const payload = base64url(
    JSON.stringify({ iss: IDENTITY, aud: CLIENT_ID, iat: now, exp: now + 300, ...claims }),
  );
  const signature = sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), key);
  return `${header}.${payload}.${base64url(signature)}`;
}

const discovery = {
  issuer: IDENTITY,
  authorization_endpoint: `${IDENTITY}/identity/connect/authorize`,
  token_endpoint: `${IDENTITY}/connect/token`,
  jwks_uri: `${IDENTITY}/.well-known/openid-configuration/jwks`,
  revocation_endpoint: `${IDENTITY}/connect/revocation`,
  userinfo_endpoint: `${IDENTITY}/connect/userinfo`,
  response_types_supported: ['code'],
};

function form(body: unknown): URLSearchParams {
  if (typeof body === 'string') return new URLSearchParams(body);
  const params = new URLSearchParams();
  if (typeof body === 'object' && body !== null) {
    for (const [key, value] of Object.entries(body)) params.set(key, String(value));
  }
  return params;
}

const basicAuth = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`;

describe('OAuth', () => {
  it('discovers the configured issuer once and builds a PKCE authorisation URL', async () => {
    const scope = nock(IDENTITY).get('/.well-known/openid-configuration').once().reply(200, discovery);
    const xero = createXeroConnector(config);
    const verifier = 'a'.repeat(43) + 'verifier';
    const [first, second] = await Promise.all([
      xero.authorizationUrl({ state: 'state-123', codeVerifier: verifier, redirectUri: REDIRECT }),
      xero.authorizationUrl({ state: 'state-456', codeVerifier: verifier, redirectUri: REDIRECT }),
    ]);
    expect(scope.isDone()).toBe(true);

    const url = new URL(first);
    expect(`${url.origin}${url.pathname}`).toBe(`${IDENTITY}/identity/connect/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: CLIENT_ID,
      response_type: 'code',
      redirect_uri: REDIRECT,
      scope: SCOPES.join(' '),
      state: 'state-123',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    });
    expect(new URL(second).searchParams.get('state')).toBe('state-456');
  });

  it('without credentials is not configured, and refuses every grant step without asking Xero', async () => {
    const discovered = nock(IDENTITY).get('/.well-known/openid-configuration').reply(200, discovery);
    const xero = createXeroConnector({ ...config, clientId: '', clientSecret: '' });
    expect(xero.configured).toBe(false);
    expect(createXeroConnector(config).configured).toBe(true);
    const input = { state: 's', codeVerifier: 'v'.repeat(43), redirectUri: REDIRECT };
    for (const step of [
      () => xero.authorizationUrl(input),
      () => xero.exchangeCode({ ...input, callbackUrl: `${REDIRECT}?code=c&state=s` }),
      () => xero.refresh('refresh-token'),
      () => xero.revoke('refresh-token'),
    ]) {
      const err = await failure(step());
      expect(err.code).toBe('rejected');
      expect(err.message).toBe('Xero is not configured (XERO_CLIENT_ID, XERO_CLIENT_SECRET)');
    }
    expect(discovered.isDone()).toBe(false);
  });

  it('does not cache a failed discovery', async () => {
    const scope = nock(IDENTITY)
      .get('/.well-known/openid-configuration')
      .reply(503)
      .get('/.well-known/openid-configuration')
      .reply(200, discovery);
    const xero = createXeroConnector(config);
    const input = { state: 's', codeVerifier: 'v'.repeat(43), redirectUri: REDIRECT };
    expect((await failure(xero.authorizationUrl(input))).code).toBe('unavailable');
    await expect(xero.authorizationUrl(input)).resolves.toContain('code_challenge=');
    expect(scope.isDone()).toBe(true);
  });

  it('refuses a discovery document that names another issuer', async () => {
    nock(IDENTITY)
      .get('/.well-known/openid-configuration')
      .reply(200, { ...discovery, issuer: 'https://identity.elsewhere.test' });
    const err = await failure(
      createXeroConnector(config).authorizationUrl({
        state: 's',
        codeVerifier: 'v'.repeat(43),
        redirectUri: REDIRECT,
      }),
    );
    expect(err.code).toBe('malformed_payload');
    expect(err.message).toContain('https://identity.elsewhere.test');
  });

  it('exchanges the code, verifies the id_token against the JWKS and returns tokens and identity', async () => {
    const verifier = 'v'.repeat(50);
    const token = idToken({
      sub: 'sub-1',
      xero_userid: 'user-77',
      email: 'ann@harbour.example',
      name: 'Ann Lee',
    });
    const scope = nock(IDENTITY)
      .get('/.well-known/openid-configuration')
      .reply(200, discovery)
      .post('/connect/token', (body: unknown) => {
        const f = form(body);
        return (
          f.get('grant_type') === 'authorization_code' &&
          f.get('code') === 'the-code' &&
          f.get('redirect_uri') === REDIRECT &&
          f.get('code_verifier') === verifier
        );
      })
      .matchHeader('authorization', basicAuth)
      .reply(200, {
        access_token: 'new-access',
        refresh_token: 'new-refresh',
        id_token: token,
        expires_in: 1800,
        token_type: 'Bearer',
        scope: SCOPES.join(' '),
      })
      .get('/.well-known/openid-configuration/jwks')
      .reply(200, jwks);

    const connections = nock(API)
      .get('/connections')
      .matchHeader('authorization', 'Bearer new-access')
      .reply(200, [
        { id: guid(1, '1111'), tenantId: guid(1, 'eeee'), tenantType: 'ORGANISATION', tenantName: 'Harbour' },
      ]);
    const before = Date.now();
    const result = await createXeroConnector(config).exchangeCode({
      callbackUrl: `${REDIRECT}?code=the-code&state=state-123&scope=openid`,
      state: 'state-123',
      codeVerifier: verifier,
      redirectUri: REDIRECT,
    });
    expect(result.identity).toEqual({ subject: 'user-77', email: 'ann@harbour.example', name: 'Ann Lee' });
    expect(result.tokens).toMatchObject({
      accessToken: 'new-access',
      refreshToken: 'new-refresh',
      idToken: token,
      scope: SCOPES.join(' '),
    });
    expect(result.tokens.expiresAt).toBeGreaterThanOrEqual(before + 1_799_000);
    expect(result.tokens.expiresAt).toBeLessThanOrEqual(Date.now() + 1_801_000);
    expect(result.tenants).toEqual([
      { tenantId: guid(1, 'eeee'), connectionRef: guid(1, '1111'), name: 'Harbour' },
    ]);
    expect(scope.isDone()).toBe(true);
    expect(connections.isDone()).toBe(true);
  });

  it('refuses an id_token signed with another key', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    nock(IDENTITY)
      .get('/.well-known/openid-configuration')
      .reply(200, discovery)
      .post('/connect/token')
      .reply(200, {
        access_token: 'a',
        refresh_token: 'r',
        id_token: idToken({ sub: 'x' }, other),
        expires_in: 1800,
        token_type: 'Bearer',
      })
      .get('/.well-known/openid-configuration/jwks')
      .times(2)
      .reply(200, jwks);
    const err = await failure(
      createXeroConnector(config).exchangeCode({
        callbackUrl: `${REDIRECT}?code=c&state=s`,
        state: 's',
        codeVerifier: 'v'.repeat(43),
        redirectUri: REDIRECT,
      }),
    );
    expect(err.code).toBe('malformed_payload');
    expect(err.message).not.toContain('eyJ');
  });

  it('a callback with another state -> oauth_state_mismatch, and no code is exchanged', async () => {
    const scope = nock(IDENTITY).get('/.well-known/openid-configuration').reply(200, discovery);
    const err = await failure(
      createXeroConnector(config).exchangeCode({
        callbackUrl: `${REDIRECT}?code=the-code&state=forged`,
        state: 'state-123',
        codeVerifier: 'v'.repeat(43),
        redirectUri: REDIRECT,
      }),
    );
    expect(err.code).toBe('oauth_state_mismatch');
    expect(err.message).not.toContain('state-123');
    expect(scope.isDone()).toBe(true);
  });

  it('a declined consent -> rejected', async () => {
    nock(IDENTITY).get('/.well-known/openid-configuration').reply(200, discovery);
    const err = await failure(
      createXeroConnector(config).exchangeCode({
        callbackUrl: `${REDIRECT}?error=access_denied&state=s`,
        state: 's',
        codeVerifier: 'v'.repeat(43),
        redirectUri: REDIRECT,
      }),
    );
    expect(err.code).toBe('rejected');
    expect(err.message).toContain('access_denied');
  });

  it('refreshes, taking the rotated refresh token', async () => {
    const scope = nock(IDENTITY)
      .get('/.well-known/openid-configuration')
      .reply(200, discovery)
      .post(
        '/connect/token',
        (body: unknown) =>
          form(body).get('grant_type') === 'refresh_token' &&
          form(body).get('refresh_token') === 'old-refresh',
      )
      .matchHeader('authorization', basicAuth)
      .reply(200, {
        access_token: 'fresh-access',
        refresh_token: 'rotated-refresh',
        expires_in: 1800,
        token_type: 'Bearer',
      });
    const tokens = await createXeroConnector(config).refresh('old-refresh');
    expect(tokens).toMatchObject({ accessToken: 'fresh-access', refreshToken: 'rotated-refresh' });
    expect(scope.isDone()).toBe(true);
  });

  it('refresh with invalid_grant -> reauth_required, without the token in the message', async () => {
    nock(IDENTITY)
      .get('/.well-known/openid-configuration')
      .reply(200, discovery)
      .post('/connect/token')
      .reply(400, { error: 'invalid_grant' });
    const err = await failure(createXeroConnector(config).refresh('refresh-token-secret-xyz'));
    expect(err.code).toBe('reauth_required');
    expect(err.message).toBe('Xero token refresh: invalid_grant');
    expect(err.message).not.toContain('refresh-token-secret-xyz');
  });

  it('a token endpoint answering 503 -> unavailable', async () => {
    nock(IDENTITY)
      .get('/.well-known/openid-configuration')
      .reply(200, discovery)
      .post('/connect/token')
      .reply(503, 'down');
    expect((await failure(createXeroConnector(config).refresh('r'))).code).toBe('unavailable');
  });

  it('revokes the refresh token at the discovered endpoint', async () => {
    const scope = nock(IDENTITY)
      .get('/.well-known/openid-configuration')
      .reply(200, discovery)
      .post(
        '/connect/revocation',
        (body: unknown) =>
          form(body).get('token') === 'to-revoke' && form(body).get('token_type_hint') === 'refresh_token',
      )
      .matchHeader('authorization', basicAuth)
      .reply(200);
    await createXeroConnector(config).revoke('to-revoke');
    expect(scope.isDone()).toBe(true);
  });

  it('identifies a user without xero_userid by sub', async () => {
    nock(IDENTITY)
      .get('/.well-known/openid-configuration')
      .reply(200, discovery)
      .post('/connect/token')
      .reply(200, {
        access_token: 'a',
        refresh_token: 'r',
        id_token: idToken({ sub: 'sub-9', given_name: 'Ann', family_name: 'Lee' }),
        expires_in: 1800,
        token_type: 'Bearer',
      })
      .get('/.well-known/openid-configuration/jwks')
      .reply(200, jwks);
    nock(API).get('/connections').reply(200, []);
    const { identity } = await createXeroConnector(config).exchangeCode({
      callbackUrl: `${REDIRECT}?code=c&state=s`,
      state: 's',
      codeVerifier: 'v'.repeat(43),
      redirectUri: REDIRECT,
    });
    expect(identity).toEqual({ subject: 'sub-9', email: null, name: 'Ann Lee' });
  });
});
