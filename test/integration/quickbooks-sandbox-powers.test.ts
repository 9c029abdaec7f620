// The QuickBooks Online sandbox's further powers, over HTTP: signed webhooks in Intuit's legacy and
// CloudEvents payloads, batched and replayable; Intuit's throttle; every injected fault; the control
// endpoints; companies of 100,000 invoices; and random changes that must keep the books whole.
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import {
  apiCall,
  connect,
  createQuickBooksSandboxApp,
  generateCompany,
  LedgerError,
  QBO_RATE_LIMITS,
  queryCall,
  startQuickBooksSandbox,
  type RunningQuickBooksSandbox,
} from '../../connectors/quickbooks/sandbox';

type Json = Record<string, unknown>;
type Invoice = {
  Id: string;
  Balance: number;
  TotalAmt: number;
  CustomerRef: { value: string };
  CurrencyRef: { value: string };
};

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook endpoint on loopback that records what it gets and answers `status`. */
async function receiver(status = 200): Promise<{ url: string; got: Received[]; close(): Promise<void> }> {
  const got: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      got.push({ headers: req.headers, body });
      res.statusCode = status;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/quickbooks`,
    got,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

function openInvoice(s: RunningQuickBooksSandbox, atLeast = 100): Invoice {
  const found = (s.store.invoices() as unknown as Invoice[]).find(
    (i) => i.Balance >= atLeast && i.Balance === i.TotalAmt && i.CurrencyRef.value === 'USD',
  );
  if (!found) throw new Error('The company has an open invoice');
  return found;
}

describe('webhooks', () => {
  let s: RunningQuickBooksSandbox;
  let hook: Awaited<ReturnType<typeof receiver>>;
  beforeAll(async () => {
    s = await startQuickBooksSandbox({ limits: false });
    hook = await receiver();
  });
  afterAll(async () => {
    await s.close();
    await hook.close();
  });
  beforeEach(() => void (hook.got.length = 0));

  const verifier = 'verifier-token-123';
  const signed = (r: Received) =>
    createHmac('sha256', verifier).update(r.body).digest('base64') === r.headers['intuit-signature'];

  it('sends one signed CloudEvents batch for the changes of a short window', async () => {
    s.store.setWebhook({ url: hook.url, key: verifier, format: 'cloudevents', batchMs: 10_000 });
    const invoice = openInvoice(s);
    const { PaymentID } = s.store.recordPayment({ invoiceId: invoice.Id, amount: '10.00' });
    s.store.setContactEmail(invoice.CustomerRef.value, 'new@example.com');
    await s.store.flushWebhooks();
    expect(hook.got).toHaveLength(1);
    const [delivery] = hook.got;
    if (!delivery) throw new Error('delivered');
    expect(signed(delivery)).toBe(true);
    const events = JSON.parse(delivery.body) as Json[];
    expect(events.map((e) => [e.type, e.intuitentityid])).toEqual([
      ['qbo.payment.created.v1', PaymentID],
      ['qbo.invoice.updated.v1', invoice.Id],
      ['qbo.customer.updated.v1', invoice.CustomerRef.value],
    ]);
    expect(events[0]).toMatchObject({
      specversion: '1.0',
      datacontenttype: 'application/json',
      intuitaccountid: s.realmId,
      data: {},
    });
    expect(typeof events[0]?.source).toBe('string');
    expect(s.store.webhookDeliveries()[0]).toMatchObject({
      status: 200,
      eventCount: 3,
      format: 'cloudevents',
    });
  });

  it('sends the legacy eventNotifications payload to a target that asks for it, deletions and voids too', async () => {
    s.store.setWebhook({ url: hook.url, key: verifier, format: 'legacy', batchMs: 10_000 });
    const invoice = openInvoice(s, 50);
    const { PaymentID } = s.store.recordPayment({ invoiceId: invoice.Id, amount: '5.00' });
    s.store.deletePayment(PaymentID);
    s.store.voidInvoice(invoice.Id);
    await s.store.flushWebhooks();
    const [delivery] = hook.got;
    if (!delivery) throw new Error('delivered');
    expect(signed(delivery)).toBe(true);
    const body = JSON.parse(delivery.body) as {
      eventNotifications: { realmId: string; dataChangeEvent: { entities: Json[] } }[];
    };
    expect(body.eventNotifications).toHaveLength(1);
    expect(body.eventNotifications[0]?.realmId).toBe(s.realmId);
    const entities = body.eventNotifications[0]?.dataChangeEvent.entities ?? [];
    expect(entities.map((e) => [e.name, e.id, e.operation])).toEqual([
      ['Payment', PaymentID, 'Create'],
      ['Invoice', invoice.Id, 'Update'],
      ['Payment', PaymentID, 'Delete'],
      ['Invoice', invoice.Id, 'Update'],
      ['Invoice', invoice.Id, 'Void'],
    ]);
    expect(typeof entities[0]?.lastUpdated).toBe('string');
  });

  it('batches on its own over the window, replays byte for byte, and records an endpoint that failed', async () => {
    s.store.setWebhook({ url: hook.url, key: verifier, batchMs: 5 });
    const invoice = openInvoice(s, 50);
    s.store.setDueDate(invoice.Id, '2027-02-01');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await s.store.flushWebhooks();
    expect(hook.got).toHaveLength(1);
    const index = s.store.webhookDeliveries().length - 1;
    const replay = await s.store.replayDelivery(index);
    expect(replay).toMatchObject({ kind: 'replay', replayOf: index, status: 200 });
    expect(hook.got[1]?.body).toBe(hook.got[0]?.body);
    expect(hook.got[1]?.headers['intuit-signature']).toBe(hook.got[0]?.headers['intuit-signature']);

    s.store.setWebhook({ url: 'http://127.0.0.1:9/nobody', key: verifier, batchMs: 10_000 });
    s.store.setDueDate(invoice.Id, '2027-02-02');
    await s.store.flushWebhooks();
    expect(s.store.webhookDeliveries().at(-1)).toMatchObject({
      status: null,
      error: expect.any(String) as string,
    });
    s.store.setWebhook(null);
  });
});

describe('throttle', () => {
  let s: RunningQuickBooksSandbox;
  let token: string;
  let now = Date.parse('2026-11-24T18:00:00Z');
  beforeAll(async () => {
    s = await startQuickBooksSandbox({ now: () => new Date(now) });
    token = (await connect(s)).access_token;
  });
  afterAll(() => s.close());
  afterEach(() => s.store.setRateLimits(true));

  it('is on by default with Intuit’s figures: 500 a minute per company, then 429 ThrottleExceeded in XML', async () => {
    expect(s.store.limiter.current).toEqual(QBO_RATE_LIMITS);
    expect(QBO_RATE_LIMITS).toEqual({ perMinute: 500, concurrent: 10 });
    for (let i = 0; i < 500; i += 50) {
      const batch = await Promise.all(
        Array.from({ length: 10 }, async () => {
          const statuses: number[] = [];
          for (let j = 0; j < 5; j++)
            statuses.push((await apiCall(s, s.realmId, token, '/preferences')).status);
          return statuses;
        }),
      );
      expect(batch.flat().every((status) => status === 200)).toBe(true);
    }
    const refused = await apiCall(s, s.realmId, token, '/preferences');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/xml/);
    expect(await refused.text()).toContain('message=ThrottleExceeded; errorCode=003001; statusCode=429');
    now += 60_000;
    expect((await apiCall(s, s.realmId, token, '/preferences')).status).toBe(200);
  });

  it('allows 10 requests in progress at once and refuses an eleventh', async () => {
    s.store.injectFaults({ kind: 'slow', delayMs: 300, count: 10 });
    const slow = Array.from({ length: 10 }, () => apiCall(s, s.realmId, token, '/preferences'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await apiCall(s, s.realmId, token, '/preferences')).status).toBe(429);
    expect((await Promise.all(slow)).map((r) => r.status)).toEqual(Array(10).fill(200));
  });

  it('turns off with false', async () => {
    s.store.setRateLimits(false);
    now += 60_000;
    const statuses = await Promise.all(
      Array.from({ length: 30 }, () => apiCall(s, s.realmId, token, '/preferences')),
    );
    expect(statuses.every((r) => r.status === 200)).toBe(true);
  });
});

describe('injected faults', () => {
  let s: RunningQuickBooksSandbox;
  let token: string;
  let refresh: string;
  beforeAll(async () => {
    s = await startQuickBooksSandbox({ limits: false });
    ({ access_token: token, refresh_token: refresh } = await connect(s));
  });
  afterAll(() => s.close());
  afterEach(() => s.store.clearFaults());

  const invoices = () => queryCall(s, s.realmId, token, 'select * from Invoice maxresults 3');

  it('429: a burst of throttle faults on one endpoint, then the answer', async () => {
    s.store.injectFaults({ kind: '429', count: 2, endpoint: 'GET /query' });
    expect((await apiCall(s, s.realmId, token, '/preferences')).status).toBe(200);
    expect((await invoices()).status).toBe(429);
    expect((await invoices()).status).toBe(429);
    expect((await invoices()).status).toBe(200);
  });

  it('500 and 503: QuickBooks failing on its side', async () => {
    s.store.injectFaults([{ kind: '500' }, { kind: '500', status: 503 }]);
    const failed = await invoices();
    expect(failed.status).toBe(500);
    expect(await failed.json()).toMatchObject({ Fault: { type: 'SystemFault', Error: [{ code: '10000' }] } });
    expect((await invoices()).status).toBe(503);
  });

  it('timeout: no answer within the client’s patience; with holdMs, a late answer', async () => {
    s.store.injectFaults({ kind: 'timeout' });
    await expect(
      apiCall(s, s.realmId, token, '/preferences', { signal: AbortSignal.timeout(200) }),
    ).rejects.toThrow();
    s.store.injectFaults({ kind: 'timeout', holdMs: 50 });
    expect((await apiCall(s, s.realmId, token, '/preferences')).status).toBe(200);
  });

  it('truncated and malformed: half a body, or one bad value in one record', async () => {
    s.store.injectFaults({ kind: 'truncated' });
    const cut = await invoices();
    expect(cut.status).toBe(200);
    await expect(cut.json()).rejects.toThrow();
    s.store.injectFaults({ kind: 'malformed', record: 1 });
    const spoiled = (await (await invoices()).json()) as { QueryResponse: { Invoice: Json[] } };
    expect(typeof spoiled.QueryResponse.Invoice[1]?.TotalAmt).toBe('string');
    expect(typeof spoiled.QueryResponse.Invoice[0]?.TotalAmt).toBe('number');
  });

  it('xml-fault: HTTP 200 with an XML IntuitResponse fault, though JSON was asked for', async () => {
    s.store.injectFaults({ kind: 'xml-fault', endpoint: 'GET /query' });
    const res = await invoices();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/xml/);
    const text = await res.text();
    expect(text).toMatch(/^<\?xml/);
    expect(text).toContain('<Fault type="SystemFault">');
  });

  it('can be queued at /__sandbox/faults, which refuses a spec it cannot read', async () => {
    const queued = await fetch(`${s.url}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: '429', count: 3, endpoint: 'GET /cdc' }),
    });
    expect(queued.status).toBe(201);
    expect(s.store.pendingFaults()).toMatchObject([{ kind: '429', remaining: 3 }]);
    const bad = await fetch(`${s.url}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'gremlins' }),
    });
    expect(bad.status).toBe(400);
    const limits = await fetch(`${s.url}/__sandbox/limits`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ perMinute: 42 }),
    });
    expect(await limits.json()).toEqual({ limits: { perMinute: 42, concurrent: 10 } });
  });

  it('revoked: 401 from then on, and invalid_grant on refresh', async () => {
    s.store.injectFaults({ kind: 'revoked' });
    expect((await invoices()).status).toBe(401);
    expect((await invoices()).status).toBe(401);
    const refused = await fetch(s.tokenUrl, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${s.clientId}:${s.clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refresh }),
    });
    expect(await refused.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('lets another process pick the next identity and disconnect the company at /__sandbox', async () => {
    const put = (path: string, body: unknown) =>
      fetch(`${s.url}/__sandbox${path}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await put('/next-identity', { email: 'not-an-email' })).status).toBe(400);
    expect((await put('/next-identity', { email: 'kim@example.com', name: 'Kim Lee' })).status).toBe(204);
    const other = await connect(s);
    const info = (await (
      await fetch(s.userInfoUrl, { headers: { authorization: `Bearer ${other.access_token}` } })
    ).json()) as Json;
    expect(info).toMatchObject({ email: 'kim@example.com', givenName: 'Kim', familyName: 'Lee' });
    const revoked = await fetch(`${s.url}/__sandbox/connections/revoke?realmId=${s.realmId}`, {
      method: 'POST',
    });
    expect(revoked.status).toBe(204);
    expect((await apiCall(s, s.realmId, other.access_token, '/preferences')).status).toBe(401);
  });
});

