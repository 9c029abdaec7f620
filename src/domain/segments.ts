// Customers by payment history, so each gets the policy that suits it: a customer who always pays is
// nudged gently when an invoice slips, a chronic late payer hears from us sooner. The segment is a
// default; a person can still pick a customer's policy by hand.
import { toEpochDay, type CalendarDate } from './dates';

export type Segment = 'new' | 'reliable' | 'occasional_late' | 'chronic_late';

export interface HistoryInvoice {
  dueDate: CalendarDate;
  /** The day it was paid in full; null while it is still owed. Voided invoices are left out. */
  paidOn: CalendarDate | null;
}

export interface PaymentRecord {
  segment: Segment;
  /** Invoices that came due in the 365 days before today. */
  counted: number;
  /** Of those, the ones paid (or still owed) more than LATE_AFTER_DAYS after their due date. */
  late: number;
  /** late / counted, 0 when nothing was counted. */
  shareLate: number;
  /** Mean days past due over the late invoices only, 0 when none was late. */
  averageDaysLate: number;
}

/** The last 12 months, as 365 days ending yesterday. */
export const HISTORY_DAYS = 365;
/**
 * Paid within 3 days of the due date counts as on time: a transfer made on the due date often reaches
 * the books only after a weekend or the next bank-feed reconciliation.
 */
export const LATE_AFTER_DAYS = 3;
/** Fewer invoices than this say too little about a customer to judge it. */
export const MIN_HISTORY = 3;

/** Which built-in policy each segment starts on. */
export const defaultSegmentPolicies: Readonly<Record<Segment, string>> = {
  new: 'standard',
  reliable: 'gentle',
  occasional_late: 'standard',
  chronic_late: 'firm',
};

/**
 * Exact definitions: an invoice counts when its due date falls in the 365 days before `today`
 * (today - 365 <= due < today). Its days late are (paid-on, or today while it is owed) minus the due
 * date, at least 0; it is late when that exceeds LATE_AFTER_DAYS.
 *   new             fewer than MIN_HISTORY invoices counted
 *   chronic_late    at least half late, or at least a quarter late by 30 days or more on average
 *   reliable        at most one in ten late
 *   occasional_late everything in between
 * Integer comparisons only, so a share on a boundary always lands on the same side.
 */
export function segmentOf(history: readonly HistoryInvoice[], today: CalendarDate): PaymentRecord {
  const todayDay = toEpochDay(today);
  let counted = 0;
  let late = 0;
  let daysLateOfLate = 0;
  for (const invoice of history) {
    const due = toEpochDay(invoice.dueDate);
    if (due >= todayDay || due < todayDay - HISTORY_DAYS) continue;
    counted += 1;
    const settled = invoice.paidOn === null ? todayDay : toEpochDay(invoice.paidOn);
    const daysLate = Math.max(0, settled - due);
    if (daysLate > LATE_AFTER_DAYS) {
      late += 1;
      daysLateOfLate += daysLate;
    }
  }
  return {
    segment: segmentFor(counted, late, daysLateOfLate),
    counted,
    late,
    shareLate: counted === 0 ? 0 : late / counted,
    averageDaysLate: late === 0 ? 0 : daysLateOfLate / late,
  };
}

function segmentFor(counted: number, late: number, daysLateOfLate: number): Segment {
  if (counted < MIN_HISTORY) return 'new';
  if (late * 2 >= counted || (late * 4 >= counted && daysLateOfLate >= 30 * late)) return 'chronic_late';
  if (late * 10 <= counted) return 'reliable';
  return 'occasional_late';
}
