import nock from 'nock';
import { ConnectorError } from '../../connectors/shared/errors';
import type { SyncCursor } from '../../connectors/types';
import { createXeroConnector, XERO_LIMITS } from '../../connectors/xero';
import { accountingApiFactory } from '../../connectors/xero/client';
import { withPlatformRetry } from '../../connectors/shared/platform-retry';
import { createTenantClient } from '../../connectors/xero/tenant-client';
import {
  ACCOUNTING,
  API,
  ORDER,
  RecordingLimiter,
  accounting,
  config,
  ctx,
  failure,
} from '../fixtures/xero/api';
import { guid, invoicesBody, rawInvoice } from '../fixtures/xero/records';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

const KEY = `xero:${ctx.tenantId}`;
const fresh: SyncCursor = { modifiedSince: null, nextPage: 1, highWater: null };
const INVOICES = { name: 'invoices', kind: 'invoices' } as const;
const firstInvoicePage = {
  where: 'Type=="ACCREC"',
  order: ORDER,
  page: '1',
  summaryOnly: 'true',
  pageSize: '1000',
};

function connectorWith(limiter: RecordingLimiter) {
  return createXeroConnector({ ...config, limiter });
}

describe('Xero calls within the tenant’s limits', () => {
  it('schedules every accounting call under the tenant’s key and reports the quota headers', async () => {
    const limiter = new RecordingLimiter();
    const scope = accounting()
      .get(`${ACCOUNTING}/Invoices`)
      .query(firstInvoicePage)
      .reply(200, invoicesBody([rawInvoice(1)]), {
        'X-MinLimit-Remaining': '57',
        'X-DayLimit-Remaining': '4990',
      })
      .get(`${ACCOUNTING}/Organisation`)
      .reply(
        200,
        { Organisations: [{ Name: 'Harbour Joinery', BaseCurrency: 'AUD', CountryCode: 'AU' }] },
        { 'X-DayLimit-Remaining': '4989', 'X-AppMinLimit-Remaining': '9999' },
      );
    const xero = connectorWith(limiter);
    await xero.pull(INVOICES, ctx, fresh);
    await xero.organisation(ctx);
    expect(limiter.scheduled).toEqual([
      { key: KEY, limits: XERO_LIMITS },
      { key: KEY, limits: XERO_LIMITS },
    ]);
    expect(XERO_LIMITS).toEqual({ perMinute: 60, concurrent: 5, perDay: 5000 });
    expect(limiter.observed).toEqual([
      { key: KEY, remaining: { minute: 57, day: 4990 } },
      { key: KEY, remaining: { day: 4989 } },
    ]);
    expect(scope.isDone()).toBe(true);
  });

  it('leaves app-level calls (/connections) out of the tenant’s budget', async () => {
    const limiter = new RecordingLimiter();
    const scope = nock(API).get('/connections').reply(200, []);
    await connectorWith(limiter).listTenants('user-token');
    expect(limiter.scheduled).toEqual([]);
    expect(scope.isDone()).toBe(true);
  });

  it('on a 429 with a short Retry-After holds the tenant off, waits, and repeats the call', async () => {
    const limiter = new RecordingLimiter();
    const scope = accounting()
      .get(`${ACCOUNTING}/Invoices`)
      .query(firstInvoicePage)
      .reply(429, '', {
        'Retry-After': '1',
        'X-Rate-Limit-Problem': 'minute',
        'X-MinLimit-Remaining': '0',
        'X-DayLimit-Remaining': '4200',
      })
      .get(`${ACCOUNTING}/Invoices`)
      .query(firstInvoicePage)
      .reply(200, invoicesBody([rawInvoice(1), rawInvoice(2)]), { 'X-MinLimit-Remaining': '59' });
    const started = Date.now();
    const pulled = await connectorWith(limiter).pull(INVOICES, ctx, fresh);
    const finished = Date.now();

    expect(pulled.page.records).toHaveLength(2);
    expect(finished - started).toBeGreaterThanOrEqual(1000);
    expect(limiter.holds).toHaveLength(1);
    expect(limiter.holds[0]?.key).toBe(KEY);
    expect(limiter.holds[0]?.untilMs).toBeGreaterThanOrEqual(started + 1000);
    expect(limiter.holds[0]?.untilMs).toBeLessThanOrEqual(finished + 1000);
    expect(limiter.scheduled).toHaveLength(2); // the repeat is scheduled like any call
    expect(limiter.observed.map((o) => o.remaining)).toEqual([{ minute: 0, day: 4200 }, { minute: 59 }]);
    expect(scope.isDone()).toBe(true);
  });

  it('on a 429 with a long Retry-After holds the tenant off and gives the wait back as rate_limited', async () => {
    const limiter = new RecordingLimiter();
    const scope = accounting()
      .get(`${ACCOUNTING}/Invoices`)
      .query(firstInvoicePage)
      .reply(429, '', { 'Retry-After': '120', 'X-Rate-Limit-Problem': 'minute' });
    const before = Date.now();
    const err = await failure(connectorWith(limiter).pull(INVOICES, ctx, fresh));
    expect(err.code).toBe('rate_limited');
    expect(err.details).toEqual({ status: 429, retryAfterMs: 120_000 });
    expect(limiter.holds).toHaveLength(1);
    expect(limiter.holds[0]?.untilMs).toBeGreaterThanOrEqual(before + 120_000);
    expect(limiter.scheduled).toHaveLength(1);
    expect(scope.isDone()).toBe(true);
  });

  it('passes the limiter’s own refusal straight back, without calling Xero or holding off', async () => {
    const limiter = new RecordingLimiter();
    const refusal = new ConnectorError(
      'rate_limited',
      `Rate limit for ${KEY}: the per-minute budget is spent`,
      {
        retryAfterMs: 20_000,
      },
    );
    limiter.refuseNext = refusal;
    await expect(connectorWith(limiter).pull(INVOICES, ctx, fresh)).rejects.toBe(refusal);
    expect(limiter.holds).toEqual([]);
    expect(limiter.scheduled).toHaveLength(1);
  });

  it('repeats a GET that met a 503', async () => {
    const limiter = new RecordingLimiter();
    const scope = accounting()
      .get(`${ACCOUNTING}/Invoices`)
      .query(firstInvoicePage)
      .reply(503, 'Service Unavailable')
      .get(`${ACCOUNTING}/Invoices`)
      .query(firstInvoicePage)
      .reply(200, invoicesBody([rawInvoice(1)]));
    const pulled = await connectorWith(limiter).pull(INVOICES, ctx, fresh);
    expect(pulled.page.records).toHaveLength(1);
    expect(limiter.scheduled).toHaveLength(2);
    expect(scope.isDone()).toBe(true);
  });

  it('repeats a history PUT that met a 503, because it carries its Idempotency-Key', async () => {
    const invoiceId = guid(42, 'aaaa');
    const scope = accounting({ 'idempotency-key': 'contact-17:invoice-42' })
      .put(`${ACCOUNTING}/Invoices/${invoiceId}/History`)
      .reply(503, 'Service Unavailable')
      .put(`${ACCOUNTING}/Invoices/${invoiceId}/History`)
      .reply(200, { HistoryRecords: [{ Details: 'Reminder sent.' }] });
    await connectorWith(new RecordingLimiter()).postNote(ctx, {
      invoiceExternalId: invoiceId,
      text: 'Reminder sent.',
      idempotencyKey: 'contact-17:invoice-42',
    });
    expect(scope.isDone()).toBe(true);
  });

  it('never repeats a PUT without an Idempotency-Key', async () => {
    const limiter = new RecordingLimiter();
    const client = createTenantClient(
      accountingApiFactory({ basePath: `${API}${ACCOUNTING}`, timeoutMs: 2000 }),
      limiter,
    );
    const invoiceId = guid(42, 'aaaa');
    const scope = nock(API, { badheaders: ['idempotency-key'] })
      .put(`${ACCOUNTING}/Invoices/${invoiceId}/History`)
      .reply(503, 'Service Unavailable');
    const err = await failure(
      client(ctx, {
        what: 'History note',
        repeatable: false,
        send: (api) =>
          api.createInvoiceHistory(ctx.tenantId, invoiceId, { historyRecords: [{ details: 'x' }] }),
      }),
    );
    expect(err.code).toBe('unavailable');
    expect(limiter.scheduled).toHaveLength(1);
    expect(scope.isDone()).toBe(true);
  });
});

