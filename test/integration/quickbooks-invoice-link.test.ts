// The link where a customer views and pays a QuickBooks invoice online, end to end: the connector asks
// the sandbox for the invoice's InvoiceLink, which it gives for an open invoice sent to an email
// address in a company that takes payments online; the link opens a page with the invoice on it.
import { createQuickBooksConnector } from '../../connectors/quickbooks';
import {
  apiCall,
  CONTROL_PATH,
  connect,
  startQuickBooksSandbox,
  type RunningQuickBooksSandbox,
} from '../../connectors/quickbooks/sandbox';
import type { AccountingConnector, ApiContext } from '../../connectors/types';

const NOW = Date.parse('2026-11-24T18:00:00.000Z');

let s: RunningQuickBooksSandbox;
let qbo: AccountingConnector;
let ctx: ApiContext;

beforeAll(async () => {
  s = await startQuickBooksSandbox({ now: () => new Date(NOW), limits: false });
  const tokens = await connect(s);
  ctx = { accessToken: tokens.access_token, tenantId: tokens.realmId };
  qbo = createQuickBooksConnector({
    clientId: s.clientId,
    clientSecret: s.clientSecret,
    urls: {
      api: s.url,
      authorize: s.authorizeUrl,
      token: s.tokenUrl,
      revoke: s.revokeUrl,
      userinfo: s.userInfoUrl,
    },
    timeoutMs: 5000,
  });
});
afterAll(() => s.close());
afterEach(() => s.store.setOnlinePayments(true));

/** A new invoice for a new customer, with or without an email address. */
function newInvoice(amount = '1234.50', email: string | null = 'accounts@harbourcafe.example') {
  const { ContactID } = s.store.createContact({ name: 'Harbour Cafe', ...(email ? { email } : {}) });
  return s.store.createInvoice({ contactId: ContactID, amount, dueDate: '2026-12-31' });
}

async function linkOf(invoiceId: string): Promise<string> {
  const link = await qbo.onlineInvoiceUrl(ctx, invoiceId);
  if (link === null) throw new Error(`Invoice ${invoiceId} has no link`);
  return link;
}

describe('the invoice link', () => {
  it('an open invoice sent to an email address has a link, the same on every read', async () => {
    const { InvoiceID } = newInvoice();
    const before = s.store.calls['GET /invoice/{id}'] ?? 0;
    const first = await linkOf(InvoiceID);
    expect(first).toMatch(new RegExp(`^${s.url}/portal/invoices/[0-9a-f]{32}$`));
    await expect(qbo.onlineInvoiceUrl(ctx, InvoiceID)).resolves.toBe(first);
    expect(s.store.calls['GET /invoice/{id}']).toBe(before + 2);
    // Another invoice has a link of its own.
    expect(await linkOf(newInvoice().InvoiceID)).not.toBe(first);
  });

  it('is only in the read that asks for it', async () => {
    const { InvoiceID } = newInvoice();
    const read = async (path: string) =>
      (
        (await (await apiCall(s, ctx.tenantId, ctx.accessToken, path)).json()) as {
          Invoice: Record<string, unknown>;
        }
      ).Invoice;
    const plain = await read(`/invoice/${InvoiceID}`);
    expect(plain.InvoiceLink).toBeUndefined();
    expect(plain.AllowOnlineCreditCardPayment).toBe(true);
    const asked = await read(`/invoice/${InvoiceID}?include=invoiceLink`);
    expect(asked.InvoiceLink).toBe(await linkOf(InvoiceID));
  });

  it('a paid invoice has none', async () => {
    const { InvoiceID } = newInvoice('300.00');
    await linkOf(InvoiceID);
    s.store.recordPayment({ invoiceId: InvoiceID, amount: '300.00' });
    await expect(qbo.onlineInvoiceUrl(ctx, InvoiceID)).resolves.toBeNull();
  });

  it('a part-paid invoice keeps its link', async () => {
    const { InvoiceID } = newInvoice('300.00');
    const link = await linkOf(InvoiceID);
    s.store.recordPayment({ invoiceId: InvoiceID, amount: '100.00' });
    await expect(qbo.onlineInvoiceUrl(ctx, InvoiceID)).resolves.toBe(link);
  });

  it('a voided invoice, and one for a customer without an email address, have none', async () => {
    const voided = newInvoice().InvoiceID;
    s.store.voidInvoice(voided);
    await expect(qbo.onlineInvoiceUrl(ctx, voided)).resolves.toBeNull();
    const unsent = newInvoice('80.00', null).InvoiceID;
    await expect(qbo.onlineInvoiceUrl(ctx, unsent)).resolves.toBeNull();
  });

  it('none once the company stops taking payments online, and back when it starts again', async () => {
    const { InvoiceID } = newInvoice();
    const link = await linkOf(InvoiceID);
    const turn = (enabled: boolean) =>
      fetch(`${s.url}${CONTROL_PATH}/online-payments`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ enabled }),
      });
    expect((await turn(false)).status).toBe(204);
    await expect(qbo.onlineInvoiceUrl(ctx, InvoiceID)).resolves.toBeNull();
    expect((await turn(true)).status).toBe(204);
    await expect(qbo.onlineInvoiceUrl(ctx, InvoiceID)).resolves.toBe(link);
  });

  it('an invoice QuickBooks no longer has has none, and its page is gone', async () => {
    const { InvoiceID } = newInvoice();
    const link = await linkOf(InvoiceID);
    s.store.deleteInvoice(InvoiceID);
    await expect(qbo.onlineInvoiceUrl(ctx, InvoiceID)).resolves.toBeNull();
    expect((await fetch(link)).status).toBe(404);
  });

  it('the demo company has links for its open invoices sent by email', async () => {
    const open = s.store
      .invoices()
      .find((i) => i.Balance > 0 && i.BillEmail !== undefined && i.CurrencyRef.value === 'USD');
    if (!open) throw new Error('The demo company has an open invoice sent by email');
    await expect(qbo.onlineInvoiceUrl(ctx, open.Id)).resolves.toMatch(/\/portal\/invoices\//);
  });
});

describe('the page a link opens', () => {
  it('shows the company, the invoice number, the balance with its currency and the due date', async () => {
    const { InvoiceID, InvoiceNumber } = newInvoice('1234.50');
    s.store.recordPayment({ invoiceId: InvoiceID, amount: '200.00' });
    const res = await fetch(await linkOf(InvoiceID));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('Bayview Sign &amp; Print');
    expect(html).toContain(`Invoice ${InvoiceNumber}`);
    expect(html).toContain('USD 1,034.50');
    expect(html).toContain('December 31, 2026');
    expect(html).toContain('Pay now');
  });

  it('"Pay now" takes no money: it says so, and the balance stays', async () => {
    const { InvoiceID } = newInvoice('90.00');
    const res = await fetch(await linkOf(InvoiceID), { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Payments are not taken in the sandbox');
    expect(s.store.invoice(InvoiceID)?.Balance).toBe(90);
  });

  it('a paid invoice opened later says it is paid, with nothing to pay', async () => {
    const { InvoiceID } = newInvoice('50.00');
    const link = await linkOf(InvoiceID);
    s.store.recordPayment({ invoiceId: InvoiceID, amount: '50.00' });
    const html = await (await fetch(link)).text();
    expect(html).toContain('USD 0.00');
    expect(html).toContain('Paid');
    expect(html).not.toContain('Pay now');
  });

  it('an unknown link is a 404 page, without a sign-in', async () => {
    const res = await fetch(`${s.url}/portal/invoices/${'0'.repeat(32)}`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Invoice not found');
  });
});
