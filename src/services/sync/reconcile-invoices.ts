// Reconciling the invoices a sync touched: what each one really still owes, what changed since we last
// looked (recorded as events), and where our figure and the platform's disagree (an issue a person
// sees, never a silent overwrite). Paid, voided and deleted invoices leave every pending reminder.
import { sql } from 'kysely';
import { mismatch, outstanding, transitions, type InvoiceEventKind } from '../../domain/reconcile';
import type { Db } from '../../db/database';
import { withdrawInvoicesFromPendingActions } from '../followups/withdraw';
import { commitWithoutFlush } from './commit-without-flush';

const CHUNK = 2000;
const SETTLED: InvoiceEventKind[] = ['paid', 'voided', 'deleted'];

export interface ReconcileSummary {
  reconciled: number;
  events: Partial<Record<InvoiceEventKind, number>>;
  mismatches: number;
}

type InvoiceStatus = Parameters<typeof outstanding>[0]['status'];

interface FlaggedInvoice {
  id: string;
  external_id: string;
  status: string;
  total: number;
  due_date: string;
  platform_amount_due: number;
  outstanding: number | null;
  reconciled_status: string | null;
  reconciled_due_date: string | null;
  /** Active payments' amounts; bigint arrays arrive as strings. */
  payments: (string | number)[];
  credits: (string | number)[];
}

export async function reconcileFlaggedInvoices(
  db: Db,
  connectionId: string,
  now: Date,
): Promise<ReconcileSummary> {
  const summary: ReconcileSummary = { reconciled: 0, events: {}, mismatches: 0 };
  for (;;) {
    const done = await db.transaction().execute(async (trx) => {
      await commitWithoutFlush(trx);
      // One read per chunk: each invoice with the money applied to it, gathered by Postgres through
      // the by-invoice indexes rather than shipped back as separate lists to be grouped here. Any
      // flagged invoices will do, in no order: sorting every flagged invoice for each chunk would
      // make a first sync's reconciliation quadratic, and `skip locked` never waits, so lock order
      // cannot deadlock.
      const { rows: invoices } = await sql<FlaggedInvoice>`
        select i.id, i.external_id, i.status, i.total, i.due_date, i.platform_amount_due, i.outstanding,
               i.reconciled_status, i.reconciled_due_date,
               array(select p.amount from payments p
                     where p.connection_id = i.connection_id and p.invoice_external_id = i.external_id
                       and p.status = 'active') as payments,
               array(select a.amount from credit_allocations a
                     where a.connection_id = i.connection_id and a.invoice_external_id = i.external_id)
                 as credits
        from invoices i
        where i.connection_id = ${connectionId} and i.needs_reconcile
        limit ${CHUNK}
        for update of i skip locked`.execute(trx);
      if (invoices.length === 0) return true;
      const settled: string[] = [];
      const events: { invoice_id: string; kind: InvoiceEventKind; detail: string; occurred_at: Date }[] = [];
      const issues: { invoice_id: string; computed: number; platform: number; noticed_at: Date }[] = [];
      const agreeing: string[] = [];
      const results: { id: string; outstanding: number; status: string; dueDate: string }[] = [];

      for (const invoice of invoices) {
        const status = invoice.status as InvoiceStatus;
        const computed = outstanding(
          { status, total: invoice.total },
          invoice.payments.map((amount) => ({ amount: Number(amount), status: 'active' as const })),
          invoice.credits.map((amount) => ({ amount: Number(amount) })),
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
        await sql`delete from reconciliation_issues where invoice_id = any(${agreeing}::uuid[])`.execute(trx);
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
