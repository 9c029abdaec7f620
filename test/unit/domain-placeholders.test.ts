import {
  placeholdersFor,
  renderEditedTemplate,
  templateProblems,
  type EditedTemplate,
  type PlaceholderValues,
  type TemplatePurpose,
} from '../../src/domain/placeholders';
import { safeHtml } from '../../src/domain/html';

const template = (body: string, subject = 'Invoice {{invoice_numbers}}'): EditedTemplate => ({
  subject,
  body,
});

describe('templateProblems: every placeholder that would not render is named', () => {
  it.each<{ name: string; t: EditedTemplate; purpose?: TemplatePurpose; problems: string[] }>([
    {
      name: 'a clean template',
      t: template('Hi {{contact_first_name}},\n\n{{invoice_table}}'),
      problems: [],
    },
    { name: 'spaces inside the braces are fine', t: template('Hi {{ customer }}'), problems: [] },
    {
      name: 'an unknown placeholder',
      t: template('Hi {{first_name}}'),
      problems: [
        'unknown placeholder {{first_name}} in the body',
        'placeholders you can use: {{customer}}, {{contact_first_name}}, {{business_name}}, {{reply_to}}, ' +
          '{{invoice_table}}, {{invoice_numbers}}, {{total_due}}, {{due_date}}, {{days_overdue}}',
      ],
    },
    {
      name: 'a misspelt one in the subject',
      t: template('Hi', 'Invoice {{invoice_number}}'),
      problems: [
        'unknown placeholder {{invoice_number}} in the subject',
        expect.stringMatching(/^placeholders you can use: /) as unknown as string,
      ],
    },
    {
      name: 'single braces',
      t: template('Hi {customer}'),
      problems: ['{customer} in the body needs double braces: {{customer}}'],
    },
    {
      name: 'an unclosed placeholder',
      t: template('Hi {{customer'),
      problems: ["the body has a '{{' or '}}' without its pair; write placeholders as {{customer}}"],
    },
    {
      name: 'a table in the subject',
      t: template('Hi', 'See {{invoice_table}}'),
      problems: ['{{invoice_table}} belongs in the body, not the subject'],
    },
    {
      name: 'a thank-you placeholder in a reminder',
      t: template('We got {{payment_received}}'),
      problems: ['{{payment_received}} in the body only works in thank-you messages'],
    },
    {
      name: 'the same in a thank-you',
      t: template('We got {{payment_received}}'),
      purpose: 'thanks',
      problems: [],
    },
    {
      name: 'an instalment placeholder in a task brief',
      t: template('{{instalment_amount}}'),
      purpose: 'task',
      problems: ['{{instalment_amount}} in the body only works in instalment reminders'],
    },
    { name: 'an empty subject', t: template('Hi', ' '), problems: ['the subject is empty'] },
    { name: 'a two-line subject', t: template('Hi', 'One\nTwo'), problems: ['the subject must be one line'] },
    { name: 'an empty body', t: template('  \n '), problems: ['the message is empty'] },
  ])('$name', ({ t, purpose, problems }) => {
    expect(templateProblems(t, purpose)).toEqual(problems);
  });

  it('names each unknown placeholder once, however often it appears', () => {
    expect(templateProblems(template('{{x}} {{x}} {{y}}')).filter((p) => p.startsWith('unknown'))).toEqual([
      'unknown placeholder {{x}} in the body',
      'unknown placeholder {{y}} in the body',
    ]);
  });

  it.each<[TemplatePurpose, string[]]>([
    ['thanks', ['payment_received', 'amount_remaining']],
    ['instalment', ['instalment_amount', 'instalment_due_date']],
    ['task', ['credit_amount']],
    ['reminder', []],
  ])('%s messages have the common placeholders and %j', (purpose, extra) => {
    const common = placeholdersFor('reminder');
    expect(placeholdersFor(purpose)).toEqual([...common, ...extra]);
  });
});

describe('renderEditedTemplate', () => {
  const values: PlaceholderValues = {
    text: {
      customer: 'Acme & Sons',
      contact_first_name: 'Jo',
      business_name: 'Kiwi',
      reply_to: 'a@k.example',
      invoice_table: 'TABLE',
      invoice_numbers: 'INV-1',
      total_due: '$5.00 NZD',
      due_date: '1 Dec 2026',
      days_overdue: '3',
      payment_received: '',
      amount_remaining: '',
      instalment_amount: '',
      instalment_due_date: '',
      credit_amount: '',
    },
    html: { invoice_table: safeHtml`<table></table>` },
  };

  it('paragraphs and line breaks carry over; values are escaped in HTML only', () => {
    const out = renderEditedTemplate(
      template('Dear {{customer}},\nline\n\n\n{{invoice_table}}\n\nBye'),
      'reminder',
      values,
    );
    expect(out.subject).toBe('Invoice INV-1');
    expect(out.text).toBe('Dear Acme & Sons,\nline\n\nTABLE\n\nBye');
    expect(out.html).toContain('<p>Dear Acme &amp; Sons,<br>line</p>\n<table></table>\n<p>Bye</p>\n</body>');
  });

  it('refuses a template with problems, naming them all', () => {
    expect(() => renderEditedTemplate(template('{{nope}} {oops}'), 'reminder', values)).toThrow(
      /unknown placeholder \{\{nope\}\} in the body; .*\{oops\} in the body needs double braces/,
    );
  });
});
