// Xero's online invoice: the public page where a customer views an approved sales invoice and pays
// it. Its address is stable per invoice, as at Xero, so a link sent in one reminder still works in the
// next; the token in it is a hash of the invoice id, so nothing has to be stored to hand it out.
import { createHash } from 'node:crypto';
import type { InvoiceRecord } from './records';
import type { SandboxStore } from './store';

/** Where the pages live, below the sandbox's base URL (Xero serves them from in.xero.com). */
export const ONLINE_INVOICE_PATH = '/online-invoices';

/** Xero's reason for keeping no online invoice for this one; null when it keeps one. */
export function whyNoOnlineInvoice(invoice: InvoiceRecord): string | null {
  if (invoice.type !== 'ACCREC') return 'Online invoices are only available for sales invoices';
  if (invoice.status !== 'AUTHORISED' && invoice.status !== 'PAID') {
    return 'Online invoices are only available for approved invoices';
  }
  return null;
}

export function onlineInvoiceToken(invoiceId: string): string {
  return createHash('sha256').update(`online-invoice:${invoiceId}`).digest('base64url').slice(0, 32);
}

export function onlineInvoiceUrl(store: SandboxStore, invoice: InvoiceRecord): string {
  return `${store.baseUrl}${ONLINE_INVOICE_PATH}/${onlineInvoiceToken(invoice.id)}`;
}

/** Token to invoice id, per store; built on first use and again when a token is missing from it. */
const tokenIndexes = new WeakMap<SandboxStore, Map<string, string>>();

function indexTokens(store: SandboxStore): Map<string, string> {
  const index = new Map([...store.data.invoices.keys()].map((id) => [onlineInvoiceToken(id), id]));
  tokenIndexes.set(store, index);
  return index;
}

/** The invoice whose online invoice this token opens, while Xero keeps one for it. */
export function findOnlineInvoice(store: SandboxStore, token: string): InvoiceRecord | undefined {
  let id = tokenIndexes.get(store)?.get(token);
  // An invoice created since the index was built is not in it yet.
  if (id === undefined) id = indexTokens(store).get(token);
  const invoice = id === undefined ? undefined : store.data.invoices.get(id);
  return invoice && whyNoOnlineInvoice(invoice) === null ? invoice : undefined;
}
