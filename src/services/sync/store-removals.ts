// Writing what the platform removed without leaving a record to say so: deleted invoices and credits,
// and the rows of a platform payment that its newer copy no longer has (or all of them, once it is
// deleted). Removed rows are kept, marked deleted, so the invoice events can tell what happened; each
// statement is set-based and never lets a removal older than the row it would remove win. The rows to
// remove are found by probing the index with each removed id (`lateral … offset 0`), and only those
// rows are updated (`= any(array(…))`): see bulk-upsert.ts for why the shape matters.
import { sql } from 'kysely';
import type { CanonicalCredit, CanonicalPayment, Removal, Removals } from '../../../connectors/types';
import type { Db } from '../../db/database';
import { flagForReconcile } from './bulk-upsert';

/** The records a page or answer wrote: a payment's rows that it repeats are not removed. */
export interface Kept {
  payments: readonly CanonicalPayment[];
  credits: readonly CanonicalCredit[];
}

/** What a removal's id names: the row's own id, or the platform payment the row was read from. */
type RemovedBy = 'external_id' | 'platform_payment_id';

/**
 * The live rows of `table` that a list of removals names (by any of the `by` columns), that are not
 * newer than the removal and not among the rows kept: `(external_id, updated_at)`.
 */
function removedRows(
  table: 'invoices' | 'credits' | 'payments',
  connectionId: string,
  removals: readonly Removal[],
  by: readonly RemovedBy[],
  keptIds: readonly string[] = [],
) {
  const probes = by.map(
    (column) => sql`
      select t.external_id, t.remote_updated_at from ${sql.table(table)} t
      where t.connection_id = ${connectionId} and ${sql.ref(`t.${column}`)} = g.removed_id
        and t.status <> 'deleted'`,
  );
  return sql`
    select q.external_id, g.updated_at
    from unnest(${removals.map((r) => r.externalId)}::text[], ${removals.map((r) => r.updatedAt)}::timestamptz[])
      as g(removed_id, updated_at)
    cross join lateral (
      select * from (${sql.join(probes, sql` union all `)}) probed
      offset 0
    ) q
    where q.external_id <> all(${keptIds}::text[])
      and (g.updated_at is null or q.remote_updated_at <= g.updated_at)`;
}

/** The rows that `gone` (a removedRows CTE, joined as `g`) names, through the (connection, id) index. */
function goneRows(alias: string, gone: string, connectionId: string) {
  return sql`
    ${sql.ref(`${alias}.connection_id`)} = ${connectionId}
    and ${sql.ref(`${alias}.external_id`)} = any(array(select external_id from ${sql.table(gone)}))
    and ${sql.ref(`${alias}.external_id`)} = g.external_id`;
}

async function removeInvoices(trx: Db, connectionId: string, removals: readonly Removal[]): Promise<void> {
  if (removals.length === 0) return;
  await sql`
    with gone as materialized (${removedRows('invoices', connectionId, removals, ['external_id'])})
    update invoices i
    set status = 'deleted', platform_amount_due = 0, needs_reconcile = true,
        remote_updated_at = coalesce(g.updated_at, i.remote_updated_at)
    from gone g
    where ${goneRows('i', 'gone', connectionId)}`.execute(trx);
}

/**
 * Credit notes deleted, and what platform payments no longer carry: credit read off a payment, and a
 * payment's rows for invoices it no longer settles (all of them, once it is deleted). One statement,
 * since a QuickBooks payment page names every payment it holds.
 */
async function removeMoney(trx: Db, connectionId: string, removed: Removals, kept: Kept): Promise<void> {
  if (removed.credits.length === 0 && removed.payments.length === 0) return;
  const keptCredits = kept.credits.map((c) => c.externalId);
  const keptPayments = kept.payments.map((p) => p.externalId);
  await sql`
    with gone_credits as materialized (
      ${removedRows('credits', connectionId, removed.credits, ['external_id'])}
      union
      ${removedRows('credits', connectionId, removed.payments, ['platform_payment_id'], keptCredits)}
    ),
    marked_credits as (
      update credits c set status = 'deleted', remaining = 0,
        remote_updated_at = coalesce(g.updated_at, c.remote_updated_at)
      from gone_credits g where ${goneRows('c', 'gone_credits', connectionId)}
      returning c.id
    ),
    freed as (
      delete from credit_allocations a using marked_credits m where a.credit_id = m.id
      returning a.invoice_external_id
    ),
    gone_payments as materialized (
      ${removedRows('payments', connectionId, removed.payments, ['external_id', 'platform_payment_id'], keptPayments)}
    ),
    marked_payments as (
      update payments p set status = 'deleted', remote_updated_at = coalesce(g.updated_at, p.remote_updated_at)
      from gone_payments g where ${goneRows('p', 'gone_payments', connectionId)}
      returning p.invoice_external_id
    )
    ${flagForReconcile(
      connectionId,
      sql`select invoice_external_id from freed union select invoice_external_id from marked_payments`,
    )}`.execute(trx);
}

export async function storeRemovals(
  trx: Db,
  connectionId: string,
  removed: Removals | undefined,
  kept: Kept,
): Promise<void> {
  if (removed === undefined) return;
  await removeInvoices(trx, connectionId, removed.invoices);
  await removeMoney(trx, connectionId, removed, kept);
}
