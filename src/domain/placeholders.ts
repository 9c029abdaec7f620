// A business's own wording for a template, with placeholders such as {{customer}} or {{invoice_table}}.
// `templateProblems` names every placeholder that would not render (unknown, misspelt, single braces,
// not available in this kind of message) so that none is ever sent to a customer as literal text;
// rendering refuses a template that has problems. In HTML every value is escaped.
import { emailDocument } from './email-layout';
import { safeHtml, SafeHtml } from './html';

export type TemplatePurpose = 'reminder' | 'thanks' | 'instalment' | 'task';

interface PlaceholderSpec {
  description: string;
  /** Only these kinds of message have a value for it; all of them when absent. */
  purposes?: readonly TemplatePurpose[];
  /** A block (a table) that has no place in a one-line subject. */
  bodyOnly?: boolean;
}

export const PLACEHOLDERS = {
  customer: { description: "the customer's name" },
  contact_first_name: { description: "the first name of the person we write to, or the customer's name" },
  business_name: { description: 'your business name' },
  reply_to: { description: 'the address replies go to (a link in HTML)' },
  invoice_table: {
    description:
      'the invoices, with issue date, due date, days overdue and amount due, and a link to view and pay each one online where the books give one',
    bodyOnly: true,
  },
  invoice_numbers: { description: 'the invoice numbers, "INV-0012 and INV-0015"' },
  total_due: { description: 'what is owed in total, per currency' },
  due_date: { description: 'the earliest due date' },
  days_overdue: { description: 'how many days the oldest invoice is overdue (0 when none is)' },
  payment_received: { description: 'what the payment brought in', purposes: ['thanks'] },
  amount_remaining: { description: 'what is still owed after the payment', purposes: ['thanks'] },
  instalment_amount: { description: 'the amount of the coming instalment', purposes: ['instalment'] },
  instalment_due_date: { description: 'the date of the coming instalment', purposes: ['instalment'] },
  credit_amount: { description: 'the unallocated credit', purposes: ['task'] },
} as const satisfies Record<string, PlaceholderSpec>;

export type Placeholder = keyof typeof PLACEHOLDERS;

export interface EditedTemplate {
  subject: string;
  /** Plain text; a blank line starts a new paragraph. */
  body: string;
}

export interface PlaceholderValues {
  text: Readonly<Record<Placeholder, string>>;
  /** Values with markup of their own (a table, a link); the others are escaped text. */
  html: Readonly<Partial<Record<Placeholder, SafeHtml>>>;
}

const TOKEN = /\{\{\s*([^{}]*?)\s*\}\}/g;
const SINGLE_BRACES = /(?<!\{)\{\s*([a-z_]+)\s*\}(?!\})/g;
const PURPOSE_NAMES: Record<TemplatePurpose, string> = {
  reminder: 'reminders',
  thanks: 'thank-you messages',
  instalment: 'instalment reminders',
  task: 'task briefs',
};

const isPlaceholder = (name: string): name is Placeholder => Object.hasOwn(PLACEHOLDERS, name);
const spec = (name: Placeholder): PlaceholderSpec => PLACEHOLDERS[name];

export function placeholdersFor(purpose: TemplatePurpose): Placeholder[] {
  return (Object.keys(PLACEHOLDERS) as Placeholder[]).filter(
    (p) => spec(p).purposes?.includes(purpose) ?? true,
  );
}

export function templateProblems(template: EditedTemplate, purpose: TemplatePurpose = 'reminder'): string[] {
  const problems: string[] = [];
  if (!template.subject.trim()) problems.push('the subject is empty');
  if (/[\r\n]/.test(template.subject)) problems.push('the subject must be one line');
  if (!template.body.trim()) problems.push('the message is empty');
  let unknown = false;
  for (const [field, text] of [
    ['subject', template.subject],
    ['body', template.body],
  ] as const) {
    for (const name of new Set([...text.matchAll(TOKEN)].map((m) => m[1] ?? ''))) {
      if (!isPlaceholder(name)) {
        problems.push(`unknown placeholder {{${name}}} in the ${field}`);
        unknown = true;
      } else if (!(spec(name).purposes?.includes(purpose) ?? true)) {
        const where = (spec(name).purposes ?? []).map((p) => PURPOSE_NAMES[p]).join(' and ');
        problems.push(`{{${name}}} in the ${field} only works in ${where}`);
      } else if (field === 'subject' && spec(name).bodyOnly) {
        problems.push(`{{${name}}} belongs in the body, not the subject`);
      }
    }
    for (const match of text.matchAll(SINGLE_BRACES)) {
      problems.push(`{${match[1]}} in the ${field} needs double braces: {{${match[1]}}}`);
    }
    const rest = text.replace(TOKEN, '');
    if (rest.includes('{{') || rest.includes('}}')) {
      problems.push(`the ${field} has a '{{' or '}}' without its pair; write placeholders as {{customer}}`);
    }
  }
  if (unknown) {
    problems.push(
      `placeholders you can use: ${placeholdersFor(purpose)
        .map((p) => `{{${p}}}`)
        .join(', ')}`,
    );
  }
  return problems;
}

export interface RenderedTemplate {
  subject: string;
  text: string;
  html: string;
}

export function renderEditedTemplate(
  template: EditedTemplate,
  purpose: TemplatePurpose,
  values: PlaceholderValues,
): RenderedTemplate {
  const problems = templateProblems(template, purpose);
  if (problems.length > 0) throw new RangeError(`The template cannot be used: ${problems.join('; ')}`);
  const fill = (text: string) =>
    text.replace(TOKEN, (_, name: string) => (isPlaceholder(name) ? values.text[name] : ''));
  const paragraphs = template.body.trim().split(/\n[ \t]*\n\s*/);
  return {
    subject: fill(template.subject.trim()),
    text: paragraphs.map(fill).join('\n\n'),
    html: emailDocument(safeHtml`${paragraphs.map((p) => paragraphHtml(p, values))}`),
  };
}

/** A paragraph as <p>, its line breaks as <br>; a block placeholder (the table) stands between paragraphs. */
function paragraphHtml(paragraph: string, values: PlaceholderValues): SafeHtml {
  const out: SafeHtml[] = [];
  let inline: SafeHtml[] = [];
  const flush = () => {
    if (inline.length > 0) out.push(safeHtml`<p>${inline}</p>\n`);
    inline = [];
  };
  let at = 0;
  for (const match of paragraph.matchAll(TOKEN)) {
    inline.push(...textHtml(paragraph.slice(at, match.index)));
    const name = match[1] ?? '';
    at = match.index + match[0].length;
    if (!isPlaceholder(name)) continue;
    const html = values.html[name] ?? safeHtml`${values.text[name]}`;
    if (spec(name).bodyOnly) {
      flush();
      out.push(safeHtml`${html}\n`);
    } else inline.push(html);
  }
  inline.push(...textHtml(paragraph.slice(at)));
  flush();
  return safeHtml`${out}`;
}

function textHtml(text: string): SafeHtml[] {
  if (!text.trim()) return text ? [safeHtml`${text}`] : [];
  return text.split('\n').map((line, i) => (i === 0 ? safeHtml`${line}` : safeHtml`<br>${line}`));
}
