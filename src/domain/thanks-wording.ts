// Positive reinforcement, in the same voice: warm, brief, and about nothing but the payment. No
// upsell, no "while we have you": a thank-you that sells something is not a thank-you.
import { joinAnd } from './text';
import type { Wording, WordingFacts } from './wording-facts';

const paidNumbers = (f: WordingFacts) => joinAnd((f.payments ?? []).map((p) => p.number));
const onePayment = (f: WordingFacts) => (f.payments?.length === 1 ? f.payments[0] : undefined);

const thankYou: Wording = {
  audience: 'customer',
  salutation: 'Hi',
  listsInvoices: false,
  subject: (f) => {
    const only = onePayment(f);
    return only ? `Thank you: invoice ${only.number} is paid` : 'Thank you for your payments';
  },
  opening: (f) => {
    const only = onePayment(f);
    return [
      only
        ? `Thank you for your payment of ${only.received} for invoice ${only.number}, which is now paid in full. We appreciate it.`
        : `Thank you for your payments: ${paidNumbers(f)} are now paid in full. We appreciate it.`,
    ];
  },
  closing: () => ["There's nothing more you need to do."],
};

const partPayment: Wording = {
  audience: 'customer',
  salutation: 'Hi',
  listsInvoices: false,
  subject: (f) => {
    const only = onePayment(f);
    return only ? `Thank you for your payment towards invoice ${only.number}` : 'Thank you for your payments';
  },
  opening: (f) =>
    (f.payments ?? []).map((p) =>
      p.remaining
        ? `Thank you for your payment of ${p.received} towards invoice ${p.number}. We've applied it, and ${p.remaining} remains (due ${p.due}).`
        : `Thank you for your payment of ${p.received} for invoice ${p.number}, which is now paid in full.`,
    ),
  closing: () => [
    "If you'd like to talk about the remaining amount or its timing, just reply. We're happy to help.",
  ],
};

const instalmentReminder: Wording = {
  audience: 'customer',
  salutation: 'Hi',
  subject: (f) =>
    f.instalment
      ? `Reminder: instalment of ${f.instalment.amount} due on ${f.instalment.due}`
      : 'Reminder: your next instalment',
  opening: (f) => {
    const i = f.instalment;
    if (!i) return ['A quick reminder that the next instalment of your payment plan is coming up.'];
    const sofar = i.number > 1 ? ' Thank you for keeping to the plan so far.' : '';
    return [
      `A quick reminder that instalment ${i.number} of ${i.count} in your payment plan, ` +
        `${i.amount}, is due on ${i.due}.${sofar} The invoices the plan covers are below.`,
    ];
  },
  closing: () => [
    "If the date no longer works for you, just reply before then and we'll find one that does.",
  ],
};

export const thanksWordings: Readonly<Record<string, Wording>> = {
  'thank-you': thankYou,
  'part-payment': partPayment,
  'instalment-reminder': instalmentReminder,
};
