// What wording may say about a message, worked out once by templates.ts, and the phrases several
// wordings share. Plain sentences only; layout and escaping belong to templates.ts.
import { count } from './text';

export interface PaymentFact {
  number: string;
  /** "$500.00 NZD". */
  received: string;
  /** What the invoice still owes, or null when it is paid in full. */
  remaining: string | null;
  /** Human due date of the invoice. */
  due: string;
}

export interface WordingFacts {
  businessName: string;
  customerName: string;
  /** The invoice number when the message covers exactly one invoice. */
  singleNumber: string | null;
  invoiceCount: number;
  /** Human date of the earliest due date covered. */
  earliestDue: string;
  /** Days past due of the oldest invoice covered; 0 or less when none is overdue yet. */
  mostDaysOverdue: number;
  /** Thank-yous and acknowledgements: the payments they are about. */
  payments?: PaymentFact[];
  /** Instalment reminders: the instalment coming up. */
  instalment?: { number: number; count: number; amount: string; due: string };
  /** The allocate-credit task: the credit waiting, "$200.00 NZD". */
  credit?: string;
}

export interface Wording {
  /** 'team' wording briefs our own people (a task), so it carries no reply invitation. */
  audience: 'customer' | 'team';
  salutation: 'Hi' | 'Hello' | 'Dear';
  /** False when the message is not about money owed (a thank-you): no invoice table, no totals. */
  listsInvoices?: boolean;
  subject(f: WordingFacts): string;
  opening(f: WordingFacts): string[];
  closing(f: WordingFacts): string[];
}

export const theInvoices = (f: WordingFacts) =>
  f.singleNumber ? `invoice ${f.singleNumber} is` : 'the invoices below are';
export const late = (f: WordingFacts) => count(f.mostDaysOverdue, 'day');
/** "8 days overdue" for one invoice; for several, the oldest sets the figure and the wording says so. */
export const howLate = (f: WordingFacts) =>
  f.singleNumber ? `${late(f)} overdue` : `overdue, the oldest by ${late(f)}`;
/** ", 8 days past the due date" for one invoice; "; the oldest is 8 days past its due date" for several. */
export const pastDue = (f: WordingFacts) =>
  f.singleNumber ? `, ${late(f)} past the due date` : `; the oldest is ${late(f)} past its due date`;
export const subjectHowLate = (f: WordingFacts) =>
  f.singleNumber
    ? `invoice ${f.singleNumber} is ${late(f)} overdue`
    : `${count(f.invoiceCount, 'invoice')} overdue`;

export const PAID_ALREADY =
  "If you've already paid, thank you, and please reply with the payment details so we can match it up.";
export const INSTALMENTS =
  "If paying the full amount at once is difficult right now, we're happy to arrange an instalment plan. " +
  "Reply with what you can manage and when, and we'll confirm the plan in writing.";

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
