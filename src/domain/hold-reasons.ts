// Why a stage that was due did not go because of something the customer told us or something in the
// books: "not sent: Acme Ltd disputed INV-0204 on 3 Nov 2026". And the sentences for the actions those
// arrangements produce (a broken promise noted, an instalment reminder, a credit to allocate).
import { formatDate, formatEpochDay } from './dates';
import type { InstalmentStanding } from './arrangements';
import { formatMoney, type Minor } from './money';
import type { Dispute, PaymentPlan, PromiseToPay } from './planner-input';
import { invoiceNumbers, type ReasonInvoice, type SkipSubject } from './planner-reasons';
import { count } from './text';

const isOrAre = (invoices: readonly unknown[]) => (invoices.length === 1 ? 'is' : 'are');

export function disputeReason(debtorName: string, dispute: Dispute, invoice: ReasonInvoice): string {
  return (
    `not sent: ${debtorName} disputed ${invoice.number} on ${formatDate(dispute.raisedOn)} ` +
    `(${JSON.stringify(dispute.reason)}); reminders about it wait until the dispute is resolved`
  );
}

export function promiseReason(
  debtorName: string,
  promise: PromiseToPay,
  subject: SkipSubject,
  resumesDay: number,
): string {
  return (
    `not sent: ${debtorName} promised on ${formatDate(promise.madeOn)} to pay ${invoiceNumbers(subject.invoices)} ` +
    `by ${formatDate(promise.promisedFor)}; ${subject.label} waits until ${formatEpochDay(resumesDay)}`
  );
}

export function planReason(plan: PaymentPlan, next: InstalmentStanding, subject: SkipSubject): string {
  return (
    `not sent: ${invoiceNumbers(subject.invoices)} ${isOrAre(subject.invoices)} in the payment plan agreed on ` +
    `${formatDate(plan.agreedOn)}; instalment reminders replace ${subject.label} ` +
    `(instalment ${next.number} of ${next.count}, ${formatMoney(next.amount, plan.currency)}, due ${formatEpochDay(next.day)})`
  );
}

export function creditReason(
  debtorName: string,
  credit: Minor,
  currency: string,
  subject: SkipSubject,
): string {
  return (
    `not sent: ${debtorName} has ${formatMoney(credit, currency)} of unallocated credit; ` +
    `${subject.label} for ${invoiceNumbers(subject.invoices)} waits until it is allocated`
  );
}

export function smallBalanceReason(
  invoices: readonly (ReasonInvoice & { outstanding: Minor })[],
  threshold: Minor,
  currency: string,
): string {
  const limit = formatMoney(threshold, currency);
  const [only] = invoices;
  if (invoices.length === 1 && only) {
    return `not sent: ${only.number} owes only ${formatMoney(only.outstanding, currency)}, under the ${limit} small-balance tolerance`;
  }
  return `not sent: ${invoiceNumbers(invoices)} each owe less than the ${limit} small-balance tolerance`;
}

export function creditTaskReason(
  debtorName: string,
  credit: Minor,
  currency: string,
  invoices: readonly ReasonInvoice[],
): string {
  return (
    `${debtorName} has ${formatMoney(credit, currency)} of unallocated credit while ${invoiceNumbers(invoices)} ` +
    `${isOrAre(invoices)} open in ${currency.toUpperCase()}: allocate it, and chasing in ${currency.toUpperCase()} resumes on its own`
  );
}

export function brokenPromiseReason(
  promise: PromiseToPay,
  invoices: readonly ReasonInvoice[],
  graceDays: number,
): string {
  return (
    `promise of ${formatDate(promise.promisedFor)} not kept: ${invoiceNumbers(invoices)} still ` +
    `${invoices.length === 1 ? 'owes' : 'owe'} money ${count(graceDays, 'day')} after the promised date, so reminders resume`
  );
}

export function planLapsedReason(
  plan: PaymentPlan,
  missed: InstalmentStanding,
  invoices: readonly ReasonInvoice[],
): string {
  return (
    `instalment ${missed.number} of ${missed.count} (${formatMoney(missed.amount, plan.currency)}, due ` +
    `${formatEpochDay(missed.day)}) was missed: the payment plan agreed on ${formatDate(plan.agreedOn)} lapses ` +
    `and reminders resume for ${invoiceNumbers(invoices)}`
  );
}

export function instalmentReminderReason(
  plan: PaymentPlan,
  next: InstalmentStanding,
  daysBefore: number,
): string {
  return (
    `instalment ${next.number} of ${next.count} of the payment plan agreed on ${formatDate(plan.agreedOn)}, ` +
    `${formatMoney(next.amount, plan.currency)}, is due on ${formatEpochDay(next.day)}: its reminder goes ` +
    `${count(daysBefore, 'day')} before`
  );
}

export function thanksReason(
  payments: readonly { number: string; on: string; amount: Minor; remaining: Minor }[],
  currency: string,
): string {
  const parts = payments.map((p) =>
    p.remaining > 0
      ? `${formatMoney(p.amount, currency)} received for ${p.number} on ${formatDate(p.on)}, ${formatMoney(p.remaining, currency)} remaining`
      : `${p.number} paid in full on ${formatDate(p.on)}`,
  );
  const partly = payments.some((p) => p.remaining > 0);
  return `${parts.join('; ')}, after reminders: ${partly ? 'an acknowledgement stating what remains' : 'a thank-you'}`;
}
