// What each stage says, in the product's voice: understanding first, clear about amounts and dates,
// an instalment plan offered once things get firmer, and a final notice that says what happens next
// without threatening anyone. Plain sentences only; layout and escaping belong to templates.ts.
import type { Tone } from './policy';
import { count } from './text';

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
}

export interface Wording {
  /** 'team' wording briefs our own people (a task), so it carries no reply invitation. */
  audience: 'customer' | 'team';
  salutation: 'Hi' | 'Hello' | 'Dear';
  subject(f: WordingFacts): string;
  opening(f: WordingFacts): string[];
  closing(f: WordingFacts): string[];
}

const theInvoices = (f: WordingFacts) =>
  f.singleNumber ? `invoice ${f.singleNumber} is` : 'the invoices below are';
const late = (f: WordingFacts) => count(f.mostDaysOverdue, 'day');
/** "8 days overdue" for one invoice; for several, the oldest sets the figure and the wording says so. */
const howLate = (f: WordingFacts) =>
  f.singleNumber ? `${late(f)} overdue` : `overdue, the oldest by ${late(f)}`;
/** ", 8 days past the due date" for one invoice; "; the oldest is 8 days past its due date" for several. */
const pastDue = (f: WordingFacts) =>
  f.singleNumber ? `, ${late(f)} past the due date` : `; the oldest is ${late(f)} past its due date`;
const subjectHowLate = (f: WordingFacts) =>
  f.singleNumber
    ? `invoice ${f.singleNumber} is ${late(f)} overdue`
    : `${count(f.invoiceCount, 'invoice')} overdue`;

const PAID_ALREADY =
  "If you've already paid, thank you, and please reply with the payment details so we can match it up.";
const INSTALMENTS =
  "If paying the full amount at once is difficult right now, we're happy to arrange an instalment plan. " +
  "Reply with what you can manage and when, and we'll confirm the plan in writing.";

const friendly: Wording = {
  audience: 'customer',
  salutation: 'Hi',
  subject: (f) =>
    f.singleNumber
      ? `Friendly heads-up: invoice ${f.singleNumber} is due on ${f.earliestDue}`
      : `Friendly heads-up: ${count(f.invoiceCount, 'invoice')} due soon`,
  opening: (f) => [
    f.singleNumber
      ? `Just a friendly heads-up that invoice ${f.singleNumber} is due on ${f.earliestDue}. The details are below.`
      : `Just a friendly heads-up that the invoices below are due soon, the first on ${f.earliestDue}.`,
  ],
  closing: () => [
    'If payment is already on its way, thank you, and please ignore this note.',
    "If anything doesn't look right, or you need a copy of an invoice, just reply and we'll sort it out.",
  ],
};

const polite: Wording = {
  audience: 'customer',
  salutation: 'Hi',
  subject: (f) =>
    f.singleNumber
      ? `Reminder: invoice ${f.singleNumber} was due on ${f.earliestDue}`
      : `Reminder: ${count(f.invoiceCount, 'invoice')} now past due`,
  opening: (f) => [
    `We know things slip, so this is a gentle reminder that ${theInvoices(f)} now past due and we ` +
      "haven't received payment yet. Is everything all right?",
  ],
  closing: () => [
    PAID_ALREADY,
    "If there's a question about the invoice, or the timing is hard at the moment, just tell us. We're happy to help.",
  ],
};

const politeSecond: Wording = {
  audience: 'customer',
  salutation: 'Hi',
  subject: (f) => `Second reminder: ${subjectHowLate(f)}`,
  opening: (f) => [
    `We're following up on our earlier reminder: ${theInvoices(f)} still open${pastDue(f)}.`,
    "If something is holding payment up (a query about the invoice, or timing on your side), we'd much " +
      'rather hear from you than guess.',
  ],
  closing: () => [
    PAID_ALREADY,
    'Otherwise, please arrange payment of the total above, or reply to let us know when to expect it.',
  ],
};

const firmPlan: Wording = {
  audience: 'customer',
  salutation: 'Hello',
  subject: (f) => `${capitalise(subjectHowLate(f))}: can we help with a payment plan?`,
  opening: (f) => [
    `${capitalise(theInvoices(f))} now ${howLate(f)}, and we haven't been able to match a payment. ` +
      "We'd like to settle this together.",
  ],
  closing: () => [
    INSTALMENTS,
    'Otherwise, please arrange payment of the total above, or reply to let us know what is happening.',
    PAID_ALREADY,
  ],
};

const final: Wording = {
  audience: 'customer',
  salutation: 'Dear',
  subject: (f) => `Final notice: ${subjectHowLate(f)}`,
  opening: (f) => [
    `Despite our earlier reminders, ${theInvoices(f)} still unpaid${pastDue(f)}. ` +
      'This is our final reminder by email.',
  ],
  closing: () => [
    "What happens next: if we haven't received payment or heard from you, someone from our team will " +
      "call you to talk it through. If we still can't find a way forward together, we may refer the " +
      'matter to a mediation service or a collection agency, a step we would much rather avoid.',
    "An instalment plan is still possible: reply with what you can manage and when, and we'll confirm it in writing.",
    PAID_ALREADY,
  ],
};

const call: Wording = {
  audience: 'team',
  salutation: 'Hi',
  subject: (f) => `Call ${f.customerName}: ${subjectHowLate(f)}`,
  opening: (f) => [
    `${f.customerName} has not paid or replied after our reminders and final notice; ` +
      `the oldest invoice is ${late(f)} overdue. Please give them a call.`,
  ],
  closing: () => [
    'Start by asking how things are: there may be a query about an invoice or a cash-flow problem.',
    'Offer an instalment plan or a short extension, and confirm whatever you agree in writing.',
    'Only if no way forward can be agreed, consider mediation or a collection agency as a last resort.',
    'Log the call and its outcome so the next person knows where things stand.',
  ],
};

/** Template ids as used in policies. */
export const wordings: Readonly<Record<string, Wording>> = {
  friendly,
  polite,
  'polite-second': politeSecond,
  'firm-plan': firmPlan,
  final,
  call,
};

/** A custom policy naming a template we do not have still gets wording in the right tone. */
export const wordingForTone: Readonly<Record<Tone, Wording>> = {
  friendly,
  polite,
  firm: firmPlan,
  final,
  escalation: call,
};

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