describe('companies of any size', () => {
  const now = Date.parse('2026-11-24T18:00:00Z');

  it('builds 100,000 invoices (20,000 open), 150,000 payments and 10,000 customers that add up', () => {
    const data = generateCompany({
      seed: 3,
      now,
      invoices: 100_000,
      open: 20_000,
      payments: 150_000,
      contacts: 10_000,
    });
    const { app, store } = createQuickBooksSandboxApp({ company: { data }, now: () => new Date(now) });
    expect(app).toBeDefined();
    const counts = store.resourceCounts();
    expect(counts.invoices).toBe(100_000);
    expect(counts.contacts).toBe(10_000);
    const cash = [...data.payments.values()].filter((p) => p.total > 0 && p.lines.length > 0);
    expect(cash).toHaveLength(150_000);
    const open = [...store.company().data.invoices.values()].filter(
      (i) => !i.voided && i.total > (store.company().index.applied.get(i.id) ?? 0),
    );
    expect(open).toHaveLength(20_000);
    expect(store.checkInvariants()).toEqual([]);
  });

  it('serves its invoices in pages of 1000 with no overlap, and the same seed gives the same company', async () => {
    const size = { invoices: 5000, open: 1200, payments: 6000, contacts: 300 };
    const s = await startQuickBooksSandbox({ company: { size }, seed: 9, limits: false });
    try {
      const { access_token } = await connect(s);
      const seen = new Set<string>();
      for (let start = 1; start <= 5000; start += 1000) {
        const page = (await (
          await queryCall(
            s,
            s.realmId,
            access_token,
            `select * from Invoice startposition ${start} maxresults 1000`,
          )
        ).json()) as { QueryResponse: { Invoice: Invoice[] } };
        expect(page.QueryResponse.Invoice).toHaveLength(1000);
        for (const invoice of page.QueryResponse.Invoice) seen.add(invoice.Id);
      }
      expect(seen.size).toBe(5000);
      const again = generateCompany({ seed: 9, now: s.store.nowMs(), ...size });
      expect(again.realmId).toBe(s.realmId);
    } finally {
      await s.close();
    }
  });

  it('holds several companies, each reached only with its own connection', async () => {
    const s = await startQuickBooksSandbox({
      companies: ['demo', { size: { invoices: 20, open: 5, payments: 15, contacts: 4 } }],
      limits: false,
    });
    try {
      const other = [...s.store.companies.keys()][1] ?? '';
      s.store.useNextIdentity({ email: 'owner@second.example', realmId: other });
      const second = await connect(s);
      expect(second.realmId).toBe(other);
      expect((await apiCall(s, other, second.access_token, '/preferences')).status).toBe(200);
      expect((await apiCall(s, s.realmId, second.access_token, '/preferences')).status).toBe(403);
    } finally {
      await s.close();
    }
  });
});

