// The note left on each invoice in the books after a contact or an arrangement, so the bookkeeper sees
// the collections story where they work. Platforms cap its length (Xero: 250 characters), and a note
// that does not fit is rejected, so it is shortened in the order that loses least: first the invoice
// list, then the amount, then free text, then the person, then the stage name, and only then the
// sentence itself.
import { formatDate } from './dates';
import { formatMoney, type Minor } from './money';
import { writerFor, type ContactNoteInput, type NoteParts } from './note-sentences';

export type {
  CallNote,
  ContactNoteInput,
  DisputeNote,
  NoteVia,
  PaymentPlanNote,
  PlanLapsedNote,
  PromiseBrokenNote,
  PromiseNote,
  StageContactNote,
  ThanksNote,
} from './note-sentences';

/** Shortened fields keep at least this many characters, so they stay recognisable. */
const KEEP = 12;

export function contactNote(input: ContactNoteInput, maxLength: number): string {
  const date = formatDate(input.date);
  const writer = writerFor(input);
  const write = (p: NoteParts) => writer(p, date);
  const fits = (p: NoteParts) => write(p).length <= maxLength;
  const numbers = input.invoiceNumbers;

  let parts = partsOf(input);
  for (let shown = numbers.length - 1; !fits(parts) && shown >= 1; shown--) {
    parts = { ...parts, invoices: shortList(numbers, shown) };
  }
  if (!fits(parts)) parts = { ...parts, amount: null };
  for (const field of ['detail', 'person', 'name'] as const) {
    const value = parts[field];
    if (!fits(parts) && value) parts = { ...parts, [field]: shorten(value, write(parts).length - maxLength) };
  }
  return ellipsis(write(parts), maxLength);
}

const money = (m: { minor: Minor; currency: string } | undefined) =>
  m ? formatMoney(m.minor, m.currency) : null;

function partsOf(input: ContactNoteInput): NoteParts {
  const invoices = input.invoiceNumbers.join(', ');
  switch (input.kind) {
    case undefined:
    case 'contact':
      return {
        invoices,
        amount: money(input.amountDue),
        detail: null,
        person: input.recipient,
        name: input.stageName,
      };
    case 'dispute':
      return { invoices, amount: null, detail: input.reason.trim() || null, person: input.person, name: '' };
    case 'promise':
      return {
        invoices,
        amount: money(input.amountDue),
        detail: null,
        person: input.person,
        name: formatDate(input.promisedFor),
      };
    case 'payment_plan':
      return {
        invoices,
        amount: money(input.total),
        detail: null,
        person: input.person,
        name: `${input.instalmentCount} instalment${input.instalmentCount === 1 ? '' : 's'} from ${formatDate(input.firstInstalmentOn)}`,
      };
    case 'promise_broken':
      return {
        invoices,
        amount: money(input.amountDue),
        detail: null,
        person: null,
        name: formatDate(input.promisedFor),
      };
    case 'plan_lapsed':
      return {
        invoices,
        amount: money(input.missedAmount),
        detail: null,
        person: null,
        name: formatDate(input.missedDueDate),
      };
    case 'call':
      return { invoices, amount: null, detail: input.outcome.trim() || null, person: input.person, name: '' };
    case 'thanks': {
      const received = money(input.received);
      const remaining = money(input.remaining);
      const amount = remaining ? `${received ? `${received} received, ` : ''}${remaining} remains` : null;
      return { invoices, amount, detail: null, person: input.recipient, name: '' };
    }
  }
}

/** "INV-0012, INV-0015 and 6 more". */
function shortList(numbers: readonly string[], shown: number): string {
  return `${numbers.slice(0, shown).join(', ')} and ${numbers.length - shown} more`;
}

/** Removes `excess` characters (and one for the ellipsis), keeping at least KEEP of them. */
function shorten(text: string, excess: number): string {
  return ellipsis(text, Math.max(KEEP, text.length - excess));
}

function ellipsis(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let cut = max - 1;
  // Never split a surrogate pair: half an emoji is not a character any platform accepts.
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return `${text.slice(0, cut)}…`;
}
