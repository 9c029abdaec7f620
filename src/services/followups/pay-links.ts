// Each invoice's page where the customer can see it and pay online, as the books offer one (Xero's
// online invoice, QuickBooks' invoice link), for the reminder that lists it. Asked for once and kept,
// since the address does not change. A link the books cannot give just now (a timeout, the rate
// limit) is left out of this one message rather than holding the reminder back; it is asked for again
// the next time the invoice is listed.
import { isConnectorError } from '../../../connectors/shared/errors';
import type { ConnectionRecord } from '../../db/repositories/connections';
import { apiContext } from '../connection-tokens';
import type { AppContext } from '../context';

export interface LinkedInvoice {
  id: string;
  external_id: string;
  online_url: string | null;
}

/** Invoice id → the address, for those that have one. */
export async function payLinks(
  ctx: AppContext,
  connection: ConnectionRecord,
  invoices: readonly LinkedInvoice[],
): Promise<Map<string, string>> {
  const links = new Map<string, string>();
  const unknown: LinkedInvoice[] = [];
  for (const invoice of invoices) {
    if (invoice.online_url) links.set(invoice.id, invoice.online_url);
    else unknown.push(invoice);
  }
  if (unknown.length === 0) return links;
  const api = await apiContext(ctx, connection);
  const connector = ctx.connectors[connection.platform];
  for (const invoice of unknown) {
    let url: string | null;
    try {
      url = await connector.onlineInvoiceUrl(api, invoice.external_id);
    } catch (err) {
      if (!isConnectorError(err)) throw err;
      ctx.log.warn('no pay link for this reminder', { invoiceId: invoice.id, code: err.code });
      continue;
    }
    if (url === null) continue;
    links.set(invoice.id, url);
    await ctx.db.updateTable('invoices').set({ online_url: url }).where('id', '=', invoice.id).execute();
  }
  return links;
}
