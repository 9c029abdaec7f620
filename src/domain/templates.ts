// One email, in plain text and HTML, from a stage's wording (or a business's own template) and the
// invoices or payments it is about. The text part is what a customer would write by hand; the HTML
// part carries the same words, with every value escaped.
import { compareDates, daysBetween, formatDate } from './dates';
import { emailDocument, htmlTable, replyHtml, replyLine, replyLink } from './email-layout';
import { safeHtml } from './html';
import {
  invoiceRows,
  payUrls,
  textPayLinks,
  textTable,
  totalsByCurrency,
  type TableInvoice,
} from './invoice-table';
import { formatMoney, sumMinor, type Minor } from './money';
import {
  renderEditedTemplate,
  type EditedTemplate,
  type PlaceholderValues,
  type TemplatePurpose,
} from './placeholders';
import type { Stage } from './policy';
import { wordingForTone, wordings, type Wording, type WordingFacts } from './reminder-wording';
import { joinAnd } from './text';

export { contactNote, type ContactNoteInput } from './contact-note';

export interface ReceivedPayment {
  number: string;
  amount: Minor;
  remaining: Minor;
  currency: string;
  dueDate: string;
}

export interface ReminderInput {
  /** A policy stage, or for the other messages their name, template id and tone (from the action). */
  stage: Pick<Stage, 'name' | 'template' | 'tone'>;
  business: { name: string; replyTo: string };
  debtor: { name: string; contactName: string | null };
  invoices: TableInvoice[];
  today: string;
  /** Thank-yous and acknowledgements. */
  payments?: ReceivedPayment[];
  /** Instalment reminders. */
  instalment?: { number: number; count: number; amount: Minor; currency: string; dueDate: string };
  /** The allocate-credit task. */
  credit?: { amount: Minor; currency: string };
  /** The business's own wording for this template id, used instead of the built-in one. */
  edited?: EditedTemplate;
}

export interface RenderedReminder {
  subject: string;
  text: string;
  html: string;
}

/** Template ids with wording of their own; any other id falls back to the wording for the stage's tone. */
export const templateIds: readonly string[] = Object.keys(wordings);

export function wordingOf(stage: Pick<Stage, 'template' | 'tone'>): Wording {
  return wordings[stage.template] ?? wordingForTone[stage.tone];
}

/** Which placeholders an edited template for this message may use. */
export function purposeOf(
  input: Pick<ReminderInput, 'stage' | 'payments' | 'instalment' | 'credit'>,
): TemplatePurpose {
  if (input.payments) return 'thanks';
  if (input.instalment) return 'instalment';
  if (input.credit || wordingOf(input.stage).audience === 'team') return 'task';
  return 'reminder';
}

export function renderReminder(input: ReminderInput): RenderedReminder {
  const wording = wordingOf(input.stage);
  const lists = wording.listsInvoices !== false;
  if (lists && input.invoices.length === 0) {
    throw new RangeError(`'${input.stage.name}' needs at least one invoice`);
  }
  if (input.edited)
    return renderEditedTemplate(input.edited, purposeOf(input), placeholderValues(input, wording));

  const facts = factsOf(input);
  const greeting = `${wording.salutation} ${greetingName(input, wording)},`;
  const opening = wording.opening(facts);
  const closing = wording.closing(facts);
  // Links to pay are for the customer; a brief for the team lists the invoices without them.
  const forCustomer = wording.audience === 'customer';
  const rows = lists ? invoiceRows(input.invoices, input.today) : [];
  const totals = lists ? totalsByCurrency(input.invoices) : [];
  const reply = forCustomer ? replyLine(input.business.replyTo) : null;
  const signOff = forCustomer ? ['Kind regards,', input.business.name] : ['Goodwill'];

  const payText = lists && forCustomer ? textPayLinks(input.invoices) : null;
  const text = [
    greeting,
    ...opening,
    ...(lists ? [textTable(rows), totals.join('\n')] : []),
    ...(payText ? [payText] : []),
    ...closing,
    ...(reply ? [reply] : []),
    signOff.join('\n'),
  ].join('\n\n');

  const paragraphs = (lines: readonly string[]) => lines.map((line) => safeHtml`<p>${line}</p>\n`);
  const totalLines = totals.map((t) => safeHtml`<p><strong>${t}</strong></p>\n`);
  const replyParagraph = reply ? safeHtml`<p>${replyHtml(input.business.replyTo)}</p>\n` : safeHtml``;
  const signature = signOff.map((line, i) => (i === 0 ? safeHtml`${line}` : safeHtml`<br>${line}`));
  const table = lists
    ? safeHtml`${htmlTable(rows, forCustomer ? payUrls(input.invoices) : [])}\n`
    : safeHtml``;
  const html = emailDocument(
    safeHtml`<p>${greeting}</p>
${paragraphs(opening)}${table}${totalLines}${paragraphs(closing)}${replyParagraph}<p>${signature}</p>
`,
  );
  return { subject: wording.subject(facts), text, html };
}

