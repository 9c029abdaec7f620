// Reconciling the invoices flagged because money applied to them changed (a payment, a credit note's
// allocation) while the invoice itself did not come with the sync; see reconcile-rows.ts for what
// reconciling means.
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { startBooksWrite } from './books-write';
import {
  addReconcileSummary,
  appliedMoney,
  emptyReconcileSummary,
  reconcileRows,
  writeReconciliation,
  type InvoiceToReconcile,
  type ReconcileSummary,
} from './reconcile-rows';

export type { ReconcileSummary } from './reconcile-rows';

const CHUNK = 2000;

export async function reconcileFlaggedInvoices(
  db: Db,
  connectionId: string,
  now: Date,
): Promise<ReconcileSummary> {
  const summary = emptyReconcileSummary();
  for (;;) {
    const done = await db.transaction().execute(async (trx) => {
      await startBooksWrite(trx, connectionId);
      // One read per chunk: each invoice with the money applied to it, gathered by Postgres through
      // the by-invoice indexes rather than shipped back as separate lists to be grouped here. Any
      // flagged invoices will do, in no order: sorting every flagged invoice for each chunk would
      // make a large reconciliation quadratic, and `skip locked` never waits, so lock order cannot
      // deadlock.
      const { rows: invoices } = await sql<InvoiceToReconcile>`
        select i.id, i.status, i.total, i.due_date, i.platform_amount_due, i.outstanding,
               i.reconciled_status, i.reconciled_due_date,
               ${appliedMoney(sql`i.connection_id`, sql`i.external_id`)}
        from invoices i
        where i.connection_id = ${connectionId} and i.needs_reconcile
        limit ${CHUNK}
        for update of i skip locked`.execute(trx);
      if (invoices.length === 0) return true;
      const reconciliation = reconcileRows(invoices, now);
      const { results } = reconciliation;
      await sql`
        update invoices as i
        set outstanding = r.outstanding, reconciled_status = r.status, reconciled_due_date = r.due_date,
            needs_reconcile = false
        from unnest(${results.map((r) => r.id)}::uuid[], ${results.map((r) => r.outstanding)}::bigint[],
                    ${results.map((r) => r.status)}::text[], ${results.map((r) => r.dueDate)}::date[])
             as r(id, outstanding, status, due_date)
        where i.id = r.id`.execute(trx);
      addReconcileSummary(summary, await writeReconciliation(trx, reconciliation, now));
      return false;
    });
    if (done) return summary;
  }
}
