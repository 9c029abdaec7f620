// Writing what the platform removed without leaving a record to say so: deleted invoices and credits,
// and the rows of a platform payment that its newer copy no longer has (or all of them, once it is
// deleted). Removed rows are kept, marked deleted, so the invoice events can tell what happened; each
// statement is set-based and never lets a removal older than the row it would remove win.
import { sql } from 'kysely';
import type { CanonicalCredit, CanonicalPayment, Removal, Removals } from '../../../connectors/types';
import type { Db } from '../../db/database';
import { flagForReconcile } from './bulk-upsert';

/** The records a page or answer wrote: a payment's rows that it repeats are not removed. */
export interface Kept {
  payments: readonly CanonicalPayment[];
  credits: readonly CanonicalCredit[];
}

function removalsTable(removals: readonly Removal[], idColumn: string) {
  return sql`unnest(${removals.map((r) => r.externalId)}::text[], ${removals.map((r) => r.updatedAt)}::timestamptz[])
    as g(${sql.ref(idColumn)}, updated_at)`;
}

async function removeInvoices(trx: Db, connectionId: string, removals: readonly Removal[]): Promise<void> {
  if (removals.length === 0) return;
  await sql`
    update invoices i
    set status = 'deleted', platform_amount_due = 0, needs_reconcile = true,
        remote_updated_at = coalesce(g.updated_at, i.remote_updated_at)
    from ${removalsTable(removals, 'external_id')}
    where i.connection_id = ${connectionId} and i.external_id = g.external_id and i.status <> 'deleted'
      and (g.updated_at is null or i.remote_updated_at <= g.updated_at)`.execute(trx);
}

async function removeCredits(trx: Db, connectionId: string, removed: Removals, kept: Kept): Promise<void> {
  if (removed.credits.length === 0 && removed.payments.length === 0) return;
  const keptIds = kept.credits.map((c) => c.externalId);
  // A credit memo deleted, and credit read off a payment that no longer carries it.
  await sql`
    with gone as (
      select c.id, g.updated_at from credits c, ${removalsTable(removed.credits, 'external_id')}
      where c.connection_id = ${connectionId} and c.external_id = g.external_id and c.status <> 'deleted'
        and (g.updated_at is null or c.remote_updated_at <= g.updated_at)
      union
      select c.id, g.updated_at from credits c, ${removalsTable(removed.payments, 'payment_id')}
      where c.connection_id = ${connectionId} and c.platform_payment_id = g.payment_id
        and c.status <> 'deleted' and c.external_id <> all(${keptIds}::text[])
        and (g.updated_at is null or c.remote_updated_at <= g.updated_at)
    ),
    marked as (
      update credits c set status = 'deleted', remaining = 0,
        remote_updated_at = coalesce(g.updated_at, c.remote_updated_at)
      from gone g where c.id = g.id
      returning c.id
    ),
    freed as (
      delete from credit_allocations a using marked m where a.credit_id = m.id
      returning a.invoice_external_id
    )
    ${flagForReconcile(connectionId, sql`select invoice_external_id from freed`)}`.execute(trx);
}

async function removePayments(trx: Db, connectionId: string, removals: readonly Removal[], kept: Kept) {
  if (removals.length === 0) return;
  const keptIds = kept.payments.map((p) => p.externalId);
  await sql`
    with marked as (
      update payments p set status = 'deleted', remote_updated_at = coalesce(g.updated_at, p.remote_updated_at)
      from ${removalsTable(removals, 'payment_id')}
      where p.connection_id = ${connectionId} and p.platform_payment_id = g.payment_id
        and p.status <> 'deleted' and p.external_id <> all(${keptIds}::text[])
        and (g.updated_at is null or p.remote_updated_at <= g.updated_at)
      returning p.invoice_external_id
    )
    ${flagForReconcile(connectionId, sql`select invoice_external_id from marked`)}`.execute(trx);
}

export async function storeRemovals(
  trx: Db,
  connectionId: string,
  removed: Removals | undefined,
  kept: Kept,
): Promise<void> {
  if (removed === undefined) return;
  await removeInvoices(trx, connectionId, removed.invoices);
  await removeCredits(trx, connectionId, removed, kept);
  await removePayments(trx, connectionId, removed.payments, kept);
}
