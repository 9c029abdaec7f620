// Online invoices, end to end: the Xero connector asks the sandbox for an invoice's online invoice, as
// it asks Xero, and the customer opens the page it points to.
import { randomBytes } from 'node:crypto';
import type { ApiContext } from '../../connectors/types';
import { createXeroConnector } from '../../connectors/xero';
import type { XeroConnector } from '../../connectors/xero/connector';
import { startXeroSandbox, type RunningXeroSandbox, type XeroInvoice } from '../../connectors/xero/sandbox';

const REDIRECT_URI = 'http://127.0.0.1:4567/connect/xero/callback';

let sandbox: RunningXeroSandbox;
let xero: XeroConnector;
let ctx: ApiContext;

/** The connector's own OAuth round trip; the sandbox consents at once and redirects back. */
async function connect(): Promise<ApiContext> {
  const state = randomBytes(8).toString('hex');
  const codeVerifier = randomBytes(32).toString('base64url');
  const url = await xero.authorizationUrl({ state, codeVerifier, redirectUri: REDIRECT_URI });
  const consent = await fetch(url, { redirect: 'manual' });
  const callbackUrl = consent.headers.get('location') ?? '';
  const { tokens, tenants } = await xero.exchangeCode({
    callbackUrl,
    state,
    codeVerifier,
    redirectUri: REDIRECT_URI,
  });
  return { accessToken: tokens.accessToken, tenantId: tenants[0]?.tenantId ?? '' };
}

beforeAll(async () => {
  sandbox = await startXeroSandbox({ seed: 7, limits: false });
  xero = createXeroConnector({
    clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret,
    identityUrl: sandbox.identityUrl,
    apiUrl: sandbox.url,
    scopes: ['openid', 'offline_access', 'accounting.invoices.read'],
  });
  ctx = await connect();
});
afterAll(() => sandbox.close());

function salesInvoice(test: (invoice: XeroInvoice) => boolean): XeroInvoice {
  const found = sandbox.store.invoices().find((i) => i.Type === 'ACCREC' && test(i));
  if (!found) throw new Error('The demo organisation has no such invoice');
  return found;
}

/** What a person reads on the page: no tags, character references decoded. */
function visibleText(html: string): string {
  return html
    .replace(/<(style|script)[^>]*>[^<]*<\/\1>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

const owing = () => salesInvoice((i) => i.Status === 'AUTHORISED' && i.AmountDue > 0);

describe('an invoice’s online invoice through the connector', () => {
  it('is a stable address on the sandbox for an authorised invoice', async () => {
    const invoice = owing();
    const first = await xero.onlineInvoiceUrl(ctx, invoice.InvoiceID);
    const second = await xero.onlineInvoiceUrl(ctx, invoice.InvoiceID);
    expect(first).toMatch(new RegExp(`^${sandbox.url}/online-invoices/[A-Za-z0-9_-]+$`));
    expect(second).toBe(first);
    expect(sandbox.store.calls['GET /Invoices/{InvoiceID}/OnlineInvoice']).toBeGreaterThanOrEqual(2);
    const other = salesInvoice((i) => i.Status === 'PAID');
    expect(await xero.onlineInvoiceUrl(ctx, other.InvoiceID)).not.toBe(first);
  });

  it('is null for a draft, which Xero refuses with a ValidationException', async () => {
    const draft = salesInvoice((i) => i.Status === 'DRAFT');
    await expect(xero.onlineInvoiceUrl(ctx, draft.InvoiceID)).resolves.toBeNull();

    const raw = await fetch(`${sandbox.url}/api.xro/2.0/Invoices/${draft.InvoiceID}/OnlineInvoice`, {
      headers: { authorization: `Bearer ${ctx.accessToken}`, 'xero-tenant-id': ctx.tenantId },
    });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toMatchObject({
      Type: 'ValidationException',
      Elements: [
        { ValidationErrors: [{ Message: 'Online invoices are only available for approved invoices' }] },
      ],
    });
  });

  it('fails as an unknown invoice, not as "none", for an id the organisation does not have', async () => {
    await expect(xero.onlineInvoiceUrl(ctx, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
      code: 'rejected',
      details: { status: 404 },
    });
  });
});

describe('the page the customer opens', () => {
  it('names the organisation, the invoice, the amount due and the due date, and takes no payment', async () => {
    const invoice = owing();
    const url = (await xero.onlineInvoiceUrl(ctx, invoice.InvoiceID)) ?? '';
    // No token: it is the public page a customer's email links to.
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const page = visibleText(await res.text());
    const amount = invoice.AmountDue.toLocaleString('en', { minimumFractionDigits: 2 });
    expect(page).toContain(`Invoice ${invoice.InvoiceNumber}`);
    expect(page).toContain(`${invoice.CurrencyCode} ${amount}`);
    expect(page).toContain(sandbox.store.organisation().Name);
    const due = new Date(`${invoice.DueDateString}Z`);
    expect(page).toContain(due.toLocaleDateString('en-NZ', { dateStyle: 'long', timeZone: 'UTC' }));
    expect(page).toContain('Pay now');
    expect(page).toContain('payments are not taken here');
  });

  it('is gone once the invoice is voided, and unknown links find nothing', async () => {
    const invoice = owing();
    const url = (await xero.onlineInvoiceUrl(ctx, invoice.InvoiceID)) ?? '';
    sandbox.store.voidInvoice(invoice.InvoiceID);
    expect((await fetch(url)).status).toBe(404);
    await expect(xero.onlineInvoiceUrl(ctx, invoice.InvoiceID)).resolves.toBeNull();
    const unknown = await fetch(`${sandbox.url}/online-invoices/not-a-real-token`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('could not be found');
  });
});
