// Writing one page of canonical records. Each writer upserts by the platform's id in one statement per
// table, never lets an older copy overwrite a newer one, and flags the invoices whose money picture may
// have changed.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type {
  CanonicalContact,
  CanonicalCredit,
  CanonicalInvoice,
  CanonicalPayment,
  PulledPage,
} from '../../../connectors/types';
import { toE164 } from '../../../connectors/shared/phone';
import type { Db } from '../../db/database';
import { flagForReconcile, upsertByExternalId, type BulkColumn } from './bulk-upsert';
import {
  appliedMoney,
  emptyReconcileSummary,
  onlyFor,
  reconcileRows,
  writeReconciliation,
  type Reconciled,
  type ReconcileSummary,
} from './reconcile-rows';
import { storeRemovals } from './store-removals';

/** A number written without its country is in the organisation's. */
function contactColumns(country: string | null): BulkColumn<CanonicalContact>[] {
  return [
    { name: 'external_id', type: 'text', value: (c) => c.externalId },
    { name: 'name', type: 'text', value: (c) => c.name },
    { name: 'email', type: 'text', value: (c) => c.email },
    { name: 'first_name', type: 'text', value: (c) => c.firstName },
    { name: 'last_name', type: 'text', value: (c) => c.lastName },
    { name: 'persons', type: 'jsonb', value: (c) => JSON.stringify(c.persons) },
    { name: 'mobile', type: 'text', value: (c) => toE164(c.mobile, country) },
    { name: 'archived', type: 'boolean', value: (c) => c.archived },
    { name: 'remote_updated_at', type: 'timestamptz', value: (c) => c.updatedAt },
  ];
}

/** An invoice as it is written: the platform's copy, already reconciled (see storeInvoices). */
interface InvoiceRow {
  invoice: CanonicalInvoice;
  reconciled: Reconciled;
}

const INVOICE_COLUMNS: BulkColumn<InvoiceRow>[] = [
  { name: 'id', type: 'uuid', value: (r) => r.reconciled.id },
  { name: 'external_id', type: 'text', value: (r) => r.invoice.externalId },
  { name: 'contact_external_id', type: 'text', value: (r) => r.invoice.contactExternalId },
  { name: 'number', type: 'text', value: (r) => r.invoice.number },
  { name: 'reference', type: 'text', value: (r) => r.invoice.reference },
  { name: 'currency', type: 'text', value: (r) => r.invoice.currency },
  { name: 'issue_date', type: 'date', value: (r) => r.invoice.issueDate },
  { name: 'due_date', type: 'date', value: (r) => r.invoice.dueDate },
  { name: 'status', type: 'text', value: (r) => r.invoice.status },
  { name: 'total', type: 'bigint', value: (r) => r.invoice.total },
  { name: 'platform_amount_due', type: 'bigint', value: (r) => r.invoice.amountDue },
  { name: 'remote_updated_at', type: 'timestamptz', value: (r) => r.invoice.updatedAt },
  { name: 'outstanding', type: 'bigint', value: (r) => r.reconciled.outstanding },
  { name: 'reconciled_status', type: 'text', value: (r) => r.reconciled.status },
  { name: 'reconciled_due_date', type: 'date', value: (r) => r.reconciled.dueDate },
  { name: 'needs_reconcile', type: 'boolean', value: () => false },
];

const PAYMENT_COLUMNS: BulkColumn<CanonicalPayment>[] = [
  { name: 'external_id', type: 'text', value: (p) => p.externalId },
  { name: 'invoice_external_id', type: 'text', value: (p) => p.invoiceExternalId },
  { name: 'amount', type: 'bigint', value: (p) => p.amount },
  { name: 'currency', type: 'text', value: (p) => p.currency },
  { name: 'paid_on', type: 'date', value: (p) => p.date },
  { name: 'status', type: 'text', value: (p) => p.status },
  // Only a payment of several rows is indexed by its platform payment; see migration 0013.
  {
    name: 'platform_payment_id',
    type: 'text',
    value: (p) => (p.platformPaymentId === p.externalId ? null : p.platformPaymentId),
  },
  { name: 'remote_updated_at', type: 'timestamptz', value: (p) => p.updatedAt },
];

