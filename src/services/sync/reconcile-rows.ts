// Reconciling a batch of invoices against the money applied to them: what each one really still owes,
// what changed since we last looked (recorded as events), and where our figure and the platform's
// disagree (an issue a person sees, never a silent overwrite). Paid, voided and deleted invoices leave
// every pending reminder. Used for the invoices a page brings (before they are written, so each row is
// written once) and for those flagged by changed payments and credits.
import { sql, type RawBuilder } from 'kysely';
import { mismatch, outstanding, transitions, type InvoiceEventKind } from '../../domain/reconcile';
import type { Db } from '../../db/database';
import { withdrawInvoicesFromPendingActions } from '../followups/withdraw';

const SETTLED: InvoiceEventKind[] = ['paid', 'voided', 'deleted'];

type InvoiceStatus = Parameters<typeof outstanding>[0]['status'];

export interface ReconcileSummary {
  reconciled: number;
  events: Partial<Record<InvoiceEventKind, number>>;
  mismatches: number;
}

export const emptyReconcileSummary = (): ReconcileSummary => ({ reconciled: 0, events: {}, mismatches: 0 });

export function addReconcileSummary(into: ReconcileSummary, more: ReconcileSummary): void {
  into.reconciled += more.reconciled;
  into.mismatches += more.mismatches;
  for (const [kind, n] of Object.entries(more.events) as [InvoiceEventKind, number][]) {
    into.events[kind] = (into.events[kind] ?? 0) + n;
  }
}

/** An invoice as the platform now has it, what we concluded last time, and the money applied to it. */
export interface InvoiceToReconcile {
  id: string;
  status: string;
  total: number;
  due_date: string;
  platform_amount_due: number;
  /** Null until the first reconciliation. */
  outstanding: number | null;
  reconciled_status: string | null;
  reconciled_due_date: string | null;
  /** Active payments' amounts; bigint arrays arrive as strings. */
  payments: readonly (string | number)[];
  credits: readonly (string | number)[];
}

export interface Reconciled {
  id: string;
  outstanding: number;
  status: string;
  dueDate: string;
}

export interface Reconciliation {
  results: Reconciled[];
  events: { invoice_id: string; kind: InvoiceEventKind; detail: string; occurred_at: Date }[];
  issues: { invoice_id: string; computed: number; platform: number; noticed_at: Date }[];
  agreeing: string[];
  settled: string[];
}

export function reconcileRows(invoices: readonly InvoiceToReconcile[], now: Date): Reconciliation {
  const out: Reconciliation = { results: [], events: [], issues: [], agreeing: [], settled: [] };
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
    for (const e of changes)
      out.events.push({ invoice_id: invoice.id, kind: e.kind, detail: e.detail, occurred_at: now });
    if (changes.some((e) => SETTLED.includes(e.kind)) || computed === 0) out.settled.push(invoice.id);
    const difference = status === 'draft' ? null : mismatch(computed, invoice.platform_amount_due);
    if (difference === null) out.agreeing.push(invoice.id);
    else
      out.issues.push({
        invoice_id: invoice.id,
        computed,
        platform: invoice.platform_amount_due,
        noticed_at: now,
      });
    out.results.push({ id: invoice.id, outstanding: computed, status, dueDate: invoice.due_date });
  }
  return out;
}

/** Keeps only what concerns these invoices (those actually written, when an older copy was refused). */
export function onlyFor(reconciliation: Reconciliation, ids: ReadonlySet<string>): Reconciliation {
  return {
    results: reconciliation.results.filter((r) => ids.has(r.id)),
    events: reconciliation.events.filter((e) => ids.has(e.invoice_id)),
    issues: reconciliation.issues.filter((i) => ids.has(i.invoice_id)),
    agreeing: reconciliation.agreeing.filter((id) => ids.has(id)),
    settled: reconciliation.settled.filter((id) => ids.has(id)),
  };
}

/**
 * Everything but the invoice rows themselves: events, issues raised or cleared, and settled invoices
 * withdrawn from pending reminders. Set-based: a first sync reconciles a hundred thousand invoices.
 */
export async function writeReconciliation(
  trx: Db,
  reconciliation: Reconciliation,
  now: Date,
): Promise<ReconcileSummary> {
  const { events, issues, agreeing, settled, results } = reconciliation;
  if (events.length > 0) await trx.insertInto('invoice_events').values(events).execute();
  if (agreeing.length > 0)
    await sql`delete from reconciliation_issues where invoice_id = any(${agreeing}::uuid[])`.execute(trx);
  if (issues.length > 0) {
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
  await withdrawInvoicesFromPendingActions(trx, settled, 'invoice settled', now);
  const summary: ReconcileSummary = { reconciled: results.length, events: {}, mismatches: issues.length };
  for (const e of events) summary.events[e.kind] = (summary.events[e.kind] ?? 0) + 1;
  return summary;
}

/**
 * The `payments` and `credits` columns of an InvoiceToReconcile: the amounts of the active payments and
 * of the credit allocations applied to the invoice with this connection and external id.
 */
export function appliedMoney(connectionId: RawBuilder<unknown>, externalId: RawBuilder<unknown>) {
  return sql`
    array(select p.amount from payments p
          where p.connection_id = ${connectionId} and p.invoice_external_id = ${externalId}
            and p.status = 'active') as payments,
    array(select a.amount from credit_allocations a
          where a.connection_id = ${connectionId} and a.invoice_external_id = ${externalId}) as credits`;
}
