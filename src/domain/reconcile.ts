// What an invoice really still owes, computed from the money applied to it rather than trusted from
// the platform, and what changed since we last looked. The events drive the follow-up engine: a paid
// invoice leaves every pending reminder, a removed payment puts it back in play.
import { formatDate } from './dates';
import { assertMinor, formatMoney, sumMinor, type Minor } from './money';

export type InvoiceStatus = 'draft' | 'submitted' | 'authorised' | 'paid' | 'voided' | 'deleted';

export interface InvoiceFacts {
  status: InvoiceStatus;
  total: Minor;
  dueDate: string;
  /** The platform's own figure (Xero AmountDue, QuickBooks Balance). */
  amountDue: Minor;
}

export interface MoneyApplied {
  amount: Minor;
  status: 'active' | 'deleted';
}

/** Statuses under which nobody owes anything: the invoice was never issued or has been cancelled. */
const NOTHING_OWED: readonly InvoiceStatus[] = ['draft', 'voided', 'deleted'];

function appliedTo(payments: readonly MoneyApplied[], credits: readonly { amount: Minor }[]): Minor {
  return sumMinor([
    ...payments.filter((p) => p.status === 'active').map((p) => p.amount),
    ...credits.map((c) => c.amount),
  ]);
}

/**
 * Total less active payments and credit allocations (credit notes, overpayments, prepayments).
 * Never negative: money applied beyond the total is an over-application for a person to look at
 * (see `overApplied`), not a debt we owe the customer.
 */
export function outstanding(
  invoice: { status: InvoiceStatus; total: Minor },
  payments: readonly MoneyApplied[],
  credits: readonly { amount: Minor }[],
): Minor {
  if (NOTHING_OWED.includes(invoice.status)) return 0;
  return Math.max(0, assertMinor(invoice.total, 'invoice total') - appliedTo(payments, credits));
}

/** How much more was applied than the invoice's total; 0 when it adds up. */
export function overApplied(
  invoice: { status: InvoiceStatus; total: Minor },
  payments: readonly MoneyApplied[],
  credits: readonly { amount: Minor }[],
): Minor {
  if (NOTHING_OWED.includes(invoice.status)) return 0;
  return Math.max(0, appliedTo(payments, credits) - assertMinor(invoice.total, 'invoice total'));
}

/** Our figure less the platform's (positive: we think more is owed), or null when they agree. */
export function mismatch(computed: Minor, platformAmountDue: Minor): Minor | null {
  const difference = assertMinor(computed) - assertMinor(platformAmountDue);
  return difference === 0 ? null : difference;
}

export type InvoiceEventKind = 'paid' | 'part_paid' | 'voided' | 'deleted' | 'reopened' | 'due_date_changed';

export interface InvoiceSnapshot {
  status: InvoiceStatus;
  outstanding: Minor;
  total: Minor;
  dueDate: string;
  /** When known, event details name the amounts; without it they describe the change in words only. */
  currency?: string;
}

export interface InvoiceEvent {
  kind: InvoiceEventKind;
  detail: string;
}

const OPEN: readonly InvoiceStatus[] = ['submitted', 'authorised', 'paid'];

/**
 * The events between two reconciled views of one invoice, status events first. Payments are told
 * apart from edits by the money applied (total less outstanding): an invoice edited down to a smaller
 * total owes less without anyone having paid, and must not be thanked for a part payment.
 */
export function transitions(before: InvoiceSnapshot | null, after: InvoiceSnapshot): InvoiceEvent[] {
  if (before === null) return [];
  if (after.status === 'voided' || after.status === 'deleted') {
    return before.status === after.status ? [] : [{ kind: after.status, detail: `invoice ${after.status}` }];
  }
  if (!OPEN.includes(before.status) || !OPEN.includes(after.status)) return [];

  const events: InvoiceEvent[] = [];
  const money = (minor: Minor) => (after.currency ? formatMoney(minor, after.currency) : null);
  const appliedBefore = before.total - before.outstanding;
  const appliedAfter = after.total - after.outstanding;
  const owed = money(after.outstanding);

  if (before.outstanding > 0 && after.outstanding === 0) {
    const last = money(before.outstanding);
    events.push({ kind: 'paid', detail: last ? `paid in full; the last ${last} settled` : 'paid in full' });
  } else if (
    appliedAfter > appliedBefore &&
    after.outstanding > 0 &&
    after.outstanding < before.outstanding
  ) {
    const received = money(appliedAfter - appliedBefore);
    events.push({
      kind: 'part_paid',
      detail: received && owed ? `${received} received; ${owed} still owed` : 'part paid; some is still owed',
    });
  } else if (
    (appliedAfter < appliedBefore && after.outstanding > before.outstanding) ||
    (before.status === 'paid' && after.status === 'authorised')
  ) {
    const removed = money(appliedBefore - appliedAfter);
    events.push({
      kind: 'reopened',
      detail:
        appliedAfter < appliedBefore
          ? `a payment or credit${removed ? ` of ${removed}` : ''} was removed; ${owed ?? 'money'} is owed again`
          : 'marked unpaid again on the platform',
    });
  }
  if (before.dueDate !== after.dueDate) {
    events.push({
      kind: 'due_date_changed',
      detail: `due date moved from ${formatDate(before.dueDate)} to ${formatDate(after.dueDate)}`,
    });
  }
  return events;
}
