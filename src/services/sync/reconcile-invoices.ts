// Reconciling the invoices a sync touched: what each one really still owes, what changed since we last
// looked (recorded as events), and where our figure and the platform's disagree (an issue a person
// sees, never a silent overwrite). Paid, voided and deleted invoices leave every pending reminder.
import { sql } from 'kysely';
import { mismatch, outstanding, transitions, type InvoiceEventKind } from '../../domain/reconcile';
import type { Db } from '../../db/database';
import { withdrawInvoicesFromPendingActions } from '../followups/withdraw';

const CHUNK = 2000;
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
      const events: { invoice_id: string; kind: InvoiceEventKind; detail: string; occurred_at: Date }[] = [];
      const issues: { invoice_id: string; computed: number; platform: number; noticed_at: Date }[] = [];
      const agreeing: string[] = [];
      const results: { id: string; outstanding: number; status: string; dueDate: string }[] = [];

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
        const changes = transitions(before, {
          status,
          outstanding: computed,
          total: invoice.total,
          dueDate: invoice.due_date,
        });
        for (const e of changes) {
          events.push({ invoice_id: invoice.id, kind: e.kind, detail: e.detail, occurred_at: now });
          summary.events[e.kind] = (summary.events[e.kind] ?? 0) + 1;
        }
        if (changes.some((e) => SETTLED.includes(e.kind)) || computed === 0) settled.push(invoice.id);

        const difference = status === 'draft' ? null : mismatch(computed, invoice.platform_amount_due);
        if (difference === null) agreeing.push(invoice.id);
        else
          issues.push({
            invoice_id: invoice.id,
            computed,
            platform: invoice.platform_amount_due,
            noticed_at: now,
          });
        results.push({ id: invoice.id, outstanding: computed, status, dueDate: invoice.due_date });
      }

      // Set-based writes: a full sync reconciles a hundred thousand invoices, a round trip each would
      // dominate its time.
      if (events.length > 0) await trx.insertInto('invoice_events').values(events).execute();
      if (agreeing.length > 0)
        await trx.deleteFrom('reconciliation_issues').where('invoice_id', 'in', agreeing).execute();
      if (issues.length > 0) {
        summary.mismatches += issues.length;
        await trx
          .insertInto('reconciliation_issues')
          .values(issues)
          .onConflict((oc) =>
            oc.column('invoice_id').doUpdateSet((eb) => ({
              computed: eb.ref('excluded.computed'),
              platform: eb.ref('excluded.platform'),
            })),
          )
          .execute();
      }
      await sql`
        update invoices as i
        set outstanding = r.outstanding, reconciled_status = r.status, reconciled_due_date = r.due_date,
            needs_reconcile = false
        from unnest(${results.map((r) => r.id)}::uuid[], ${results.map((r) => r.outstanding)}::bigint[],
                    ${results.map((r) => r.status)}::text[], ${results.map((r) => r.dueDate)}::date[])
             as r(id, outstanding, status, due_date)
        where i.id = r.id`.execute(trx);
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