function factsOf(input: ReminderInput): WordingFacts {
  const dues = input.invoices.map((i) => i.dueDate).sort(compareDates);
  const earliest = dues[0] ?? input.payments?.[0]?.dueDate ?? input.today;
  const numbers =
    input.invoices.length > 0
      ? input.invoices.map((i) => i.number)
      : (input.payments ?? []).map((p) => p.number);
  const { instalment, credit } = input;
  return {
    businessName: input.business.name,
    customerName: input.debtor.name,
    singleNumber: numbers.length === 1 ? (numbers[0] ?? null) : null,
    invoiceCount: numbers.length,
    earliestDue: formatDate(earliest),
    mostDaysOverdue: daysBetween(earliest, input.today),
    payments: input.payments?.map((p) => ({
      number: p.number,
      received: formatMoney(p.amount, p.currency),
      remaining: p.remaining > 0 ? formatMoney(p.remaining, p.currency) : null,
      due: formatDate(p.dueDate),
    })),
    instalment: instalment && {
      number: instalment.number,
      count: instalment.count,
      amount: formatMoney(instalment.amount, instalment.currency),
      due: formatDate(instalment.dueDate),
    },
    credit: credit && formatMoney(credit.amount, credit.currency),
  };
}

function placeholderValues(input: ReminderInput, wording: Wording): PlaceholderValues {
  const facts = factsOf(input);
  const rows = invoiceRows(input.invoices, input.today);
  const forCustomer = wording.audience === 'customer';
  const payText = forCustomer ? textPayLinks(input.invoices) : null;
  const perCurrency = (amounts: { amount: Minor; currency: string }[]) => {
    const byCode = new Map<string, Minor[]>();
    for (const a of amounts)
      byCode.set(a.currency.toUpperCase(), [...(byCode.get(a.currency.toUpperCase()) ?? []), a.amount]);
    return joinAnd([...byCode].map(([code, list]) => formatMoney(sumMinor(list), code)));
  };
  const payments = input.payments ?? [];
  return {
    text: {
      customer: input.debtor.name,
      contact_first_name: greetingName(input, wording),
      business_name: input.business.name,
      reply_to: input.business.replyTo,
      invoice_table: rows.length > 0 ? [textTable(rows), ...(payText ? [payText] : [])].join('\n\n') : '',
      invoice_numbers: joinAnd(input.invoices.map((i) => i.number)),
      total_due: perCurrency(input.invoices.map((i) => ({ amount: i.amountDue, currency: i.currency }))),
      due_date: facts.earliestDue,
      days_overdue: String(Math.max(0, facts.mostDaysOverdue)),
      payment_received: perCurrency(payments),
      amount_remaining: perCurrency(payments.map((p) => ({ amount: p.remaining, currency: p.currency }))),
      instalment_amount: facts.instalment?.amount ?? '',
      instalment_due_date: facts.instalment?.due ?? '',
      credit_amount: facts.credit ?? '',
    },
    html: {
      reply_to: replyLink(input.business.replyTo),
      ...(rows.length > 0
        ? { invoice_table: htmlTable(rows, forCustomer ? payUrls(input.invoices) : []) }
        : {}),
    },
  };
}

const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'dame']);

/** The contact's first name when we know it ("Jo"), else the customer's name; the team is greeted as such. */
function greetingName(input: ReminderInput, wording: Wording): string {
  if (wording.audience === 'team') return `${input.business.name} team`;
  const contact = input.debtor.contactName?.trim();
  if (!contact) return input.debtor.name.trim();
  const first = contact.split(/\s+/)[0] ?? contact;
  // "Hi Dr," reads as a mistake; with a title the whole name is the polite form.
  return TITLES.has(first.replace(/\.$/, '').toLowerCase()) ? contact : first;
}
