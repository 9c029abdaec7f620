// Briefs for our own people when a stage is a task: what is owed, what was tried, and how to talk to
// the customer. Every brief starts from the customer's side (a query, a cash-flow problem) and keeps
// mediation and agencies as the last resort they are.
import { capitalise, late, subjectHowLate, type Wording, type WordingFacts } from './wording-facts';

const LOG_IT = 'Log the outcome so the next person knows where things stand.';
const ASK_FIRST =
  'Start by asking how things are: there may be a query about an invoice or a cash-flow problem.';

export const callWording: Wording = {
  audience: 'team',
  salutation: 'Hi',
  subject: (f) => `Call ${f.customerName}: ${subjectHowLate(f)}`,
  opening: (f) => [
    `${f.customerName} has not paid or replied after our reminders and final notice; ` +
      `the oldest invoice is ${late(f)} overdue. Please give them a call.`,
  ],
  closing: () => [
    ASK_FIRST,
    'Offer an instalment plan or a short extension, and confirm whatever you agree in writing.',
    'Only if no way forward can be agreed, consider mediation or a collection agency as a last resort.',
    'Log the call and its outcome so the next person knows where things stand.',
  ],
};

/** Key accounts hear from a person before the tone of any email firms. */
const checkInCall: Wording = {
  audience: 'team',
  salutation: 'Hi',
  subject: (f) => `Check in with ${f.customerName}: ${subjectHowLate(f)}`,
  opening: (f) => [
    `${f.customerName} is a key account, and the oldest invoice below is ${late(f)} overdue. ` +
      'Rather than another email, please give them a friendly call to check in.',
  ],
  closing: () => [
    ASK_FIRST,
    'If timing is the issue, offer a short extension or an instalment plan, and confirm it in writing.',
    LOG_IT,
  ],
};

const letter: Wording = {
  audience: 'team',
  salutation: 'Hi',
  subject: (f) => `Send a letter to ${f.customerName}: ${subjectHowLate(f)}`,
  opening: (f) => [
    `${f.customerName} has not paid or replied after our emails, a final notice and a call; the oldest ` +
      `invoice is ${late(f)} overdue. Please send a formal letter by post.`,
  ],
  closing: () => [
    'Keep it factual and courteous: what is owed, since when, and how to pay or get in touch.',
    'Offer an instalment plan again, and say that we would much rather agree a way forward than take it further.',
    'Log the letter with the date it was posted.',
  ],
};

/** `to` is the service as a sentence names it: "mediation", "a collection agency". */
const referral = (to: string, service: string): Wording => ({
  audience: 'team',
  salutation: 'Hi',
  subject: (f: WordingFacts) => `Consider ${to} for ${f.customerName}: ${subjectHowLate(f)}`,
  opening: (f: WordingFacts) => [
    `${capitalise(subjectHowLate(f))}, and our reminders and follow-ups have not resolved it. ` +
      `Please decide whether to refer the matter to ${service}.`,
  ],
  closing: () => [
    'This is a last resort. First check the history for a dispute, a promise or a part payment that changes the picture.',
    'If you go ahead, tell the customer in writing first, and offer once more to agree an instalment plan.',
    LOG_IT,
  ],
});

const allocateCredit: Wording = {
  audience: 'team',
  salutation: 'Hi',
  subject: (f) => `Allocate ${f.credit ?? 'the'} credit for ${f.customerName}`,
  opening: (f) => [
    `${f.customerName} has ${f.credit ?? 'some'} of unallocated credit (a credit note, an overpayment or a ` +
      'prepayment) while the invoices below are open. Reminders in this currency are on hold until it is allocated.',
  ],
  closing: () => [
    'Allocate the credit to the invoices it covers in the accounting system, or refund it if it is not meant for them.',
    'Reminders resume on their own once the balance is right.',
  ],
};

export const teamWordings: Readonly<Record<string, Wording>> = {
  call: callWording,
  'check-in-call': checkInCall,
  letter,
  mediation: referral('mediation', 'a mediation service'),
  agency: referral('a collection agency', 'a collection agency'),
  'allocate-credit': allocateCredit,
};