describe('the retry policy', () => {
  const now = () => 1_000_000;

  function setup(repeatable = true) {
    const limiter = new RecordingLimiter();
    const slept: number[] = [];
    const sleep = async (ms: number) => {
      slept.push(ms);
    };
    return { limiter, slept, options: { limiter, key: KEY, repeatable, sleep, now } };
  }

  function failing(...errors: ConnectorError[]) {
    let calls = 0;
    const attempt = async () => {
      const next = errors[calls];
      calls += 1;
      if (next !== undefined) throw next;
      return 'ok';
    };
    return { attempt, calls: () => calls };
  }

  const tooMany = (retryAfterMs?: number) =>
    new ConnectorError(
      'rate_limited',
      'Invoices page 1: Xero rate limit reached',
      retryAfterMs === undefined ? { status: 429 } : { status: 429, retryAfterMs },
    );
  const down = (retryAfterMs?: number) =>
    new ConnectorError(
      'unavailable',
      'Invoices page 1: Xero answered 503',
      retryAfterMs === undefined ? { status: 503 } : { status: 503, retryAfterMs },
    );

  it('sits out at most three short 429s, then gives the wait back', async () => {
    const { options, slept, limiter } = setup();
    const { attempt, calls } = failing(tooMany(1000), tooMany(1000), tooMany(1000), tooMany(1000));
    await expect(withPlatformRetry(options, attempt)).rejects.toMatchObject({
      code: 'rate_limited',
      details: { retryAfterMs: 1000 },
    });
    expect(calls()).toBe(4);
    expect(slept).toEqual([1000, 1000, 1000]);
    expect(limiter.holds).toEqual(Array.from({ length: 4 }, () => ({ key: KEY, untilMs: 1_001_000 })));
  });

  it('sits out a Retry-After of 30 s, but not of 31 s', async () => {
    const short = setup();
    await expect(withPlatformRetry(short.options, failing(tooMany(30_000)).attempt)).resolves.toBe('ok');
    expect(short.slept).toEqual([30_000]);
    const long = setup();
    await expect(withPlatformRetry(long.options, failing(tooMany(31_000)).attempt)).rejects.toMatchObject({
      code: 'rate_limited',
    });
    expect(long.slept).toEqual([]);
  });

  it('repeats even a write after a 429: Xero refused it before doing anything', async () => {
    const { options } = setup(false);
    await expect(withPlatformRetry(options, failing(tooMany(1000)).attempt)).resolves.toBe('ok');
  });

  it('assumes the minute window when a 429 comes without Retry-After', async () => {
    const { options, limiter } = setup();
    await expect(withPlatformRetry(options, failing(tooMany()).attempt)).rejects.toMatchObject({
      code: 'rate_limited',
      details: { status: 429, retryAfterMs: 60_000 },
    });
    expect(limiter.holds).toEqual([{ key: KEY, untilMs: 1_060_000 }]);
  });

  it('repeats a repeatable call twice after 5xx or no answer, with a short backoff', async () => {
    const { options, slept } = setup();
    const { attempt, calls } = failing(down(), down(), down());
    await expect(withPlatformRetry(options, attempt)).rejects.toMatchObject({ code: 'unavailable' });
    expect(calls()).toBe(3);
    expect(slept).toEqual([500, 1500]);
  });

  it('honours a short Retry-After on a 503, and does not sit out a long one', async () => {
    const short = setup();
    await expect(withPlatformRetry(short.options, failing(down(5000)).attempt)).resolves.toBe('ok');
    expect(short.slept).toEqual([5000]);
    const long = setup();
    await expect(withPlatformRetry(long.options, failing(down(600_000)).attempt)).rejects.toMatchObject({
      code: 'unavailable',
    });
    expect(long.slept).toEqual([]);
  });

  it('never repeats a write that is not repeatable, nor a refused token', async () => {
    const write = setup(false);
    await expect(withPlatformRetry(write.options, failing(down()).attempt)).rejects.toMatchObject({
      code: 'unavailable',
    });
    expect(write.slept).toEqual([]);
    const expired = setup();
    const auth = new ConnectorError('auth_expired', 'Xero refused the access token', { status: 401 });
    const { attempt, calls } = failing(auth);
    await expect(withPlatformRetry(expired.options, attempt)).rejects.toBe(auth);
    expect(calls()).toBe(1);
  });
});
