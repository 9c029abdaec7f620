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
export function stageTiming(stage: Stage): string {
  if (stage.offsetDays < 0) return `'${stage.name}' goes ${count(-stage.offsetDays, 'day')} before`;
  if (stage.offsetDays === 0) return `'${stage.name}' goes on the due date`;
  return `'${stage.name}' is due ${count(stage.offsetDays, 'day')} after the due date`;
}

export function invoiceNumbers(invoices: readonly ReasonInvoice[]): string {
  return listWithMore(
    invoices.map((i) => i.number),
    INVOICES_NAMED,
    'invoice',
  );
}

/**
 * Why an action is planned. When the invoices are already past a later stage's date (first seen long
 * overdue), the reason says that nothing is skipped, so nobody wonders why a 60-day debt gets a
 * polite first reminder.
 */
export function actionReason(
  stage: Stage,
  invoices: readonly ReasonInvoice[],
  today: string,
  laterStage: Stage | undefined,
): string {
  const standing = invoices.map((i) => invoiceStanding(i, today));
  const named = listWithMore(standing, INVOICES_NAMED, 'invoice');
  const catchingUp =
    laterStage !== undefined &&
    invoices.some((i) => daysBetween(addDays(i.dueDate, laterStage.offsetDays), today) >= 0);
  const note = catchingUp ? '; no step is skipped, later ones follow in turn' : '';
  return `${named}: ${stageTiming(stage)}${note}`;
}

export function gapReason(
  stage: Stage,
  invoices: readonly ReasonInvoice[],
  lastContactOn: string,
  minDays: number,
): string {
  const next = formatDate(addDays(lastContactOn, minDays));
  return (
    `waiting: last contact on ${formatDate(lastContactOn)}; at most one contact every ${count(minDays, 'day')}, ` +
    `so '${stage.name}' for ${invoiceNumbers(invoices)} can go from ${next}`
  );
}

export function noEmailReason(debtorName: string, stage: Stage, invoices: readonly ReasonInvoice[]): string {
  return (
    `no email address for ${debtorName}: '${stage.name}' for ${invoiceNumbers(invoices)} ` +
    `needs another way to reach them`
  );
}

export function oneEmailADayReason(
  stage: Stage,
  invoices: readonly ReasonInvoice[],
  chosen: Stage,
  chosenInvoices: readonly ReasonInvoice[],
): string {
  return (
    `'${stage.name}' for ${invoiceNumbers(invoices)} waits for the next contact: one email a day, ` +
    `and today's is '${chosen.name}' for ${invoiceNumbers(chosenInvoices)}`
  );
}