describe('random changes keep the books whole', () => {
  it('holds every invariant after any sequence of payments, credits, voids and deletions', () => {
    const { store } = createQuickBooksSandboxApp({
      company: { size: { invoices: 60, open: 30, payments: 50, contacts: 8 } },
      limits: false,
    });
    const books = store.company();
    const ids = (map: Map<string, unknown>) => [...map.keys()];
    const step = fc.oneof(
      fc.record({ kind: fc.constant('pay'), pick: fc.nat(), cents: fc.integer({ min: 1, max: 50_000 }) }),
      fc.record({ kind: fc.constant('credit'), pick: fc.nat(), cents: fc.integer({ min: 1, max: 50_000 }) }),
      fc.record({ kind: fc.constant('unpay'), pick: fc.nat(), cents: fc.constant(0) }),
      fc.record({ kind: fc.constant('void'), pick: fc.nat(), cents: fc.constant(0) }),
      fc.record({ kind: fc.constant('overpay'), pick: fc.nat(), cents: fc.integer({ min: 1, max: 50_000 }) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 25 }), (steps) => {
        for (const { kind, pick, cents } of steps) {
          const invoiceIds = ids(books.data.invoices);
          const invoiceId = invoiceIds[pick % invoiceIds.length] ?? '1';
          const amount = (cents / 100).toFixed(2);
          try {
            if (kind === 'pay') store.recordPayment({ invoiceId, amount });
            if (kind === 'credit') store.creditInvoice({ invoiceId, amount });
            if (kind === 'void') store.voidInvoice(invoiceId);
            if (kind === 'unpay') {
              const paymentIds = ids(books.data.payments);
              store.deletePayment(paymentIds[pick % paymentIds.length] ?? '1');
            }
            if (kind === 'overpay') {
              const customer = books.data.invoices.get(invoiceId)?.customerId ?? '1';
              store.recordOverpayment({ contactId: customer, amount });
            }
          } catch (err) {
            if (!(err instanceof LedgerError)) throw err;
          }
        }
        expect(store.checkInvariants()).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });
});