const CREDIT_COLUMNS: BulkColumn<CanonicalCredit>[] = [
  { name: 'external_id', type: 'text', value: (c) => c.externalId },
  { name: 'kind', type: 'text', value: (c) => c.kind },
  { name: 'number', type: 'text', value: (c) => c.number },
  { name: 'contact_external_id', type: 'text', value: (c) => c.contactExternalId },
  { name: 'currency', type: 'text', value: (c) => c.currency },
  { name: 'credit_date', type: 'date', value: (c) => c.date },
  { name: 'status', type: 'text', value: (c) => c.status },
  { name: 'total', type: 'bigint', value: (c) => c.total },
  { name: 'remaining', type: 'bigint', value: (c) => c.remaining },
  { name: 'platform_payment_id', type: 'text', value: (c) => c.platformPaymentId },
  { name: 'remote_updated_at', type: 'timestamptz', value: (c) => c.updatedAt },
];

export async function storeContacts(trx: Db, connectionId: string, rows: CanonicalContact[]): Promise<void> {
  if (rows.length === 0) return;
  const { country_code: country } = await trx
    .selectFrom('connections')
    .select('country_code')
    .where('id', '=', connectionId)
    .executeTakeFirstOrThrow();
  await upsertByExternalId({
    table: 'contacts',
    connectionId,
    columns: contactColumns(country),
    rows,
  }).execute(trx);
}

/** What is held for an invoice of a page, if anything, and the money applied to it so far. */
interface HeldInvoice {
  external_id: string;
  id: string | null;
  outstanding: number | null;
  reconciled_status: string | null;
  reconciled_due_date: string | null;
  payments: (string | number)[];
  credits: (string | number)[];
}

/**
 * Invoices are written already reconciled: what is held for them and the money applied (payments and
 * credits are synced before invoices) is read first, so each row is written once rather than inserted
 * and then updated by a reconciliation pass. Only the rows actually written (not an older copy than
 * the one held) get their events and issues.
 */
export async function storeInvoices(
  trx: Db,
  connectionId: string,
  rows: CanonicalInvoice[],
  now: Date,
): Promise<ReconcileSummary> {
  if (rows.length === 0) return emptyReconcileSummary();
  const { rows: held } = await sql<HeldInvoice>`
    select n.external_id, i.id, i.outstanding, i.reconciled_status, i.reconciled_due_date,
           ${appliedMoney(sql`${connectionId}::uuid`, sql`n.external_id`)}
    from unnest(${rows.map((r) => r.externalId)}::text[]) as n(external_id)
    left join lateral (
      select id, outstanding, reconciled_status, reconciled_due_date from invoices
      where connection_id = ${connectionId} and external_id = n.external_id
      offset 0 -- a probe per id; see bulk-upsert.ts
    ) i on true`.execute(trx);
  const heldBy = new Map(held.map((h) => [h.external_id, h]));
  const reconciliation = reconcileRows(
    rows.map((invoice) => {
      const h = heldBy.get(invoice.externalId);
      return {
        id: h?.id ?? randomUUID(),
        status: invoice.status,
        total: invoice.total,
        due_date: invoice.dueDate,
        platform_amount_due: invoice.amountDue,
        outstanding: h?.outstanding ?? null,
        reconciled_status: h?.reconciled_status ?? null,
        reconciled_due_date: h?.reconciled_due_date ?? null,
        payments: h?.payments ?? [],
        credits: h?.credits ?? [],
      };
    }),
    now,
  );
  const invoiceRows = rows.map((invoice, i) => ({ invoice, reconciled: reconciliation.results[i]! }));
  const upsert = upsertByExternalId({
    table: 'invoices',
    connectionId,
    columns: INVOICE_COLUMNS,
    rows: invoiceRows,
  });
  const { rows: written } = await sql<{ id: string }>`${upsert} returning id`.execute(trx);
  const mine = onlyFor(reconciliation, new Set(written.map((w) => w.id)));
  // An invoice stored for the first time has no issue to clear and is in no reminder yet: in a first
  // sync that spares every page two statements that could find nothing.
  const stored = new Set(held.flatMap((h) => (h.id === null ? [] : [h.id])));
  return writeReconciliation(
    trx,
    {
      ...mine,
      agreeing: mine.agreeing.filter((id) => stored.has(id)),
      settled: mine.settled.filter((id) => stored.has(id)),
    },
    now,
  );
}

