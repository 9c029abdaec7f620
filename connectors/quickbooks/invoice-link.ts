// Where the customer views and pays an invoice online: QuickBooks' InvoiceLink. QuickBooks writes it
// only when the read asks for it (`include=invoiceLink`), the company takes payments online for that
// invoice and the invoice has a customer email address; otherwise there is no link, and none for an
// invoice QuickBooks no longer has.
import type { ApiContext } from '../types';
import { parseBody } from './read';
import type { RealmClient } from './realm-client';
import { uniqueQboIds } from './refetch';
import { invoiceLinkEnvelope } from './schemas';

export async function onlineInvoiceUrl(
  client: RealmClient,
  ctx: ApiContext,
  invoiceId: string,
): Promise<string | null> {
  uniqueQboIds([invoiceId], 'invoice');
  const what = `Invoice ${invoiceId} link`;
  const body = await client(ctx, {
    what,
    repeatable: true,
    nullIfNotFound: true,
    // node-quickbooks's read takes no query options: `include` rides on the checked id, axios adds '&…'.
    send: (qbo, callback) => qbo.getInvoice(`${invoiceId}?include=invoiceLink`, callback),
  });
  if (body === null) return null;
  return parseBody(invoiceLinkEnvelope, body, what).Invoice.InvoiceLink || null;
}
