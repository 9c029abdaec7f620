// Fresh copies of chosen records, straight from QuickBooks: before a reminder goes out and after a
// webhook said what changed. Each entity is read with `Id IN (…)` in batches, never one call per record;
// a record QuickBooks no longer has is absent from the answer, which is how a deletion shows here.
import { ConnectorError } from '../shared/errors';
import type { ApiContext, CanonicalCredit, CanonicalInvoice, ChangedIds, ChangedRecords } from '../types';
import { QBO_IDS_PER_QUERY } from './provider';
import { addRemovals, entityRecords, parseBody, readRecords } from './read';
import type { RealmClient } from './realm-client';
import { queryEnvelope } from './schemas';
import {
  creditMemoSource,
  criteria,
  customerSource,
  invoiceSource,
  nothingRemoved,
  paymentSource,
  type EntitySource,
  type Mapped,
} from './sources';

const QBO_ID = /^[0-9A-Za-z_-]{1,64}$/;

/** Every id is checked before the first call, so that a bad one costs no metered read. */
export function uniqueQboIds(ids: string[], what: string): string[] {
  const unique = [...new Set(ids)];
  const bad = unique.find((id) => !QBO_ID.test(id));
  if (bad !== undefined)
    throw new ConnectorError('rejected', `Not a QuickBooks ${what} id: ${JSON.stringify(bad)}`);
  return unique;
}

async function byIds<Raw, Out>(
  client: RealmClient,
  ctx: ApiContext,
  source: EntitySource<Raw, Out>,
  ids: string[],
): Promise<Mapped<Out>> {
  const fetched: Mapped<Out> = { records: [], credits: [], removed: nothingRemoved() };
  for (let start = 0; start < ids.length; start += QBO_IDS_PER_QUERY) {
    const batch = ids.slice(start, start + QBO_IDS_PER_QUERY);
    const what = `${source.entity} by id (batch ${start / QBO_IDS_PER_QUERY + 1})`;
    const inList = `Id IN (${batch.map((id) => `'${id}'`).join(', ')})`;
    const body = await client(ctx, {
      what,
      repeatable: true,
      send: source.query(criteria([source.always, inList], 1, batch.length)),
    });
    const query = parseBody(queryEnvelope, body, what);
    const raws = entityRecords(query.QueryResponse, source.entity, what);
    const mapped = readRecords(source, raws, what);
    fetched.records.push(...mapped.records);
    fetched.credits.push(...mapped.credits);
    addRemovals(fetched.removed, mapped.removed);
    const found = new Set(raws.map((raw) => (raw as { Id?: unknown }).Id));
    if (source.deletedAs === null) continue;
    for (const id of batch) {
      if (!found.has(id)) fetched.removed[source.deletedAs].push({ externalId: id, updatedAt: null });
    }
  }
  return fetched;
}

export async function fetchInvoices(
  client: RealmClient,
  ctx: ApiContext,
  externalIds: string[],
): Promise<CanonicalInvoice[]> {
  return (await byIds(client, ctx, invoiceSource, uniqueQboIds(externalIds, 'invoice'))).records;
}

/** Credit memos keep their QuickBooks ids; credits read off payments are refreshed with their payment. */
function creditMemoIds(ids: string[]): string[] {
  return uniqueQboIds(
    ids.filter((id) => !id.startsWith('payment-')),
    'credit memo',
  );
}

/** Everything a webhook delivery named, customers first as in a sync. */
export async function fetchChanged(
  client: RealmClient,
  ctx: ApiContext,
  ids: ChangedIds,
): Promise<ChangedRecords> {
  const customerIds = uniqueQboIds(ids.contacts, 'customer');
  const invoiceIds = uniqueQboIds(ids.invoices, 'invoice');
  const memoIds = creditMemoIds(ids.credits);
  const paymentIds = uniqueQboIds(ids.payments, 'payment');
  const contacts = await byIds(client, ctx, customerSource, customerIds);
  const invoices = await byIds(client, ctx, invoiceSource, invoiceIds);
  const memos = await byIds(client, ctx, creditMemoSource, memoIds);
  const payments = await byIds(client, ctx, paymentSource, paymentIds);
  const credits: CanonicalCredit[] = [...memos.records, ...payments.credits];
  const removed = nothingRemoved();
  for (const part of [invoices, memos, payments]) addRemovals(removed, part.removed);
  return {
    contacts: contacts.records,
    invoices: invoices.records,
    credits,
    payments: payments.records,
    removed,
  };
}
