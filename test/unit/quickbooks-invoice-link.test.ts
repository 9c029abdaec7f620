// The link where a customer views and pays a QuickBooks invoice online: its InvoiceLink, asked for with
// `include=invoiceLink`, null when QuickBooks gives none or no longer has the invoice, and every other
// failure the usual typed error.
import nock from 'nock';
import { COMPANY, api, ctx, failure, qbo } from '../fixtures/quickbooks/api';
import { invoice } from '../fixtures/quickbooks/records';

const LINK = 'https://connect.intuit.com/portal/app/CommerceNetwork/view/scs-v1-5d3c0b6e2a4f4c1e9f';

/** The read of invoice 130, with the link asked for and the API version every call names. */
function readInvoice() {
  return api()
    .get(`${COMPANY}/invoice/130`)
    .query({ include: 'invoiceLink', minorversion: '75', format: 'json' });
}

const answer = (fields: Record<string, unknown> = {}) => ({
  Invoice: invoice(fields),
  time: '2026-11-24T02:00:00.000-08:00',
});

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('onlineInvoiceUrl', () => {
  it('is the invoice link QuickBooks gives when asked for it', async () => {
    const scope = readInvoice().reply(200, answer({ InvoiceLink: LINK }));
    await expect(qbo().onlineInvoiceUrl(ctx, '130')).resolves.toBe(LINK);
    expect(scope.isDone()).toBe(true);
  });

  it('is null when QuickBooks leaves the link out or empty (no online payment, no email address)', async () => {
    readInvoice()
      .reply(200, answer())
      .get(`${COMPANY}/invoice/130`)
      .query(true)
      .reply(200, answer({ InvoiceLink: '' }));
    await expect(qbo().onlineInvoiceUrl(ctx, '130')).resolves.toBeNull();
    await expect(qbo().onlineInvoiceUrl(ctx, '130')).resolves.toBeNull();
  });

  it('is null for an invoice QuickBooks no longer has (Object Not Found, code 610)', async () => {
    readInvoice().reply(400, {
      Fault: {
        Error: [
          {
            Message: 'Object Not Found',
            Detail:
              "Object Not Found : Something you're trying to use has been made inactive or is not found",
            code: '610',
            element: '',
          },
        ],
        type: 'ValidationFault',
      },
      time: '2026-11-24T02:00:00.000-08:00',
    });
    await expect(qbo().onlineInvoiceUrl(ctx, '130')).resolves.toBeNull();
  });

  it('a bad id is refused without a call', async () => {
    const err = await failure(qbo().onlineInvoiceUrl(ctx, '130?include=void'));
    expect(err.code).toBe('rejected');
    expect(err.message).toContain('Not a QuickBooks invoice id');
  });
});

describe('onlineInvoiceUrl failures', () => {
  it('401 -> auth_expired', async () => {
    readInvoice().reply(401, {
      fault: {
        error: [{ message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401', code: '3200' }],
        type: 'AUTHENTICATION',
      },
    });
    const err = await failure(qbo().onlineInvoiceUrl(ctx, '130'));
    expect(err.code).toBe('auth_expired');
    expect(err.message).toContain('Invoice 130 link');
  });

  it('429 -> rate_limited with the wait', async () => {
    readInvoice().reply(429, '', { 'Retry-After': '90' });
    const err = await failure(qbo().onlineInvoiceUrl(ctx, '130'));
    expect(err.code).toBe('rate_limited');
    expect(err.details.retryAfterMs).toBe(90_000);
  });

  it('500 -> unavailable, once the read has been repeated', async () => {
    const fault = {
      Fault: { Error: [{ Message: 'An application error', code: '10000' }], type: 'SystemFault' },
    };
    const scope = readInvoice().times(3).reply(500, fault);
    const err = await failure(qbo().onlineInvoiceUrl(ctx, '130'));
    expect(err.code).toBe('unavailable');
    expect(err.message).toContain('code 10000');
    expect(scope.isDone()).toBe(true);
  });

  it('a Fault in XML with HTTP 200 -> typed by its code, not a missing link', async () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><IntuitResponse xmlns="http://schema.intuit.com/finance/v3" time="2026-11-24T02:00:00-08:00">' +
      '<Fault type="ValidationFault"><Error code="4001"><Message>Invalid query</Message></Error></Fault></IntuitResponse>';
    readInvoice().reply(200, xml, { 'Content-Type': 'application/xml' });
    const err = await failure(qbo().onlineInvoiceUrl(ctx, '130'));
    expect(err.code).toBe('rejected');
    expect(err.message).toContain('code 4001');
  });

  it('a link that is not a web address -> malformed_payload', async () => {
    readInvoice().reply(200, answer({ InvoiceLink: 'javascript:alert(1)' }));
    const err = await failure(qbo().onlineInvoiceUrl(ctx, '130'));
    expect(err.code).toBe('malformed_payload');
    expect(err.message).toContain('InvoiceLink');
  });

  it('an answer without the invoice -> malformed_payload', async () => {
    readInvoice().reply(200, { time: '2026-11-24T02:00:00.000-08:00' });
    expect((await failure(qbo().onlineInvoiceUrl(ctx, '130'))).code).toBe('malformed_payload');
  });
});
