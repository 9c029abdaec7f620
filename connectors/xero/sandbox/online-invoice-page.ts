// GET /online-invoices/{token}: the page a customer opens from a payment link. No authentication, as at
// Xero: the token in the link is the key. It names who is asking for money, for which invoice, how
// much and by when; "Pay now" only says that the sandbox takes no payments.
import { Router, type Response } from 'express';
import { centsText } from '../../shared/sandbox/money';
import { invoiceAmounts } from './ledger';
import { findOnlineInvoice } from './online-invoices';
import type { InvoiceRecord } from './records';
import type { SandboxStore } from './store';
import { dateMs } from './xero-dates';

/** The five characters that could end text or an attribute, as numeric character references. */
const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const longDate = new Intl.DateTimeFormat('en-NZ', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** `NZD 1,150.00`: exact cents, grouped for reading. */
function amountText(cents: number, currencyCode: string): string {
  const [whole = '0', fraction = '00'] = centsText(cents).split('.');
  return `${currencyCode} ${whole.replace(/\B(?=(\d{3})+$)/g, ',')}.${fraction}`;
}

const STYLE = `body{font-family:system-ui,sans-serif;background:#f4f6f8;margin:0;padding:2rem}
main{max-width:32rem;margin:auto;background:#fff;padding:2rem;border-radius:8px}
dt{color:#5b6670;margin-top:1rem}dd{margin:0;font-size:1.25rem}
button{margin-top:1.5rem;padding:.75rem 1.5rem;font-size:1rem;background:#13b5ea;color:#fff;border:0;border-radius:4px}`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(title)}</title><style>${STYLE}</style></head>
<body><main>
${body}
</main></body>
</html>
`;
}

function invoicePage(store: SandboxStore, invoice: InvoiceRecord): string {
  const organisation = store.data.organisation.name;
  const customer = store.data.contacts.get(invoice.contactId)?.name ?? '';
  const { amountDue } = invoiceAmounts(store.index, invoice);
  const payment =
    amountDue > 0
      ? `<button type="button" onclick="document.getElementById('no-payments').hidden=false">Pay now</button>
<p id="no-payments" role="status" hidden>This is the Xero sandbox: payments are not taken here.</p>`
      : '<p>Paid in full. Thank you.</p>';
  return page(
    `Invoice ${invoice.number} from ${organisation}`,
    `<p>${escape(organisation)}</p>
<h1>Invoice ${escape(invoice.number)}</h1>
<p>To ${escape(customer)}</p>
<dl>
<dt>Amount due</dt><dd>${escape(amountText(amountDue, invoice.currencyCode))}</dd>
<dt>Due date</dt><dd>${escape(longDate.format(dateMs(invoice.dueDate)))}</dd>
</dl>
${payment}`,
  );
}

function send(res: Response, status: number, html: string): void {
  res.status(status).set('Content-Type', 'text/html; charset=utf-8').send(html);
}

export function onlineInvoicePages(store: SandboxStore): Router {
  const router = Router();
  router.get('/:token', (req, res) => {
    const invoice = findOnlineInvoice(store, String(req.params.token));
    if (invoice) send(res, 200, invoicePage(store, invoice));
    else
      send(
        res,
        404,
        page(
          'Invoice not found',
          '<h1>This invoice could not be found</h1>\n<p>The link may be wrong, or the invoice is no longer available.</p>',
        ),
      );
  });
  return router;
}
