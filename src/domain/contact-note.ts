// The note left on each invoice in the books after a contact, so the bookkeeper sees the collections
// story where they work. Platforms cap its length (Xero: 250 characters), and a note that does not fit
// is rejected, so it is shortened in the order that loses least: first the invoice list, then the
// amount, then the recipient, then the stage name, and only then the sentence itself.
import type { Channel } from './policy';
import { formatDate } from './dates';
import { formatMoney, type Minor } from './money';

export interface ContactNoteInput {
  channel: Channel;
  stageName: string;
  recipient: string | null;
  date: string;
  invoiceNumbers: string[];
  amountDue?: { minor: Minor; currency: string };
}

interface NoteParts {
  stageName: string;
  recipient: string | null;
  invoices: string;
  amount: string | null;
}

const PREFIX = 'Goodwill:';
/** Shortened fields keep at least this many characters, so they stay recognisable. */
const KEEP = 12;

export function contactNote(input: ContactNoteInput, maxLength: number): string {
  const date = formatDate(input.date);
  const write = (p: NoteParts) => {
    const what =
      input.channel === 'email'
        ? `'${p.stageName}' emailed${p.recipient ? ` to ${p.recipient}` : ''}`
        : `task '${p.stageName}' opened for the team`;
    const covering = p.invoices ? ` covering ${p.invoices}` : '';
    return `${PREFIX} ${what} on ${date}${covering}${p.amount ? `; ${p.amount} due` : ''}.`;
  };
  const fits = (p: NoteParts) => write(p).length <= maxLength;

  let parts: NoteParts = {
    stageName: input.stageName,
    recipient: input.recipient,
    invoices: input.invoiceNumbers.join(', '),
    amount: input.amountDue ? formatMoney(input.amountDue.minor, input.amountDue.currency) : null,
  };
  for (let shown = input.invoiceNumbers.length - 1; !fits(parts) && shown >= 1; shown--) {
    parts = { ...parts, invoices: shortList(input.invoiceNumbers, shown) };
  }
  if (!fits(parts)) parts = { ...parts, amount: null };
  if (!fits(parts) && parts.recipient) {
    parts = { ...parts, recipient: shorten(parts.recipient, write(parts).length - maxLength) };
  }
  if (!fits(parts))
    parts = { ...parts, stageName: shorten(parts.stageName, write(parts).length - maxLength) };
  return ellipsis(write(parts), maxLength);
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
