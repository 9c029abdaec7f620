// Fresh copies of chosen records, straight from Xero: before a reminder goes out (nobody is chased for
// an invoice paid an hour ago) and after a webhook said what changed. Invoices and Contacts take an
// `IDs=` list, sent in batches small enough to keep the URL short; CreditNotes takes none (see the
// spec), so credit notes are read one by one. A record Xero no longer has is simply absent.
import type { AccountingApi } from 'xero-node/dist/gen/api/accountingApi';
import { isConnectorError } from '../shared/errors';
import type {
  ApiContext,
  CanonicalContact,
  CanonicalCredit,
  CanonicalInvoice,
  ChangedIds,
  ChangedRecords,
} from '../types';
import type { XeroNodeCall } from './client';
import { uniqueXeroIds } from './ids';
import { parseEnvelope } from './parse';
import { XERO_IDS_PER_REQUEST } from './provider';
import { contactSource, creditNoteSource, invoiceSource } from './sources';
import { readPage, type ListSource } from './sync';
import type { TenantClient } from './tenant-client';

async function fetchInBatches<Raw extends { UpdatedDateUTC: string }, Out>(
  client: TenantClient,
  ctx: ApiContext,
  source: ListSource<Raw, Out>,
  ids: string[],
  send: (api: AccountingApi, batch: string[]) => XeroNodeCall,
): Promise<Out[]> {
  const fetched: Out[] = [];
  for (let start = 0; start < ids.length; start += XERO_IDS_PER_REQUEST) {
    const batch = ids.slice(start, start + XERO_IDS_PER_REQUEST);
    const what = `${source.resource} by id (batch ${start / XERO_IDS_PER_REQUEST + 1})`;
    const body = await client(ctx, { what, repeatable: true, send: (api) => send(api, batch) });
    const { records } = parseEnvelope(source.envelope, body, what);
    fetched.push(...readPage(source, records, what).kept);
  }
  return fetched;
}

function invoicesByIds(client: TenantClient, ctx: ApiContext, ids: string[]): Promise<CanonicalInvoice[]> {
  return fetchInBatches(client, ctx, invoiceSource, ids, (api, batch) =>
    api.getInvoices(ctx.tenantId, undefined, undefined, undefined, batch),
  );
}

function contactsByIds(client: TenantClient, ctx: ApiContext, ids: string[]): Promise<CanonicalContact[]> {
  // Archived contacts are asked for too: an archived debtor must reach us as archived, not as missing.
  return fetchInBatches(client, ctx, contactSource, ids, (api, batch) =>
    api.getContacts(ctx.tenantId, undefined, undefined, undefined, batch, undefined, true),
  );
}

async function creditNotesByIds(
  client: TenantClient,
  ctx: ApiContext,
  ids: string[],
): Promise<CanonicalCredit[]> {
  const credits: CanonicalCredit[] = [];
  for (const id of ids) {
    const what = `Credit note ${id}`;
    let body: unknown;
    try {
      body = await client(ctx, {
        what,
        repeatable: true,
        send: (api) => api.getCreditNote(ctx.tenantId, id),
      });
    } catch (err) {
      if (isConnectorError(err, 'rejected') && err.details.status === 404) continue;
      throw err;
    }
    const { records } = parseEnvelope(creditNoteSource.envelope, body, what);
    credits.push(...readPage(creditNoteSource, records, what).kept);
  }
  return credits;
}

export async function fetchInvoices(
  client: TenantClient,
  ctx: ApiContext,
  externalIds: string[],
): Promise<CanonicalInvoice[]> {
  return invoicesByIds(client, ctx, uniqueXeroIds(externalIds, 'invoice'));
}

/** Everything a webhook delivery named, contacts first as in a sync. */
export async function fetchChanged(
  client: TenantClient,
  ctx: ApiContext,
  ids: ChangedIds,
): Promise<ChangedRecords> {
  // Every id is checked before the first call, so that a bad one costs no quota.
  const contactIds = uniqueXeroIds(ids.contacts, 'contact');
  const invoiceIds = uniqueXeroIds(ids.invoices, 'invoice');
  const creditIds = uniqueXeroIds(ids.credits, 'credit note');
  const contacts = await contactsByIds(client, ctx, contactIds);
  const invoices = await invoicesByIds(client, ctx, invoiceIds);
  const credits = await creditNotesByIds(client, ctx, creditIds);
  // Xero sends no payment webhooks, so no payment ids arrive here; payments are polled.
  return { invoices, contacts, credits, payments: [] };
}
