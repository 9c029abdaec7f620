// The link QuickBooks gives a customer to view and pay an invoice online (Invoice.InvoiceLink, written
// when a read asks for it with `include=invoiceLink`): only for an open invoice with a customer email
// address, in a company that takes payments online. The same invoice always has the same link: its
// token is a short hash of realm and invoice, so a link handed out before a restart still opens.
import { createHash } from 'node:crypto';
import type { CompanyBooks } from './company';
import { invoiceBalance } from './ledger';
import type { InvoiceRecord } from './records';

export const PORTAL_PATH = '/portal/invoices';

const TOKEN = /^[0-9a-f]{32}$/;

export function invoiceLinkToken(realmId: string, invoiceId: string): string {
  return createHash('sha256').update(`${realmId}/${invoiceId}`).digest('hex').slice(0, 32);
}

/** Whether a read's `include` parameter (a comma-separated list, perhaps repeated) names the link. */
export function asksForInvoiceLink(include: unknown): boolean {
  return [include]
    .flat()
    .flatMap((value) => (typeof value === 'string' ? value.split(',') : []))
    .some((part) => part.trim().toLowerCase() === 'invoicelink');
}

/** The invoice's link at `baseUrl`, or undefined when QuickBooks would give none. */
export function invoiceLink(
  baseUrl: string,
  books: CompanyBooks,
  invoice: InvoiceRecord,
): string | undefined {
  const open = !invoice.voided && invoiceBalance(books.index, invoice) > 0;
  // BillEmail: the customer's address, copied onto the invoice when it was made.
  if (!open || !invoice.billEmail || !books.data.info.onlinePayments) return undefined;
  return `${baseUrl}${PORTAL_PATH}/${invoiceLinkToken(books.realmId, invoice.id)}`;
}

/** The company and invoice a link's token stands for; nothing for a deleted invoice. */
export function findByLinkToken(
  companies: Iterable<CompanyBooks>,
  token: string,
): { books: CompanyBooks; invoice: InvoiceRecord } | undefined {
  if (!TOKEN.test(token)) return undefined;
  for (const books of companies) {
    for (const invoice of books.data.invoices.values()) {
      if (invoiceLinkToken(books.realmId, invoice.id) === token) return { books, invoice };
    }
  }
  return undefined;
}
