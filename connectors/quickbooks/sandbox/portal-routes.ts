// The page an invoice link opens: what the customer sees before paying online, with no sign-in. It
// names the company, the invoice number, what is still due and when; "Pay now" takes no money here,
// it only says so. An unknown token, or a deleted invoice's, is a 404 page.
import { Router, type Response } from 'express';
import { centsText, type Cents } from '../../shared/sandbox/money';
import type { CompanyBooks } from './company';
import { findByLinkToken } from './invoice-link';
import { invoiceBalance } from './ledger';
import type { InvoiceRecord } from './records';
import { escapeMarkup } from './responses';
import type { QuickBooksSandboxStore } from './store';

/** `USD 1,234.50`: the code first, so that dollars of two countries are not mistaken for each other. */
function money(cents: Cents, currency: string): string {
  const [whole = '0', fraction = '00'] = centsText(cents).split('.');
  return `${currency} ${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction}`;
}

function longDate(date: string, country: 'US' | 'CA'): string {
  const format = new Intl.DateTimeFormat(country === 'US' ? 'en-US' : 'en-CA', {
    dateStyle: 'long',
    timeZone: 'UTC',
  });
  return format.format(new Date(`${date}T00:00:00Z`));
}

function page(title: string, body: string): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeMarkup(title)}</title></head>`,
    '<body>',
    body,
    '<footer><p>QuickBooks Online sandbox: a local emulator. No money moves here.</p></footer>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function invoicePage(books: CompanyBooks, invoice: InvoiceRecord, notice: string | null): string {
  const { info } = books.data;
  const balance = invoiceBalance(books.index, invoice);
  const state = invoice.voided ? 'Voided' : balance > 0 ? null : 'Paid';
  const lines = [
    '<main>',
    `<h1>${escapeMarkup(info.name)}</h1>`,
    `<h2>Invoice ${escapeMarkup(invoice.docNumber)}</h2>`,
    '<dl>',
    `<dt>Balance due</dt><dd id="balance">${escapeMarkup(money(balance, invoice.currency))}</dd>`,
    `<dt>Due date</dt><dd><time datetime="${escapeMarkup(invoice.dueDate)}">${escapeMarkup(longDate(invoice.dueDate, info.country))}</time></dd>`,
    '</dl>',
    state === null
      ? '<form method="post"><button type="submit">Pay now</button></form>'
      : `<p id="state">${state}</p>`,
    notice === null ? '' : `<p id="notice" role="status">${escapeMarkup(notice)}</p>`,
    '</main>',
  ];
  return page(`Invoice ${invoice.docNumber} from ${info.name}`, lines.join('\n'));
}

const NOT_FOUND = page(
  'Invoice not found',
  '<main><h1>Invoice not found</h1><p>This invoice link is not valid, or the invoice no longer exists.</p></main>',
);

function sendHtml(res: Response, status: number, html: string): void {
  res.status(status).set('Cache-Control', 'no-store').type('html').send(html);
}

const NOTHING_CHARGED = 'Payments are not taken in the sandbox: nothing was charged.';

export function portalRouter(store: QuickBooksSandboxStore): Router {
  const router = Router();
  const answer = (token: string, res: Response, notice: string | null) => {
    const found = findByLinkToken(store.companies.values(), token);
    if (!found) sendHtml(res, 404, NOT_FOUND);
    else sendHtml(res, 200, invoicePage(found.books, found.invoice, notice));
  };
  router.get('/:token', (req, res) => answer(String(req.params.token), res, null));
  // "Pay now" posts here, and is told that no money moves.
  router.post('/:token', (req, res) => answer(String(req.params.token), res, NOTHING_CHARGED));
  return router;
}
