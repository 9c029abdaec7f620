// The sentence each kind of event leaves on the invoice in the books: what happened, when, by which
// channel and with whom. Built from parts, so contact-note.ts can shorten the parts that matter least.
import type { Channel } from './policy';
import type { Minor } from './money';

/** How something reached us or went out: a dispute by email, a promise by phone. */
export type NoteVia = 'email' | 'phone' | 'sms' | 'letter' | 'in person';

/** A stage's message or task. `kind` may be left out, as it was before the other kinds existed. */
export interface StageContactNote {
  kind?: 'contact';
  channel: Channel;
  stageName: string;
  recipient: string | null;
  date: string;
  invoiceNumbers: string[];
  amountDue?: { minor: Minor; currency: string };
}

export interface DisputeNote {
  kind: 'dispute';
  date: string;
  invoiceNumbers: string[];
  reason: string;
  /** Who raised it. */
  person: string | null;
  via: NoteVia;
}

export interface PromiseNote {
  kind: 'promise';
  date: string;
  promisedFor: string;
  invoiceNumbers: string[];
  person: string | null;
  via: NoteVia;
  amountDue?: { minor: Minor; currency: string };
}

export interface PaymentPlanNote {
  kind: 'payment_plan';
  date: string;
  invoiceNumbers: string[];
  person: string | null;
  via: NoteVia;
  instalmentCount: number;
  firstInstalmentOn: string;
  total: { minor: Minor; currency: string };
}

export interface PromiseBrokenNote {
  kind: 'promise_broken';
  date: string;
  promisedFor: string;
  invoiceNumbers: string[];
  amountDue?: { minor: Minor; currency: string };
}

export interface PlanLapsedNote {
  kind: 'plan_lapsed';
  date: string;
  missedDueDate: string;
  invoiceNumbers: string[];
  missedAmount: { minor: Minor; currency: string };
}

export interface CallNote {
  kind: 'call';
  date: string;
  invoiceNumbers: string[];
  /** Who was called. */
  person: string | null;
  /** What they said, in the caller's words. */
  outcome: string;
  /** How the call went, in a few words: 'reached', 'no answer'. */
  result?: string;
}

export interface ThanksNote {
  kind: 'thanks';
  date: string;
  invoiceNumbers: string[];
  recipient: string | null;
  /** For an acknowledgement of a part payment: what came in and what remains. */
  received?: { minor: Minor; currency: string };
  remaining?: { minor: Minor; currency: string };
}

export type ContactNoteInput =
  | StageContactNote
  | DisputeNote
  | PromiseNote
  | PaymentPlanNote
  | PromiseBrokenNote
  | PlanLapsedNote
  | CallNote
  | ThanksNote;

/**
 * The shortenable parts of a note, least important first: the invoice list, then the amount, then
 * free text (a dispute's reason, a call's outcome), then the person, then the stage name.
 */
export interface NoteParts {
  invoices: string;
  amount: string | null;
  detail: string | null;
  person: string | null;
  name: string;
}

export type NoteWriter = (p: NoteParts, date: string) => string;

const PREFIX = 'Goodwill:';
const covering = (p: NoteParts) => (p.invoices ? ` covering ${p.invoices}` : '');
const about = (p: NoteParts) => (p.invoices ? ` about ${p.invoices}` : '');
const quoted = (text: string | null) => (text ? `: "${text}"` : '');
const VIA: Record<NoteVia, string> = {
  email: 'by email',
  phone: 'by phone',
  sms: 'by text',
  letter: 'by letter',
  'in person': 'in person',
};

export function writerFor(input: ContactNoteInput): NoteWriter {
  switch (input.kind) {
    case undefined:
    case 'contact':
      return (p, date) => {
        const to = p.person ? ` to ${p.person}` : '';
        const what =
          input.channel === 'task'
            ? `task '${p.name}' opened for the team`
            : `'${p.name}' ${input.channel === 'sms' ? 'texted' : 'emailed'}${to}`;
        return `${PREFIX} ${what} on ${date}${covering(p)}${p.amount ? `; ${p.amount} due` : ''}.`;
      };
    case 'dispute':
      return (p, date) =>
        `${PREFIX} ${p.person ?? 'the customer'} disputed ${p.invoices || 'an invoice'} ${VIA[input.via]} on ${date}` +
        `${quoted(p.detail)}. Reminders paused until it is resolved.`;
    case 'promise':
      return (p, date) =>
        `${PREFIX} ${p.person ?? 'the customer'} promised ${VIA[input.via]} on ${date} to pay ${p.invoices || 'the invoices'}` +
        `${p.amount ? ` (${p.amount})` : ''} by ${p.name}. Reminders paused until then.`;
    case 'payment_plan':
      return (p, date) =>
        `${PREFIX} payment plan agreed${p.person ? ` with ${p.person}` : ''} ${VIA[input.via]} on ${date}${covering(p)}: ` +
        `${p.name}${p.amount ? `, ${p.amount} in all` : ''}. Instalment reminders replace overdue reminders.`;
    case 'promise_broken':
      return (p, date) =>
        `${PREFIX} promise to pay by ${p.name} not kept; ${p.invoices || 'the invoices'} still unpaid on ${date}` +
        `${p.amount ? ` (${p.amount} due)` : ''}. Reminders resume.`;
    case 'plan_lapsed':
      return (p, date) =>
        `${PREFIX} instalment${p.amount ? ` of ${p.amount}` : ''} due ${p.name} missed; payment plan lapsed on ${date}` +
        `${covering(p)}. Reminders resume.`;
    case 'call':
      return (p, date) =>
        `${PREFIX} called ${p.person ?? 'the customer'} on ${date}${about(p)}` +
        `${input.result ? ` (${input.result})` : ''}${quoted(p.detail)}.`;
    case 'thanks':
      return (p, date) => {
        const to = p.person ? ` to ${p.person}` : '';
        if (input.remaining) {
          return `${PREFIX} part payment acknowledged by email${to} on ${date}${covering(p)}${p.amount ? `; ${p.amount}` : ''}.`;
        }
        return `${PREFIX} thank-you for payment emailed${to} on ${date}${covering(p)}.`;
      };
  }
}
