// The Xero connector's online invoice: the address a customer is sent to view and pay an invoice.
import nock from 'nock';
import { createXeroConnector } from '../../connectors/xero';
import { ACCOUNTING, accounting, config, ctx, failure } from '../fixtures/xero/api';
import { guid } from '../fixtures/xero/records';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

const invoiceId = guid(7, 'aaaa');
const path = `${ACCOUNTING}/Invoices/${invoiceId}/OnlineInvoice`;
const xero = () => createXeroConnector(config);

describe('the online invoice of an invoice', () => {
  it('is the URL Xero answers with', async () => {
    // The example of xero_accounting.yaml.
    const scope = accounting()
      .get(path)
      .reply(200, {
        Id: 'd20705fb-fe1c-4366-835b-98de7474da3c',
        Status: 'OK',
        ProviderName: 'Provider Name Example',
        DateTimeUTC: '/Date(1552331100745)/',
        OnlineInvoices: [
          { OnlineInvoiceUrl: 'https://in.xero.com/bCWCCfytGdTXoJam9HENWlQt07G6zcDaj4gQojHu' },
        ],
      });
    await expect(xero().onlineInvoiceUrl(ctx, invoiceId)).resolves.toBe(
      'https://in.xero.com/bCWCCfytGdTXoJam9HENWlQt07G6zcDaj4gQojHu',
    );
    expect(scope.isDone()).toBe(true);
  });

  it('is null when Xero lists none', async () => {
    accounting()
      .get(path)
      .reply(200, { Id: guid(1, 'ffff'), Status: 'OK', OnlineInvoices: [] });
    await expect(xero().onlineInvoiceUrl(ctx, invoiceId)).resolves.toBeNull();
  });

  it('is null when Xero refuses one with a ValidationException (a draft, a voided invoice)', async () => {
    const scope = accounting()
      .get(path)
      .reply(400, {
        ErrorNumber: 10,
        Type: 'ValidationException',
        Message: 'A validation exception occurred',
        Elements: [
          { ValidationErrors: [{ Message: 'Online invoices are only available for approved invoices' }] },
        ],
      });
    await expect(xero().onlineInvoiceUrl(ctx, invoiceId)).resolves.toBeNull();
    expect(scope.isDone()).toBe(true);
  });

  it('refuses an id that is not Xero’s without calling Xero', async () => {
    const err = await failure(xero().onlineInvoiceUrl(ctx, '../Contacts'));
    expect(err.code).toBe('rejected');
    expect(err.message).toBe('Not a Xero invoice id: "../Contacts"');
  });
});

describe('failures that are not “no online invoice”', () => {
  it('401 -> auth_expired', async () => {
    accounting()
      .get(path)
      .reply(401, { Type: null, Title: 'Unauthorized', Status: 401, Detail: 'TokenExpired' });
    const err = await failure(xero().onlineInvoiceUrl(ctx, invoiceId));
    expect(err.code).toBe('auth_expired');
    expect(err.message).toBe(
      `Online invoice for invoice ${invoiceId}: Xero refused the access token (401: TokenExpired)`,
    );
  });

  it('404 for an invoice Xero does not know -> rejected, not null', async () => {
    accounting().get(path).reply(404, "The resource you're looking for cannot be found");
    const err = await failure(xero().onlineInvoiceUrl(ctx, invoiceId));
    expect(err.code).toBe('rejected');
    expect(err.details.status).toBe(404);
  });

  it('429 with a long wait -> rate_limited, with the wait', async () => {
    accounting().get(path).reply(429, '', { 'Retry-After': '120', 'X-Rate-Limit-Problem': 'day' });
    const err = await failure(xero().onlineInvoiceUrl(ctx, invoiceId));
    expect(err.code).toBe('rate_limited');
    expect(err.details).toEqual({ status: 429, retryAfterMs: 120_000 });
  });

  it('500 -> unavailable, once the read has been tried three times', async () => {
    const scope = accounting().get(path).times(3).reply(500, 'An error occurred in Xero.');
    const err = await failure(xero().onlineInvoiceUrl(ctx, invoiceId));
    expect(err.code).toBe('unavailable');
    expect(err.details.status).toBe(500);
    expect(scope.isDone()).toBe(true);
  });

  it('a body that is not JSON, or a URL that is not a web address -> malformed_payload', async () => {
    accounting()
      .get(path)
      .reply(200, '{"OnlineInvoices": [{"OnlineInvoiceUrl": "https://in.xe', {
        'Content-Type': 'application/json',
      })
      .get(path)
      .reply(200, { OnlineInvoices: [{ OnlineInvoiceUrl: 'javascript:alert(1)' }] });
    const truncated = await failure(xero().onlineInvoiceUrl(ctx, invoiceId));
    expect(truncated.code).toBe('malformed_payload');
    expect(truncated.message).toContain('response body is not JSON');
    const hostile = await failure(xero().onlineInvoiceUrl(ctx, invoiceId));
    expect(hostile.code).toBe('malformed_payload');
    expect(hostile.message).toContain('OnlineInvoiceUrl');
  });
});
