// Reconciling the invoices a sync touched: what each one really still owes, what changed since we last
// looked (recorded as events), and where our figure and the platform's disagree (an issue a person
// sees, never a silent overwrite). Paid, voided and deleted invoices leave every pending reminder.
import { mismatch, outstanding, transitions, type InvoiceEventKind } from '../../domain/reconcile';
import type { Db } from '../../db/database';
import { withdrawInvoicesFromPendingActions } from '../followups/withdraw';

const CHUNK = 500;
const SETTLED: InvoiceEventKind[] = ['paid', 'voided', 'deleted'];

export interface ReconcileSummary {
  reconciled: number;
  events: Partial<Record<InvoiceEventKind, number>>;
  mismatches: number;
}

type InvoiceStatus = Parameters<typeof outstanding>[0]['status'];

export async function reconcileFlaggedInvoices(
  db: Db,
  connectionId: string,
  now: Date,
): Promise<ReconcileSummary> {
  const summary: ReconcileSummary = { reconciled: 0, events: {}, mismatches: 0 };
  for (;;) {
    const done = await db.transaction().execute(async (trx) => {
      const invoices = await trx
        .selectFrom('invoices')
        .select([
          'id',
          'external_id',
          'status',
          'total',
          'due_date',
          'platform_amount_due',
          'outstanding',
          'reconciled_status',
          'reconciled_due_date',
        ])
        .where('connection_id', '=', connectionId)
        .where('needs_reconcile', '=', true)
        .orderBy('id')
        .limit(CHUNK)
        .forUpdate()
        .skipLocked()
        .execute();
      if (invoices.length === 0) return true;
      const externalIds = invoices.map((i) => i.external_id);
      const [payments, allocations] = await Promise.all([
        trx
          .selectFrom('payments')
          .select(['invoice_external_id', 'amount', 'status'])
          .where('connection_id', '=', connectionId)
          .where('invoice_external_id', 'in', externalIds)
          .execute(),
        trx
          .selectFrom('credit_allocations')
          .select(['invoice_external_id', 'amount'])
          .where('connection_id', '=', connectionId)
          .where('invoice_external_id', 'in', externalIds)
          .execute(),
      ]);
      const paymentsBy = groupBy(payments, (p) => p.invoice_external_id);
      const creditsBy = groupBy(allocations, (a) => a.invoice_external_id);
      const settled: string[] = [];

      for (const invoice of invoices) {
        const status = invoice.status as InvoiceStatus;
        const computed = outstanding(
          { status, total: invoice.total },
          paymentsBy.get(invoice.external_id) ?? [],
          creditsBy.get(invoice.external_id) ?? [],
        );
        const before =
          invoice.outstanding === null
            ? null
            : {
                status: (invoice.reconciled_status ?? status) as InvoiceStatus,
                outstanding: invoice.outstanding,
                total: invoice.total,
                dueDate: invoice.reconciled_due_date ?? invoice.due_date,
              };
        const events = transitions(before, {
          status,
          outstanding: computed,
          total: invoice.total,
          dueDate: invoice.due_date,
        });
        if (events.length > 0) {
          await trx
            .insertInto('invoice_events')
            .values(
              events.map((e) => ({
                invoice_id: invoice.id,
                kind: e.kind,
                detail: e.detail,
                occurred_at: now,
              })),
            )
            .execute();
        }
        for (const e of events) summary.events[e.kind] = (summary.events[e.kind] ?? 0) + 1;
        if (events.some((e) => SETTLED.includes(e.kind)) || computed === 0) settled.push(invoice.id);

        const difference = status === 'draft' ? null : mismatch(computed, invoice.platform_amount_due);
        if (difference === null) {
          await trx.deleteFrom('reconciliation_issues').where('invoice_id', '=', invoice.id).execute();
        } else {
          summary.mismatches += 1;
          await trx
            .insertInto('reconciliation_issues')
            .values({
              invoice_id: invoice.id,
              computed,
              platform: invoice.platform_amount_due,
              noticed_at: now,
            })
            .onConflict((oc) =>
              oc.column('invoice_id').doUpdateSet({ computed, platform: invoice.platform_amount_due }),
            )
            .execute();
        }
        await trx
          .updateTable('invoices')
          .set({
            outstanding: computed,
            reconciled_status: status,
            reconciled_due_date: invoice.due_date,
            needs_reconcile: false,
          })
          .where('id', '=', invoice.id)
          .execute();
      }
      await withdrawInvoicesFromPendingActions(trx, settled, 'invoice settled', now);
      summary.reconciled += invoices.length;
      return false;
    });
    if (done) return summary;
  }
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
