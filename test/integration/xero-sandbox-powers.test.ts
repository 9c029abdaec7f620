// The Xero sandbox's further powers, driven over HTTP: overpayments, prepayments and allocations;
// signed, batched webhooks with replay and the intent-to-receive check; Xero's rate limits; injected
// faults; organisations of 100,000 invoices; and random changes that must keep the books whole.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { AccountingApi, type Allocations } from 'xero-node';
import {
  createXeroSandboxApp,
  generateOrganisation,
  LedgerError,
  startXeroSandbox,
  XERO_RATE_LIMITS,
  type RunningXeroSandbox,
  type SandboxStore,
  type XeroInvoice,
} from '../../connectors/xero/sandbox';

const REDIRECT_URI = 'http://127.0.0.1:4567/connect/xero/callback';
const SCOPES =
  'openid profile email offline_access accounting.transactions accounting.contacts accounting.settings';
const START = Date.parse('2026-11-24T01:00:00.000Z');

/** A clock each sandbox's test moves by hand. */
function handClock(start = START) {
  let now = start;
  return {
    now: () => new Date(now),
    advance: (ms: number) => {
      now += ms;
    },
    ms: () => now,
  };
}

interface Tokens {
  access_token: string;
  refresh_token: string;
}

async function connect(s: RunningXeroSandbox): Promise<Tokens> {
  const verifier = randomBytes(32).toString('base64url');
  const authorize = new URL(`${s.identityUrl}/connect/authorize`);
  const params = {
    response_type: 'code',
    client_id: s.clientId,
    redirect_uri: REDIRECT_URI,
    scope: SCOPES,
    state: 'st',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  };
  for (const [key, value] of Object.entries(params)) authorize.searchParams.set(key, value);
  const consent = await fetch(authorize, { redirect: 'manual' });
  const code = new URL(consent.headers.get('location') ?? '').searchParams.get('code') ?? '';
  const res = await refreshOrExchange(s, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT_URI,
    code_verifier: verifier,
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Tokens;
}

function refreshOrExchange(s: RunningXeroSandbox, form: Record<string, string>): Promise<Response> {
  return fetch(`${s.identityUrl}/connect/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${s.clientId}:${s.clientSecret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams(form),
  });
}

function api(
  s: RunningXeroSandbox,
  path: string,
  token: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<Response> {
  return fetch(`${s.url}/api.xro/2.0${path}`, {
    method: init.method ?? 'GET',
    headers: {
      accept: 'application/json',
      authorization: `Bearer ${token}`,
      'xero-tenant-id': s.tenantId,
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...init.headers,
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: init.signal,
  });
}

async function json<T>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

interface InvoicesBody {
  pagination?: { page: number; pageSize: number; pageCount: number; itemCount: number };
  Invoices: XeroInvoice[];
}

interface CreditBody {
  RemainingCredit: number;
  Status: string;
  Type: string;
  Total: number;
  TotalTax: number;
  CurrencyCode: string;
  LineAmountTypes: string;
  Contact: { ContactID: string };
  UpdatedDateUTC: string;
  Allocations: {
    AllocationID: string;
    Amount: number;
    Invoice: { InvoiceID: string; InvoiceNumber: string };
  }[];
}

/** An open sales invoice in the organisation's own currency owing at least `cents`. */
function openInvoice(store: SandboxStore, cents: number, skip: string[] = []): XeroInvoice {
  const found = store
    .invoices()
    .find(
      (i) =>
        i.Type === 'ACCREC' &&
        i.Status === 'AUTHORISED' &&
        i.CurrencyCode === 'NZD' &&
        Math.round(i.AmountDue * 100) >= cents &&
        !skip.includes(i.InvoiceID),
    );
  if (!found) throw new Error('The organisation has an open invoice to work with');
  return found;
}

const cents = (amount: number) => Math.round(amount * 100);

describe('overpayments, prepayments and allocations', () => {
  const clock = handClock();
  let sandbox: RunningXeroSandbox;
  let token: string;
  beforeAll(async () => {
    sandbox = await startXeroSandbox({ now: clock.now, seed: 11, limits: false });
    token = (await connect(sandbox)).access_token;
  });
  afterAll(() => sandbox.close());

  it('lists a RECEIVE-OVERPAYMENT, allocates it over HTTP, and the invoice follows to the cent', async () => {
    const { store } = sandbox;
    const invoice = openInvoice(store, 5000);
    const { OverpaymentID } = store.recordOverpayment({
      contactId: invoice.Contact.ContactID,
      amount: '40.00',
    });

    const listed = await json<{
      pagination: { itemCount: number };
      Overpayments: (CreditBody & { OverpaymentID: string })[];
    }>(
      await api(
        sandbox,
        `/Overpayments?page=1&where=${encodeURIComponent('Type=="RECEIVE-OVERPAYMENT"')}`,
        token,
      ),
    );
    const mine = listed.Overpayments.find((o) => o.OverpaymentID === OverpaymentID);
    expect(mine).toMatchObject({
      Type: 'RECEIVE-OVERPAYMENT',
      Status: 'AUTHORISED',
      Total: 40,
      TotalTax: 0,
      RemainingCredit: 40,
      LineAmountTypes: 'NoTax',
      CurrencyCode: 'NZD',
      Contact: { ContactID: invoice.Contact.ContactID },
      Allocations: [],
    });
    expect(mine?.UpdatedDateUTC).toMatch(/^\/Date\(\d+\+0000\)\/$/);
    const spend = await json<{ Overpayments: unknown[] }>(
      await api(sandbox, `/Overpayments?where=${encodeURIComponent('Type=="SPEND-OVERPAYMENT"')}`, token),
    );
    expect(spend.Overpayments).toEqual([]);

    clock.advance(60_000);
    const since = new Date(clock.ms()).toISOString();
    const put = await api(sandbox, `/Overpayments/${OverpaymentID}/Allocations`, token, {
      method: 'PUT',
      body: { Allocations: [{ Invoice: { InvoiceID: invoice.InvoiceID }, Amount: 25, Date: store.today() }] },
    });
    expect(put.status).toBe(200);
    const made = await json<{
      Allocations: { AllocationID: string; Amount: number; Overpayment: { OverpaymentID: string } }[];
    }>(put);
    expect(made.Allocations[0]).toMatchObject({ Amount: 25, Overpayment: { OverpaymentID } });

    const after = await json<InvoicesBody>(await api(sandbox, `/Invoices/${invoice.InvoiceID}`, token));
    const now = after.Invoices[0]!;
    expect(cents(now.AmountCredited)).toBe(cents(invoice.AmountCredited) + 2500);
    expect(cents(now.AmountDue)).toBe(cents(invoice.AmountDue) - 2500);
    expect(cents(now.AmountDue)).toBe(cents(now.Total) - cents(now.AmountPaid) - cents(now.AmountCredited));
    expect(now.Overpayments).toEqual([
      expect.objectContaining({ OverpaymentID, AppliedAmount: 25, Total: 40 }),
    ]);

    const changed = await json<InvoicesBody>(
      await api(sandbox, '/Invoices?page=1', token, { headers: { 'If-Modified-Since': since } }),
    );
    expect(changed.Invoices.map((i) => i.InvoiceID)).toEqual([invoice.InvoiceID]);
    const credit = await json<{ Overpayments: CreditBody[] }>(
      await api(sandbox, `/Overpayments/${OverpaymentID}`, token),
    );
    expect(credit.Overpayments[0]).toMatchObject({
      RemainingCredit: 15,
      Allocations: [
        { Amount: 25, Invoice: { InvoiceID: invoice.InvoiceID, InvoiceNumber: invoice.InvoiceNumber } },
      ],
    });

    const tooMuch = await api(sandbox, `/Overpayments/${OverpaymentID}/Allocations`, token, {
      method: 'PUT',
      body: { Allocations: [{ Invoice: { InvoiceID: invoice.InvoiceID }, Amount: 15.01 }] },
    });
    expect(tooMuch.status).toBe(400);
    expect(await tooMuch.json()).toMatchObject({ Type: 'ValidationException' });

    // The rest of the credit: the overpayment is used up.
    store.allocate({ creditId: OverpaymentID, invoiceId: invoice.InvoiceID, amount: '15.00' });
    expect(store.overpayments().find((o) => o.OverpaymentID === OverpaymentID)).toMatchObject({
      Status: 'PAID',
      RemainingCredit: 0,
    });

    // Taking the first allocation off gives the credit back and the invoice owes it again.
    const allocationId = made.Allocations[0]!.AllocationID;
    const deleted = await api(sandbox, `/Overpayments/${OverpaymentID}/Allocations/${allocationId}`, token, {
      method: 'DELETE',
    });
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toMatchObject({ AllocationID: allocationId, Amount: 25, IsDeleted: true });
    expect(store.overpayments().find((o) => o.OverpaymentID === OverpaymentID)).toMatchObject({
      Status: 'AUTHORISED',
      RemainingCredit: 25,
    });
    expect(cents(store.invoice(invoice.InvoiceID)!.AmountDue)).toBe(cents(invoice.AmountDue) - 1500);
    expect(store.checkInvariants()).toEqual([]);
  });

  it('settles an invoice with a prepayment (PAID, FullyPaidOnDate) and reopens it when the allocation goes', async () => {
    const { store } = sandbox;
    const invoice = openInvoice(store, 100);
    const due = invoice.AmountDue.toFixed(2);
    const { PrepaymentID } = store.recordPrepayment({
      contactId: invoice.Contact.ContactID,
      amount: '115.00',
      reference: 'Deposit 42',
    });
    // A domestic prepayment carries GST: 15.00 of 115.00.
    const listed = await json<{
      Prepayments: (CreditBody & { PrepaymentID: string; InvoiceNumber: string })[];
    }>(
      await api(
        sandbox,
        `/Prepayments?page=1&where=${encodeURIComponent('Type=="RECEIVE-PREPAYMENT"')}`,
        token,
      ),
    );
    expect(listed.Prepayments.find((p) => p.PrepaymentID === PrepaymentID)).toMatchObject({
      Type: 'RECEIVE-PREPAYMENT',
      Total: 115,
      TotalTax: 15,
      InvoiceNumber: 'Deposit 42',
      Status: 'AUTHORISED',
    });

    const big = store.recordPrepayment({ contactId: invoice.Contact.ContactID, amount: due });
    const { AllocationID } = store.allocate({
      creditId: big.PrepaymentID,
      invoiceId: invoice.InvoiceID,
      amount: due,
    });
    const paid = store.invoice(invoice.InvoiceID)!;
    expect(paid).toMatchObject({ Status: 'PAID', AmountDue: 0 });
    expect(paid.FullyPaidOnDate).toMatch(/^\/Date\(\d+\+0000\)\/$/);
    expect(paid.Prepayments).toEqual([expect.objectContaining({ PrepaymentID: big.PrepaymentID })]);
    expect(store.prepayments().find((p) => p.PrepaymentID === big.PrepaymentID)?.Status).toBe('PAID');

    clock.advance(1000);
    store.deleteAllocation({ creditId: big.PrepaymentID, allocationId: AllocationID });
    const reopened = store.invoice(invoice.InvoiceID)!;
    expect(reopened).toMatchObject({ Status: 'AUTHORISED', AmountDue: invoice.AmountDue });
    expect(reopened.FullyPaidOnDate).toBeUndefined();
    expect(reopened.UpdatedDateUTC).toBe(`/Date(${clock.ms()}+0000)/`);
    expect(store.checkInvariants()).toEqual([]);
  });

  it('allocates a credit note through PUT /CreditNotes/{id}/Allocations, all or nothing', async () => {
    const { store } = sandbox;
    const invoice = openInvoice(store, 3000);
    const { CreditNoteID } = store.createCreditNote({
      contactId: invoice.Contact.ContactID,
      amount: '30.00',
    });
    expect(store.creditNotes().find((n) => n.CreditNoteID === CreditNoteID)).toMatchObject({
      Status: 'AUTHORISED',
      RemainingCredit: 30,
      Total: 30,
    });

    // Two allocations that together ask for more than the note holds: neither is made.
    const refused = await api(sandbox, `/CreditNotes/${CreditNoteID}/Allocations`, token, {
      method: 'PUT',
      body: {
        Allocations: [
          { Invoice: { InvoiceID: invoice.InvoiceID }, Amount: 20 },
          { Invoice: { InvoiceID: invoice.InvoiceID }, Amount: 20 },
        ],
      },
    });
    expect(refused.status).toBe(400);
    expect(store.invoice(invoice.InvoiceID)?.AmountCredited).toBe(invoice.AmountCredited);

    const accounting = new AccountingApi();
    accounting.basePath = `${sandbox.url}/api.xro/2.0`;
    accounting.accessToken = token;
    const allocations: Allocations = {
      allocations: [{ invoice: { invoiceID: invoice.InvoiceID }, amount: 30, date: store.today() }],
    };
    const { body } = await accounting.createCreditNoteAllocation(sandbox.tenantId, CreditNoteID, allocations);
    expect(body.allocations?.[0]?.amount).toBe(30);
    const allocationId = body.allocations?.[0]?.allocationID ?? '';
    expect(store.creditNotes().find((n) => n.CreditNoteID === CreditNoteID)).toMatchObject({
      Status: 'PAID',
      RemainingCredit: 0,
    });
    expect(cents(store.invoice(invoice.InvoiceID)!.AmountDue)).toBe(cents(invoice.AmountDue) - 3000);

    const overpayments = await accounting.getOverpayments(
      sandbox.tenantId,
      undefined,
      'Type=="RECEIVE-OVERPAYMENT"',
    );
    expect(overpayments.body.overpayments?.length).toBeGreaterThan(0);
    expect(typeof overpayments.body.overpayments?.[0]?.remainingCredit).toBe('number');

    const removed = await accounting.deleteCreditNoteAllocations(
      sandbox.tenantId,
      CreditNoteID,
      allocationId,
    );
    expect(removed.body.isDeleted).toBe(true);
    expect(store.invoice(invoice.InvoiceID)?.AmountDue).toBe(invoice.AmountDue);
    expect(store.checkInvariants()).toEqual([]);
  });
});

interface Received {
  body: string;
  headers: IncomingHttpHeaders;
}

/** A webhook endpoint that checks the signature as the app does: 200 when it is right, 401 when not. */
async function receiver(
  key: string | null,
): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ body, headers: req.headers });
      const expected = key === null ? null : createHmac('sha256', key).update(body).digest('base64');
      res.statusCode = expected === null || req.headers['x-xero-signature'] === expected ? 200 : 401;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/xero`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

interface WebhookPayload {
  events: {
    resourceUrl: string;
    resourceId: string;
    eventDateUtc: string;
    eventType: string;
    eventCategory: string;
    tenantId: string;
    tenantType: string;
    data?: { Type: string; Status: string };
  }[];
  firstEventSequence: number;
  lastEventSequence: number;
  entropy: string;
}

describe('webhooks', () => {
  const KEY = 'webhook-signing-key-for-tests';
  const clock = handClock();
  let sandbox: RunningXeroSandbox;
  let endpoint: Awaited<ReturnType<typeof receiver>>;
  beforeAll(async () => {
    endpoint = await receiver(KEY);
    sandbox = await startXeroSandbox({
      now: clock.now,
      seed: 12,
      limits: false,
      webhook: { url: endpoint.url, key: KEY },
    });
  });
  afterAll(async () => {
    await sandbox.close();
    await endpoint.close();
  });

  it('sends one signed payload for the changes of a short window, in Xero’s shape', async () => {
    const { store } = sandbox;
    const invoice = openInvoice(store, 2000);
    store.recordPayment({ invoiceId: invoice.InvoiceID, amount: '10.00' });
    store.setContactEmail(invoice.Contact.ContactID, 'accounts@new-address.example.com');
    const { CreditNoteID } = store.createCreditNote({ contactId: invoice.Contact.ContactID, amount: '5.00' });
    await store.flushWebhooks();

    expect(endpoint.received).toHaveLength(1);
    const [delivery] = store.webhookDeliveries();
    expect(delivery).toMatchObject({ index: 0, kind: 'events', eventCount: 3, status: 200 });
    const { body, headers } = endpoint.received[0]!;
    expect(headers['x-xero-signature']).toBe(createHmac('sha256', KEY).update(body).digest('base64'));
    expect(headers['content-type']).toContain('application/json');
    const payload = JSON.parse(body) as WebhookPayload;
    expect(payload.firstEventSequence).toBe(1);
    expect(payload.lastEventSequence).toBe(3);
    expect(payload.entropy).toMatch(/^[A-Z]{20}$/);
    expect(payload.events).toEqual([
      {
        resourceUrl: `${sandbox.url}/api.xro/2.0/Invoices/${invoice.InvoiceID}`,
        resourceId: invoice.InvoiceID,
        eventDateUtc: new Date(clock.ms()).toISOString().slice(0, 23),
        eventType: 'UPDATE',
        eventCategory: 'INVOICE',
        tenantId: sandbox.tenantId,
        tenantType: 'ORGANISATION',
      },
      expect.objectContaining({
        resourceId: invoice.Contact.ContactID,
        eventType: 'UPDATE',
        eventCategory: 'CONTACT',
      }),
      expect.objectContaining({
        resourceId: CreditNoteID,
        eventType: 'CREATE',
        eventCategory: 'CREDITNOTE',
        data: { Type: 'ACCRECCREDIT', Status: 'AUTHORISED' },
      }),
    ]);
  });

  it('batches on its own over the window, with no payment events, and API writes announce too', async () => {
    const { store } = sandbox;
    const before = store.webhookDeliveries().length;
    const invoice = openInvoice(store, 2000);
    const token = (await connect(sandbox)).access_token;
    // A window wide enough for an HTTP round trip and two store changes, however busy the machine.
    store.setWebhook({ url: endpoint.url, key: KEY, batchMs: 300 });
    const paid = await api(sandbox, '/Payments', token, {
      method: 'PUT',
      body: {
        Invoice: { InvoiceID: invoice.InvoiceID },
        Account: { Code: '090' },
        Amount: 3,
        Date: store.today(),
      },
    });
    expect(paid.status).toBe(200);
    const { OverpaymentID } = store.recordOverpayment({
      contactId: invoice.Contact.ContactID,
      amount: '2.00',
    });
    store.allocate({ creditId: OverpaymentID, invoiceId: invoice.InvoiceID, amount: '2.00' });
    await new Promise((resolve) => setTimeout(resolve, 600));

    const sent = store.webhookDeliveries().slice(before);
    expect(sent).toHaveLength(1);
    const payload = JSON.parse(sent[0]!.body) as WebhookPayload;
    // Two invoice updates (the payment, the allocation); nothing for the payment or overpayment themselves.
    expect(payload.events.map((e) => `${e.eventCategory} ${e.eventType} ${e.resourceId}`)).toEqual([
      `INVOICE UPDATE ${invoice.InvoiceID}`,
      `INVOICE UPDATE ${invoice.InvoiceID}`,
    ]);
    expect(payload.firstEventSequence).toBe(4);
    expect(payload.lastEventSequence).toBe(5);
    expect(store.checkInvariants()).toEqual([]);
    store.setWebhook({ url: endpoint.url, key: KEY });
  });

  it('replays a delivery byte for byte, signature and all', async () => {
    const { store } = sandbox;
    const count = endpoint.received.length;
    const replay = await store.replayDelivery(0);
    expect(replay).toMatchObject({ kind: 'replay', replayOf: 0, status: 200 });
    const again = endpoint.received[count]!;
    expect(again.body).toBe(endpoint.received[0]!.body);
    expect(again.headers['x-xero-signature']).toBe(endpoint.received[0]!.headers['x-xero-signature']);
  });

  it('runs the intent-to-receive check: 200 for the signed probe, 401 for the forged one', async () => {
    const good = await sandbox.store.sendIntentToReceive();
    expect(good).toEqual({ correctlySigned: 200, badlySigned: 401, passed: true });
    const probe = JSON.parse(endpoint.received.at(-1)!.body) as WebhookPayload;
    expect(probe).toMatchObject({ events: [], firstEventSequence: 0, lastEventSequence: 0 });

    // An endpoint that does not check signatures fails the check.
    const careless = await receiver(null);
    sandbox.store.setWebhook({ url: careless.url, key: KEY });
    try {
      expect(await sandbox.store.sendIntentToReceive()).toEqual({
        correctlySigned: 200,
        badlySigned: 200,
        passed: false,
      });
    } finally {
      sandbox.store.setWebhook({ url: endpoint.url, key: KEY });
      await careless.close();
    }
  });

  it('announces new invoices and contacts as CREATE events', async () => {
    const { store } = sandbox;
    const { ContactID } = store.createContact({
      name: 'Owhiro Bay Kayaks',
      email: 'hello@owhiro.example.com',
    });
    const { InvoiceID, InvoiceNumber } = store.createInvoice({ contactId: ContactID, amount: '230.00' });
    await store.flushWebhooks();
    const payload = JSON.parse(store.webhookDeliveries().at(-1)!.body) as WebhookPayload;
    expect(payload.events.map((e) => `${e.eventCategory} ${e.eventType} ${e.resourceId}`)).toEqual([
      `CONTACT CREATE ${ContactID}`,
      `INVOICE CREATE ${InvoiceID}`,
    ]);
    expect(store.invoice(InvoiceID)).toMatchObject({
      InvoiceNumber,
      Status: 'AUTHORISED',
      Total: 230,
      TotalTax: 30,
      AmountDue: 230,
    });
  });

  it('records a delivery nobody answered, without holding up the change', async () => {
    const { store } = sandbox;
    store.setWebhook({ url: 'http://127.0.0.1:9/nowhere', key: KEY, batchMs: 1 });
    store.setDueDate(openInvoice(store, 1).InvoiceID, '2027-01-31');
    await store.flushWebhooks();
    const last = store.webhookDeliveries().at(-1)!;
    expect(last.status).toBeNull();
    expect(last.error).toBeTruthy();
    store.setWebhook({ url: endpoint.url, key: KEY });
  });
});

describe('rate limits', () => {
  const clock = handClock();
  let sandbox: RunningXeroSandbox;
  let token: string;
  beforeAll(async () => {
    sandbox = await startXeroSandbox({ now: clock.now, seed: 13 });
    token = (await connect(sandbox)).access_token;
  });
  afterAll(() => sandbox.close());

  it('are on by default, with Xero’s figures', () => {
    expect(createXeroSandboxApp({ seed: 1 }).store.limiter.current).toEqual(XERO_RATE_LIMITS);
    expect(XERO_RATE_LIMITS).toEqual({ perMinute: 60, concurrent: 5, perDay: 5000, appPerMinute: 10_000 });
  });

  it('count down in the headers, answer 429 with Retry-After after 60 calls in a minute, and recover', async () => {
    for (let i = 1; i <= 60; i++) {
      const res = await api(sandbox, '/Organisation', token);
      expect(res.status).toBe(200);
      expect(res.headers.get('x-minlimit-remaining')).toBe(String(60 - i));
      expect(res.headers.get('x-daylimit-remaining')).toBe(String(5000 - i));
      expect(res.headers.get('x-appminlimit-remaining')).toBe(String(10_000 - i));
      await res.arrayBuffer();
    }
    clock.advance(20_000);
    const refused = await api(sandbox, '/Invoices', token);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('40');
    expect(refused.headers.get('x-rate-limit-problem')).toBe('minute');
    expect(refused.headers.get('x-minlimit-remaining')).toBe('0');
    expect(await refused.json()).toMatchObject({ Status: 429, Title: 'Too Many Requests' });

    clock.advance(40_000);
    const again = await api(sandbox, '/Organisation', token);
    expect(again.status).toBe(200);
    expect(again.headers.get('x-minlimit-remaining')).toBe('59');
    expect(again.headers.get('x-daylimit-remaining')).toBe('4939');
  });

  it('allow 5 calls in progress at once and refuse a sixth', async () => {
    clock.advance(60_000);
    sandbox.store.injectFaults({ kind: 'slow', delayMs: 400, count: 5, endpoint: 'GET /Organisation' });
    const slow = Array.from({ length: 5 }, () => api(sandbox, '/Organisation', token));
    await new Promise((resolve) => setTimeout(resolve, 150));
    const sixth = await api(sandbox, '/Contacts?page=1', token);
    expect(sixth.status).toBe(429);
    expect(sixth.headers.get('x-rate-limit-problem')).toBe('concurrent');
    expect(sixth.headers.get('retry-after')).toBe('1');
    expect((await Promise.all(slow)).map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const after = await api(sandbox, '/Contacts?page=1', token);
    expect(after.status).toBe(200);
  });

  it('stop a tenant at its daily budget and the app at its minute budget', async () => {
    sandbox.store.setRateLimits({ perDay: 3 });
    for (let i = 0; i < 3; i++) expect((await api(sandbox, '/Organisation', token)).status).toBe(200);
    clock.advance(3_600_000);
    token = (await connect(sandbox)).access_token;
    const day = await api(sandbox, '/Organisation', token);
    expect(day.status).toBe(429);
    expect(day.headers.get('x-rate-limit-problem')).toBe('day');
    expect(day.headers.get('retry-after')).toBe(String(23 * 3600));

    sandbox.store.setRateLimits({ appPerMinute: 2 });
    for (let i = 0; i < 2; i++) expect((await api(sandbox, '/Organisation', token)).status).toBe(200);
    const app = await api(sandbox, '/Organisation', token);
    expect(app.status).toBe(429);
    expect(app.headers.get('x-rate-limit-problem')).toBe('appminute');
    expect(app.headers.get('x-appminlimit-remaining')).toBe('0');

    sandbox.store.setRateLimits(false);
    const free = await api(sandbox, '/Organisation', token);
    expect(free.status).toBe(200);
    expect(free.headers.get('x-minlimit-remaining')).toBeNull();
    sandbox.store.setRateLimits(true);
  });
});

describe('injected faults', () => {
  const clock = handClock();
  let sandbox: RunningXeroSandbox;
  let tokens: Tokens;
  beforeAll(async () => {
    sandbox = await startXeroSandbox({ now: clock.now, seed: 14, limits: false });
    tokens = await connect(sandbox);
  });
  afterAll(() => sandbox.close());
  afterEach(() => sandbox.store.clearFaults());

  it('429: the next calls to the endpoint are refused with Retry-After, then it answers', async () => {
    sandbox.store.injectFaults({ kind: '429', count: 3, retryAfterSeconds: 1, endpoint: 'GET /Invoices' });
    expect((await api(sandbox, '/Contacts?page=1', tokens.access_token)).status).toBe(200);
    for (let i = 0; i < 3; i++) {
      const res = await api(sandbox, '/Invoices?page=1', tokens.access_token);
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('1');
      expect(res.headers.get('x-rate-limit-problem')).toBe('minute');
    }
    expect((await api(sandbox, '/Invoices?page=1', tokens.access_token)).status).toBe(200);
    expect(sandbox.store.pendingFaults()).toEqual([]);
  });

  it('500 and 503: Xero failing on its side', async () => {
    sandbox.store.injectFaults([{ kind: '500' }, { kind: '500', status: 503 }]);
    const first = await api(sandbox, '/Organisation', tokens.access_token);
    expect(first.status).toBe(500);
    expect(await first.text()).toContain('An error occurred in Xero');
    expect((await api(sandbox, '/Organisation', tokens.access_token)).status).toBe(503);
    expect((await api(sandbox, '/Organisation', tokens.access_token)).status).toBe(200);
  });

  it('timeout: no answer within the client’s patience; with holdMs, a late answer', async () => {
    sandbox.store.injectFaults({ kind: 'timeout', endpoint: 'GET /Invoices' });
    await expect(
      api(sandbox, '/Invoices?page=1', tokens.access_token, { signal: AbortSignal.timeout(200) }),
    ).rejects.toMatchObject({ name: 'TimeoutError' });

    sandbox.store.injectFaults({ kind: 'timeout', holdMs: 300, endpoint: '/Invoices' });
    const started = Date.now();
    const late = await api(sandbox, '/Invoices?page=1', tokens.access_token);
    expect(late.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('truncated: the right status and headers, half a body', async () => {
    sandbox.store.injectFaults({ kind: 'truncated', endpoint: 'GET /Invoices' });
    const cut = await api(sandbox, '/Invoices?page=1', tokens.access_token);
    expect(cut.status).toBe(200);
    expect(cut.headers.get('content-type')).toContain('application/json');
    const text = await cut.text();
    expect(text.startsWith('{"Id":')).toBe(true);
    expect(() => JSON.parse(text) as unknown).toThrow(SyntaxError);

    sandbox.store.injectFaults({ kind: 'truncated', abort: true, endpoint: 'GET /Invoices' });
    const dropped = await api(sandbox, '/Invoices?page=1', tokens.access_token);
    expect(dropped.status).toBe(200);
    await expect(dropped.text()).rejects.toThrow();
  });

  it('malformed: well-formed JSON with one bad value in one record', async () => {
    sandbox.store.injectFaults([
      { kind: 'malformed', endpoint: 'GET /Invoices' },
      { kind: 'malformed', endpoint: 'GET /Invoices', field: 'InvoiceID', remove: true, record: 1 },
      { kind: 'malformed', endpoint: 'GET /Invoices', field: 'Contact.ContactID', value: 'not-a-guid' },
    ]);
    const read = async () =>
      (await json<InvoicesBody>(await api(sandbox, '/Invoices?page=1', tokens.access_token)))
        .Invoices as unknown as Record<string, unknown>[];
    const first = await read();
    expect(typeof first[0]!.Total).toBe('string');
    expect(typeof first[1]!.Total).toBe('number');
    const second = await read();
    expect(second[1]).not.toHaveProperty('InvoiceID');
    expect(second[0]).toHaveProperty('InvoiceID');
    const third = await read();
    expect(third[0]!.Contact).toMatchObject({ ContactID: 'not-a-guid' });
    expect(typeof (await read())[0]!.Total).toBe('number');
  });

  it('revoked: 403 from then on, and invalid_grant on refresh', async () => {
    sandbox.store.injectFaults({ kind: 'revoked', endpoint: 'GET /Invoices' });
    expect((await api(sandbox, '/Organisation', tokens.access_token)).status).toBe(200);
    expect((await api(sandbox, '/Invoices?page=1', tokens.access_token)).status).toBe(403);
    expect((await api(sandbox, '/Organisation', tokens.access_token)).status).toBe(403);
    const refresh = await refreshOrExchange(sandbox, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
    });
    expect(refresh.status).toBe(400);
    expect(await refresh.json()).toMatchObject({ error: 'invalid_grant' });
    tokens = await connect(sandbox);
  });

  it('can be queued over HTTP at /__sandbox/faults, which refuses a spec it cannot read', async () => {
    const queued = await fetch(`${sandbox.url}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: '500', endpoint: 'GET /Contacts', count: 2 }),
    });
    expect(queued.status).toBe(201);
    expect(await queued.json()).toMatchObject({
      pending: [{ kind: '500', endpoint: 'GET /Contacts', remaining: 2 }],
    });
    expect((await api(sandbox, '/Contacts?page=1', tokens.access_token)).status).toBe(500);

    const bad = await fetch(`${sandbox.url}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'gremlins' }),
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'invalid_request' });

    const cleared = await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'DELETE' });
    expect(cleared.status).toBe(204);
    expect((await api(sandbox, '/Contacts?page=1', tokens.access_token)).status).toBe(200);
  });

  it('lets another process register the webhook and change the limits at /__sandbox', async () => {
    const endpoint = await receiver('control-key');
    try {
      const control = (path: string, method: string, body?: unknown) =>
        fetch(`${sandbox.url}/__sandbox${path}`, {
          method,
          headers: { 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      expect((await control('/webhook', 'PUT', { url: endpoint.url, key: 'control-key' })).status).toBe(204);
      const check = await control('/webhook/intent-to-receive', 'POST');
      expect(await check.json()).toEqual({ correctlySigned: 200, badlySigned: 401, passed: true });
      expect((await control('/webhook/deliveries/0/replay', 'POST')).status).toBe(200);
      expect(endpoint.received).toHaveLength(3);
      expect((await control('/webhook', 'PUT', { url: 'not a url', key: '' })).status).toBe(400);

      const limits = await control('/limits', 'PUT', { perMinute: 2 });
      expect(await limits.json()).toEqual({ limits: { ...XERO_RATE_LIMITS, perMinute: 2 } });
      for (let i = 0; i < 2; i++)
        expect((await api(sandbox, '/Organisation', tokens.access_token)).status).toBe(200);
      expect((await api(sandbox, '/Organisation', tokens.access_token)).status).toBe(429);
      await control('/limits', 'PUT', false);
      expect((await api(sandbox, '/Organisation', tokens.access_token)).status).toBe(200);
      expect((await control('/webhook', 'DELETE')).status).toBe(204);
    } finally {
      await endpoint.close();
    }
  });
});

describe('organisations of any size', () => {
  const SIZE = { invoices: 100_000, openInvoices: 20_000, payments: 150_000, contacts: 10_000 };
  let sandbox: RunningXeroSandbox;
  let token: string;
  beforeAll(async () => {
    const data = generateOrganisation({ seed: 5, now: START, ...SIZE });
    sandbox = await startXeroSandbox({ now: () => new Date(START), limits: false, organisation: { data } });
    token = (await connect(sandbox)).access_token;
  }, 60_000);
  afterAll(() => sandbox.close());

  it('builds 100,000 invoices (20,000 open), 150,000 payments and 10,000 contacts', () => {
    const counts = sandbox.store.resourceCounts();
    expect(counts).toMatchObject({ invoices: 100_000, payments: 150_000, contacts: 10_000 });
    const index = sandbox.store.presentContext().index;
    let open = 0;
    for (const invoice of sandbox.store.data.invoices.values()) {
      const paid = (index.payments.get(invoice.id) ?? []).reduce((sum, p) => sum + p.amount, 0);
      const credited = (index.credits.get(invoice.id) ?? []).reduce((sum, c) => sum + c.allocation.amount, 0);
      if (invoice.status === 'AUTHORISED' && invoice.total - paid - credited > 0) open++;
    }
    expect(open).toBe(20_000);
    expect(sandbox.store.checkInvariants()).toEqual([]);
  });

  it('pages at 1000 a call without overlaps', async () => {
    const where = encodeURIComponent('Type=="ACCREC"');
    const order = encodeURIComponent('UpdatedDateUTC ASC');
    const seen = new Set<string>();
    for (const page of [1, 2, 3, 100]) {
      const res = await api(
        sandbox,
        `/Invoices?page=${page}&pageSize=1000&where=${where}&order=${order}`,
        token,
      );
      const body = await json<InvoicesBody>(res);
      expect(body.pagination).toEqual({ page, pageSize: 1000, pageCount: 100, itemCount: 100_000 });
      expect(body.Invoices).toHaveLength(1000);
      for (const invoice of body.Invoices) {
        expect(seen.has(invoice.InvoiceID)).toBe(false);
        seen.add(invoice.InvoiceID);
      }
    }

    const open = await json<InvoicesBody>(
      await api(sandbox, '/Invoices?page=20&pageSize=1000&Statuses=AUTHORISED', token),
    );
    expect(open.pagination).toMatchObject({ itemCount: 20_000, pageCount: 20 });
    expect(open.Invoices).toHaveLength(1000);
  });

  it('finds the one changed invoice through If-Modified-Since', async () => {
    const { store } = sandbox;
    const target = store.order.invoices.records().find((i) => i.status === 'AUTHORISED')!;
    const since = new Date(START - 1000).toISOString();
    store.recordPayment({ invoiceId: target.id, amount: '0.01' });
    const changed = await json<InvoicesBody>(
      await api(sandbox, '/Invoices?page=1&pageSize=1000', token, {
        headers: { 'If-Modified-Since': since },
      }),
    );
    expect(changed.Invoices.map((i) => i.InvoiceID)).toEqual([target.id]);
  });

  it('starts a sandbox with one of a given size', async () => {
    const small = await startXeroSandbox({
      limits: false,
      organisation: { size: { invoices: 50, openInvoices: 20, payments: 45, contacts: 6, overpayments: 2 } },
    });
    try {
      expect(small.store.resourceCounts()).toMatchObject({
        invoices: 50,
        payments: 45,
        contacts: 6,
        overpayments: 2,
      });
      expect(small.store.checkInvariants()).toEqual([]);
    } finally {
      await small.close();
    }
  });
});

describe('random changes keep the books whole', () => {
  type Op =
    | { op: 'pay'; invoice: number; share: number }
    | { op: 'unpay'; payment: number }
    | { op: 'credit'; kind: 'creditNote' | 'overpayment' | 'prepayment'; invoice: number; share: number }
    | { op: 'allocate'; credit: number; invoice: number; share: number }
    | { op: 'unallocate'; credit: number }
    | { op: 'void'; invoice: number }
    | { op: 'due'; invoice: number; days: number }
    | { op: 'invoice'; contact: number; dollars: number };

  const share = fc.integer({ min: 1, max: 100 });
  const pick = fc.nat(10_000);
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ op: fc.constant('pay' as const), invoice: pick, share }),
    fc.record({ op: fc.constant('unpay' as const), payment: pick }),
    fc.record({
      op: fc.constant('credit' as const),
      kind: fc.constantFrom('creditNote' as const, 'overpayment' as const, 'prepayment' as const),
      invoice: pick,
      share,
    }),
    fc.record({ op: fc.constant('allocate' as const), credit: pick, invoice: pick, share }),
    fc.record({ op: fc.constant('unallocate' as const), credit: pick }),
    fc.record({ op: fc.constant('void' as const), invoice: pick }),
    fc.record({ op: fc.constant('due' as const), invoice: pick, days: fc.integer({ min: -30, max: 60 }) }),
    fc.record({
      op: fc.constant('invoice' as const),
      contact: pick,
      dollars: fc.integer({ min: 1, max: 5000 }),
    }),
  );

  function at<T>(items: readonly T[], n: number): T | undefined {
    return items.length === 0 ? undefined : items[n % items.length];
  }

  /** Applies one change; returns the invoice it should have touched, if it went through. */
  function apply(store: SandboxStore, change: Op): string | null {
    const invoices = [...store.data.invoices.values()];
    const amountOf = (id: string, fraction: number) => {
      const due = Math.round((store.invoice(id)?.AmountDue ?? 0) * 100);
      return (Math.max(1, Math.floor((due * fraction) / 100)) / 100).toFixed(2);
    };
    const credits = [
      ...[...store.data.creditNotes.values()].map((c) => c.id),
      ...[...store.data.overpayments.values()].map((c) => c.id),
      ...[...store.data.prepayments.values()].map((c) => c.id),
    ];
    switch (change.op) {
      case 'pay': {
        const invoice = at(invoices, change.invoice);
        if (!invoice) return null;
        store.recordPayment({ invoiceId: invoice.id, amount: amountOf(invoice.id, change.share) });
        return invoice.id;
      }
      case 'unpay': {
        const payment = at([...store.data.payments.values()], change.payment);
        if (!payment) return null;
        store.deletePayment(payment.id);
        return payment.invoiceId;
      }
      case 'credit': {
        const invoice = at(invoices, change.invoice);
        if (!invoice) return null;
        const amount = amountOf(invoice.id, change.share);
        // Twice what is applied now, so that some credit is left for later allocations.
        const total = (Number(amount) * 2).toFixed(2);
        const input = { contactId: invoice.contactId, amount: total, currencyCode: invoice.currencyCode };
        const creditId =
          change.kind === 'creditNote'
            ? store.createCreditNote(input).CreditNoteID
            : change.kind === 'overpayment'
              ? store.recordOverpayment(input).OverpaymentID
              : store.recordPrepayment(input).PrepaymentID;
        store.allocate({ creditId, invoiceId: invoice.id, amount });
        return invoice.id;
      }
      case 'allocate': {
        const creditId = at(credits, change.credit);
        if (!creditId) return null;
        const { credit } = store.requireCredit(creditId);
        // Credit goes to the same contact's invoices in the same currency; pick among those.
        const invoice = at(
          invoices.filter(
            (i) =>
              i.contactId === credit.contactId &&
              i.currencyCode === credit.currencyCode &&
              i.status === 'AUTHORISED',
          ),
          change.invoice,
        );
        const left = credit.total - credit.allocations.reduce((sum, a) => sum + a.amount, 0);
        if (!invoice || left <= 0) return null;
        const wanted = Math.round(Number(amountOf(invoice.id, change.share)) * 100);
        store.allocate({
          creditId,
          invoiceId: invoice.id,
          amount: (Math.min(wanted, left) / 100).toFixed(2),
        });
        return invoice.id;
      }
      case 'unallocate': {
        const creditId = at(credits, change.credit);
        const ref = creditId ? store.requireCredit(creditId) : undefined;
        const allocation = ref?.credit.allocations[0];
        if (!creditId || !allocation) return null;
        store.deleteAllocation({ creditId, allocationId: allocation.id });
        return allocation.invoiceId;
      }
      case 'void': {
        const invoice = at(invoices, change.invoice);
        if (!invoice || invoice.status === 'VOIDED') return null;
        store.voidInvoice(invoice.id);
        return invoice.id;
      }
      case 'due': {
        const invoice = at(invoices, change.invoice);
        if (!invoice) return null;
        const date = new Date(Date.parse(`${invoice.dueDate}T00:00:00Z`) + change.days * 86_400_000);
        store.setDueDate(invoice.id, date.toISOString().slice(0, 10));
        return invoice.id;
      }
      case 'invoice': {
        const contact = at([...store.data.contacts.values()], change.contact);
        if (!contact) return null;
        return store.createInvoice({ contactId: contact.id, amount: change.dollars }).InvoiceID;
      }
    }
  }

  const SMALL = {
    invoices: 40,
    openInvoices: 18,
    payments: 45,
    contacts: 5,
    creditNotes: 4,
    overpayments: 2,
    prepayments: 2,
  };

  it('holds every invariant, and every change moves UpdatedDateUTC', () => {
    const applied = new Map<Op['op'], number>();
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 25 }), (changes) => {
        const clock = handClock(START);
        const fresh = generateOrganisation({ seed: 99, now: START, ...SMALL });
        const { store } = createXeroSandboxApp({
          now: clock.now,
          limits: false,
          organisation: { data: fresh },
        });
        for (const change of changes) {
          clock.advance(1000);
          let touched: string | null = null;
          try {
            touched = apply(store, change);
            if (touched) applied.set(change.op, (applied.get(change.op) ?? 0) + 1);
          } catch (err) {
            // Xero refuses some changes (overpaying, voiding a paid invoice…); refused, nothing moves.
            if (!(err instanceof LedgerError)) throw err;
          }
          expect(store.checkInvariants()).toEqual([]);
          if (touched) {
            expect(store.data.invoices.get(touched)?.updatedAt).toBe(clock.ms());
            // If-Modified-Since sees it: it is among the records changed at or after this instant.
            const ordered = store.order.invoices.records();
            expect(ordered.at(-1)?.updatedAt).toBe(clock.ms());
            expect(ordered.filter((i) => i.updatedAt >= clock.ms()).map((i) => i.id)).toContain(touched);
          }
        }
      }),
      { numRuns: 60, seed: 4242 },
    );
    // Every kind of change went through now and then (not only refusals).
    for (const kind of [
      'pay',
      'unpay',
      'credit',
      'allocate',
      'unallocate',
      'void',
      'due',
      'invoice',
    ] as const) {
      expect(applied.get(kind) ?? 0).toBeGreaterThan(0);
    }
  });
});
