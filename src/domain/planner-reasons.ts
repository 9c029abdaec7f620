// The sentences a bookkeeper reads next to each planned action or skip: which invoices, how late, and
// which rule of the policy applies. Written to be read in a log months later without the code.
import { addDays, daysBetween, formatDate } from './dates';
import type { Stage } from './policy';
import { count, listWithMore } from './text';

/** Beyond this many, a reason names the first few invoices and counts the rest. */
const INVOICES_NAMED = 10;

export interface ReasonInvoice {
  number: string;
  dueDate: string;
}

/** "INV-0012 is 8 days overdue (due 16 Nov 2026)", "INV-0031 is due in 3 days (27 Nov 2026)". */
export function invoiceStanding(invoice: ReasonInvoice, today: string): string {
  const late = daysBetween(invoice.dueDate, today);
  const due = formatDate(invoice.dueDate);
  if (late > 0) return `${invoice.number} is ${count(late, 'day')} overdue (due ${due})`;
  if (late === 0) return `${invoice.number} is due today (${due})`;
  return `${invoice.number} is due in ${count(-late, 'day')} (${due})`;
}

/** "'Second reminder' is due 7 days after the due date", "'Friendly heads-up' goes 3 days before". */
export function stageTiming(stage: Stage, round = 1): string {
  if (round > 1) {
    return `'${stage.name}' comes round again every ${count(stage.repeatEveryDays ?? 0, 'day')} (round ${round})`;
  }
  const days = stage.offset.days;
  if (stage.offset.from === 'previous_contact') {
    return `'${stage.name}' is due ${count(days, 'day')} after the previous contact`;
  }
  if (days < 0) return `'${stage.name}' goes ${count(-days, 'day')} before`;
  if (days === 0) return `'${stage.name}' goes on the due date`;
  return `'${stage.name}' is due ${count(days, 'day')} after the due date`;
}

export function invoiceNumbers(invoices: readonly ReasonInvoice[]): string {
  return listWithMore(
    invoices.map((i) => i.number),
    INVOICES_NAMED,
    'invoice',
  );
}

/**
 * Why a stage is planned. When the invoices are already past a later stage's date (first seen long
 * overdue), the reason says that nothing is skipped, so nobody wonders why a 60-day debt gets a
 * polite first reminder.
 */
export function actionReason(
  stage: Stage,
  invoices: readonly ReasonInvoice[],
  today: string,
  laterStage: Stage | undefined,
  round = 1,
): string {
  const standing = invoices.map((i) => invoiceStanding(i, today));
  const named = listWithMore(standing, INVOICES_NAMED, 'invoice');
  const later = laterStage?.offset.from === 'due' ? laterStage.offset.days : undefined;
  const catchingUp =
    later !== undefined && invoices.some((i) => daysBetween(addDays(i.dueDate, later), today) >= 0);
  const note = catchingUp ? '; no step is skipped, later ones follow in turn' : '';
  return `${named}: ${stageTiming(stage, round)}${note}`;
}

/** What a skip is about: "'Second reminder' for INV-0012", "the thank-you for INV-0012". */
export interface SkipSubject {
  label: string;
  invoices: readonly ReasonInvoice[];
}

const about = (s: SkipSubject) => `${s.label} for ${invoiceNumbers(s.invoices)}`;

export function gapReason(subject: SkipSubject, lastContactOn: string, minDays: number): string {
  const next = formatDate(addDays(lastContactOn, minDays));
  return (
    `waiting: last contact on ${formatDate(lastContactOn)}; at most one contact every ${count(minDays, 'day')}, ` +
    `so ${about(subject)} can go from ${next}`
  );
}

export function noAddressReason(debtorName: string, channel: 'email' | 'sms', subject: SkipSubject): string {
  const what = channel === 'email' ? 'email address' : 'mobile number';
  return `no ${what} for ${debtorName}: ${about(subject)} needs another way to reach them`;
}

export function suppressedReason(address: string, subject: SkipSubject): string {
  return (
    `not sent: ${address} opted out or bounced (it is on the suppression list): ` +
    `${about(subject)} needs another way to reach them`
  );
}

/** The existing wording says "one email a day" when both are emails; a text and an email are two channels. */
export function oneMessageADayReason(subject: SkipSubject, chosen: SkipSubject, bothEmail: boolean): string {
  const rule = bothEmail ? 'one email a day' : 'one message a day, never two channels on one day';
  return `${about(subject)} waits for the next contact: ${rule}, and today's is ${about(chosen)}`;
}

export function alreadyMessagedReason(subject: SkipSubject, lastMessageOn: string): string {
  return `${about(subject)} waits for the next contact: one message a day, and one went on ${formatDate(lastMessageOn)}`;
}
