// One reminder email, in plain text and HTML, from a stage's wording and the invoices it covers.
// The text part is what a customer would write by hand; the HTML part carries the same words, with
// every value escaped.
import { daysBetween, formatDate, compareDates } from './dates';
import { safeHtml, SafeHtml } from './html';
import {
  COLUMNS,
  invoiceRows,
  textTable,
  totalsByCurrency,
  type Row,
  type TableInvoice,
} from './invoice-table';
import type { Stage } from './policy';
import { wordingForTone, wordings, type Wording, type WordingFacts } from './reminder-wording';

export { contactNote, type ContactNoteInput } from './contact-note';

export interface ReminderInput {
  stage: Stage;
  business: { name: string; replyTo: string };
  debtor: { name: string; contactName: string | null };
  invoices: TableInvoice[];
  today: string;
}

export interface RenderedReminder {
  subject: string;
  text: string;
  html: string;
}

/** Template ids with wording of their own; any other id falls back to the wording for the stage's tone. */
export const templateIds: readonly string[] = Object.keys(wordings);

export function renderReminder(input: ReminderInput): RenderedReminder {
  if (input.invoices.length === 0) throw new RangeError(`'${input.stage.name}' needs at least one invoice`);
  const wording = wordings[input.stage.template] ?? wordingForTone[input.stage.tone];
  const facts = factsOf(input);
  const greeting = `${wording.salutation} ${greetingName(input, wording)},`;
  const opening = wording.opening(facts);
  const closing = wording.closing(facts);
  const rows = invoiceRows(input.invoices, input.today);
  const totals = totalsByCurrency(input.invoices);
  const reply = wording.audience === 'customer' ? replyLine(input.business.replyTo) : null;
  const signOff = wording.audience === 'customer' ? ['Kind regards,', input.business.name] : ['Goodwill'];

  const text = [
    greeting,
    ...opening,
    textTable(rows),
    totals.join('\n'),
    ...closing,
    ...(reply ? [reply] : []),
    signOff.join('\n'),
  ].join('\n\n');

  const paragraphs = (lines: readonly string[]) => lines.map((line) => safeHtml`<p>${line}</p>\n`);
  const totalLines = totals.map((t) => safeHtml`<p><strong>${t}</strong></p>\n`);
  const replyParagraph = reply ? safeHtml`<p>${replyHtml(input.business.replyTo)}</p>\n` : safeHtml``;
  const signature = signOff.map((line, i) => (i === 0 ? safeHtml`${line}` : safeHtml`<br>${line}`));
  const body = safeHtml`<!DOCTYPE html>
<html>
<body style="font-family: Arial, Helvetica, sans-serif; font-size: 15px; line-height: 1.5; color: #222;">
<p>${greeting}</p>
${paragraphs(opening)}${htmlTable(rows)}
${totalLines}${paragraphs(closing)}${replyParagraph}<p>${signature}</p>
</body>
</html>
`;
  return { subject: wording.subject(facts), text, html: body.value };
}

function factsOf(input: ReminderInput): WordingFacts {
  const dues = input.invoices.map((i) => i.dueDate).sort(compareDates);
  const earliest = dues[0] ?? input.today;
  return {
    businessName: input.business.name,
    customerName: input.debtor.name,
    singleNumber: input.invoices.length === 1 ? (input.invoices[0]?.number ?? null) : null,
    invoiceCount: input.invoices.length,
    earliestDue: formatDate(earliest),
    mostDaysOverdue: daysBetween(earliest, input.today),
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

function replyLine(replyTo: string): string {
  return `Just reply to this email, or write to us at ${replyTo}. It comes straight to our team.`;
}

function replyHtml(replyTo: string): SafeHtml {
  const link = safeHtml`<a href="mailto:${replyTo}">${replyTo}</a>`;
  return safeHtml`Just reply to this email, or write to us at ${link}. It comes straight to our team.`;
}

function htmlTable(rows: readonly Row[]): SafeHtml {
  const style = (c: number) =>
    `padding: 4px 12px 4px 0; border-bottom: 1px solid #ddd; text-align: ${c === COLUMNS.length - 1 ? 'right' : 'left'};`;
  const head = COLUMNS.map((h, c) => safeHtml`<th style="${style(c)}">${h}</th>`);
  const body = rows.map(
    (r) => safeHtml`<tr>${r.map((v, c) => safeHtml`<td style="${style(c)}">${v}</td>`)}</tr>\n`,
  );
  return safeHtml`<table style="border-collapse: collapse; margin: 12px 0;">
<thead><tr>${head}</tr></thead>
<tbody>
${body}</tbody>
</table>`;
}