export async function storePayments(trx: Db, connectionId: string, rows: CanonicalPayment[]): Promise<void> {
  if (rows.length === 0) return;
  const ids = rows.map((p) => p.externalId);
  // A payment moved from one invoice to another must unsettle both: the CTEs all read the table as it
  // was before this statement, so `previous` still names the old invoice.
  await sql`
    with previous as (
      select (select p.invoice_external_id from payments p
              where p.connection_id = ${connectionId} and p.external_id = k.external_id) as invoice_external_id
      from unnest(${ids}::text[]) as k(external_id)
    ),
    written as (
      ${upsertByExternalId({ table: 'payments', connectionId, columns: PAYMENT_COLUMNS, rows })}
      returning invoice_external_id
    )
    ${flagForReconcile(
      connectionId,
      sql`select invoice_external_id from previous union select invoice_external_id from written`,
    )}`.execute(trx);
}

export async function storeCredits(trx: Db, connectionId: string, rows: CanonicalCredit[]): Promise<void> {
  if (rows.length === 0) return;
  const upsert = upsertByExternalId({ table: 'credits', connectionId, columns: CREDIT_COLUMNS, rows });
  // Only the credits actually written (not an older copy than the one held) get their allocations redone.
  const { rows: written } = await sql<{ id: string; external_id: string }>`
    ${upsert} returning id, external_id`.execute(trx);
  if (written.length === 0) return;
  const idOf = new Map(written.map((w) => [w.external_id, w.id]));
  const { rows: removed } = await sql<{ invoice_external_id: string }>`
    delete from credit_allocations where credit_id = any(${written.map((w) => w.id)}::uuid[])
    returning invoice_external_id`.execute(trx);
  // A voided or deleted credit note no longer reduces what its invoices owe.
  const allocations = rows.flatMap((credit) => {
    const creditId = idOf.get(credit.externalId);
    if (creditId === undefined || credit.status !== 'active') return [];
    return credit.allocations.map((a, position) => ({ creditId, position, ...a }));
  });
  if (allocations.length > 0) {
    await sql`
      insert into credit_allocations (credit_id, connection_id, invoice_external_id, amount, allocated_on, position)
      select r.credit_id, ${connectionId}::uuid, r.invoice_external_id, r.amount, r.allocated_on, r.position
      from unnest(${allocations.map((a) => a.creditId)}::uuid[], ${allocations.map((a) => a.invoiceExternalId)}::text[],
                  ${allocations.map((a) => a.amount)}::bigint[], ${allocations.map((a) => a.date)}::date[],
                  ${allocations.map((a) => a.position)}::int[])
           as r(credit_id, invoice_external_id, amount, allocated_on, position)`.execute(trx);
  }
  const touched = [
    ...removed.map((r) => r.invoice_external_id),
    ...allocations.map((a) => a.invoiceExternalId),
  ];
  if (touched.length > 0) {
    await flagForReconcile(connectionId, sql`select unnest(${[...new Set(touched)]}::text[])`).execute(trx);
  }
}

/** Writes one page; an invoice page reports what reconciling its invoices found. */
export async function storePulledPage(
  trx: Db,
  connectionId: string,
  pulled: PulledPage,
  now: Date,
): Promise<ReconcileSummary> {
  let reconciled = emptyReconcileSummary();
  switch (pulled.kind) {
    case 'contacts':
      await storeContacts(trx, connectionId, pulled.page.records);
      break;
    case 'invoices':
      reconciled = await storeInvoices(trx, connectionId, pulled.page.records, now);
      break;
    case 'payments':
      await storePayments(trx, connectionId, pulled.page.records);
      break;
    case 'credits':
      await storeCredits(trx, connectionId, pulled.page.records);
      break;
  }
  await storeCredits(trx, connectionId, pulled.credits ?? []);
  await storeRemovals(trx, connectionId, pulled.removed, {
    payments: pulled.kind === 'payments' ? pulled.page.records : [],
    credits: [...(pulled.kind === 'credits' ? pulled.page.records : []), ...(pulled.credits ?? [])],
  });
  return reconciled;
}
