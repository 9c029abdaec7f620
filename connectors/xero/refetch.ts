// Fresh copies of chosen invoices, straight from Xero, so that nobody is chased for an invoice paid an
// hour ago. Ids go in `IDs=` batches small enough to keep the URL short.
import { ConnectorError } from '../shared/errors';
import type { ApiContext, CanonicalInvoice } from '../types';
import { rawBody, type AccountingApiFactory } from './client';
import { XERO_IDS_PER_REQUEST } from './provider';
import { parseEnvelope } from './parse';
import { invoicesPage } from './schemas';
import { invoiceSource, readPage } from './sync';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function fetchInvoices(
  api: AccountingApiFactory,
  ctx: ApiContext,
  externalIds: string[],
): Promise<CanonicalInvoice[]> {
  const ids = [...new Set(externalIds)];
  // A comma or anything else in an id would change the meaning of the IDs= list.
  const invalid = ids.find((id) => !GUID.test(id));
  if (invalid !== undefined)
    throw new ConnectorError('rejected', `Not a Xero invoice id: ${JSON.stringify(invalid)}`);

  const invoices: CanonicalInvoice[] = [];
  for (let start = 0; start < ids.length; start += XERO_IDS_PER_REQUEST) {
    const batch = ids.slice(start, start + XERO_IDS_PER_REQUEST);
    const what = `Invoices by id (batch ${start / XERO_IDS_PER_REQUEST + 1})`;
    const body = await rawBody(what, () =>
      api(ctx.accessToken).getInvoices(ctx.tenantId, undefined, undefined, undefined, batch),
    );
    const { records } = parseEnvelope(invoicesPage, body, what);
    invoices.push(...readPage(invoiceSource, records, what).kept);
  }
  return invoices;
}
