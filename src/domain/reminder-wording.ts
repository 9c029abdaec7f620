// What each stage says, in the product's voice: understanding first, clear about amounts and dates,
// an instalment plan offered once things get firmer, and a final notice that says what happens next
// without threatening anyone. Plain sentences only; layout and escaping belong to templates.ts.
import type { Tone } from './policy';
import { callWording, teamWordings } from './team-wording';
import { thanksWordings } from './thanks-wording';
import { count } from './text';
import {
  capitalise,
  howLate,
  INSTALMENTS,
  PAID_ALREADY,
  pastDue,
  subjectHowLate,
  theInvoices,
  type Wording,
} from './wording-facts';

export type { Wording, WordingFacts } from './wording-facts';

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

/** For key accounts: a check-in before any reminder, assuming the best. */
const checkIn: Wording = {
  audience: 'customer',
  salutation: 'Hi',
  subject: (f) =>
    f.singleNumber
      ? `Checking in about invoice ${f.singleNumber}`
      : `Checking in about ${count(f.invoiceCount, 'invoice')}`,
  opening: (f) => [
    `We're just checking in: ${f.singleNumber ? `invoice ${f.singleNumber} was` : 'the invoices below were'} ` +
      `due on ${f.earliestDue} and we haven't seen a payment yet. It may well be on its way, but if ` +
      "anything is holding it up, we'd be glad to help.",
  ],
  closing: () => [
    PAID_ALREADY,
    "If there's a question about an invoice, or a different date would suit you better, just reply.",
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

/** Template ids as used in policies. */
export const wordings: Readonly<Record<string, Wording>> = {
  friendly,
  'check-in': checkIn,
  polite,
  'polite-second': politeSecond,
  'firm-plan': firmPlan,
  final,
  ...teamWordings,
  ...thanksWordings,
};

/** A custom policy naming a template we do not have still gets wording in the right tone. */
export const wordingForTone: Readonly<Record<Tone, Wording>> = {
  friendly,
  polite,
  firm: firmPlan,
  final,
  escalation: callWording,
};
