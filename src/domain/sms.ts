// A stage's message as a text: one or two SMS segments, the same voice as the emails (friendly first,
// never a threat), with the amount, the date and where to reply. A text cannot carry a table, so it
// names the invoice (or counts them) and gives the total per currency.
import { compareDates, daysBetween, formatDate } from './dates';
import { payUrls, type TableInvoice } from './invoice-table';
import { formatMoney, sumMinor, type Minor } from './money';
import type { Tone } from './policy';
import { count, joinAnd } from './text';

export interface SmsInput {
  tone: Tone;
  business: { name: string; replyTo: string };
  debtor: { name: string; contactName: string | null };
  invoices: TableInvoice[];
  today: string;
}

/** Two concatenated segments of plain GSM text; longer texts arrive split or not at all on some phones. */
export const SMS_MAX_LENGTH = 306;

export function renderSms(input: SmsInput): string {
  if (input.invoices.length === 0) throw new RangeError('A text needs at least one invoice');
  if (input.tone === 'escalation') throw new RangeError('An escalation is a task for a person, not a text');
  const earliest = [...input.invoices].map((i) => i.dueDate).sort(compareDates)[0] ?? input.today;
  const late = daysBetween(earliest, input.today);
  const only = input.invoices.length === 1 ? input.invoices[0] : undefined;
  const what = `${only ? `invoice ${only.number}` : count(input.invoices.length, 'invoice')} (${totals(input.invoices)})`;
  const due = formatDate(earliest);
  const from = input.business.name;
  const body: Record<Exclude<Tone, 'escalation'>, string> = {
    friendly: `a friendly heads-up from ${from}: ${what} ${only ? 'is' : 'are'} due on ${due}.`,
    polite: `a reminder from ${from}: ${what} ${only ? 'was' : 'were'} due on ${due}. If you've already paid, thank you.`,
    firm: `${what} from ${from} ${only ? 'is' : 'are'} ${count(late, 'day')} overdue. If paying it all at once is hard, we can arrange instalments.`,
    final: `a final reminder from ${from}: ${what} ${only ? 'is' : 'are'} ${count(late, 'day')} overdue. Please pay or get in touch so we can agree a way forward.`,
  };
  const first = input.debtor.contactName?.trim().split(/\s+/)[0] || input.debtor.name.trim();
  const text = `Hi ${first}, ${body[input.tone]}`;
  // A text about one invoice carries its page to view and pay online, where the books give one.
  const pay = only ? payUrls([only])[0] : null;
  const reply = ` Questions? Email ${input.business.replyTo}`;
  const payLine = pay ? ` Pay online: ${pay}` : '';
  // What gives way when a long name leaves no room: the reply address first, then the link; the amount
  // and the date matter most.
  for (const candidate of [text + payLine + reply, text + payLine, text + reply]) {
    if (candidate.length <= SMS_MAX_LENGTH) return candidate;
  }
  return text.length <= SMS_MAX_LENGTH ? text : `${text.slice(0, SMS_MAX_LENGTH - 1)}…`;
}

function totals(invoices: readonly TableInvoice[]): string {
  const byCode = new Map<string, Minor[]>();
  for (const i of invoices) {
    const code = i.currency.toUpperCase();
    byCode.set(code, [...(byCode.get(code) ?? []), i.amountDue]);
  }
  return joinAnd([...byCode].map(([code, amounts]) => formatMoney(sumMinor(amounts), code)));
}
