import { standardPolicy, type Stage } from '../../src/domain/policy';
import { renderReminder, templateIds, type ReminderInput } from '../../src/domain/templates';

const stage = (key: string): Stage => {
  const found = standardPolicy.stages.find((s) => s.key === key);
  if (!found) throw new Error(`no stage ${key}`);
  return found;
};

function input(overrides: Partial<ReminderInput> = {}): ReminderInput {
  return {
    stage: stage('second-reminder'),
    business: { name: 'Kiwi Tiles Ltd', replyTo: 'accounts@kiwitiles.example' },
    debtor: { name: 'Acme Ltd', contactName: 'Jo Bloggs' },
    invoices: [
      {
        number: 'INV-0012',
        issueDate: '2026-10-17',
        dueDate: '2026-11-16',
        amountDue: 123450,
        currency: 'NZD',
      },
    ],
    today: '2026-11-24',
    ...overrides,
  };
}

const THREATS =
  /legal action|court|solicitor|lawyer|immediately|credit (rating|score)|bailiff|enforce|or else/i;
const customerStages = standardPolicy.stages.filter((s) => s.channel === 'email');

describe('every stage has its own wording', () => {
  it('each template of the standard policy is known', () => {
    for (const s of standardPolicy.stages) expect(templateIds).toContain(s.template);
  });

  it.each([
    {
      key: 'heads-up',
      subject: 'Friendly heads-up: invoice INV-0031 is due on 27 Nov 2026',
      says: ['Just a friendly heads-up that invoice INV-0031 is due on 27 Nov 2026', 'already on its way'],
      dueDate: '2026-11-27',
    },
    {
      key: 'first-reminder',
      subject: 'Reminder: invoice INV-0031 was due on 23 Nov 2026',
      says: ['We know things slip', 'Is everything all right?', "If you've already paid, thank you"],
      dueDate: '2026-11-23',
    },
    {
      key: 'second-reminder',
      subject: 'Second reminder: invoice INV-0031 is 8 days overdue',
      says: [
        'following up on our earlier reminder',
        '8 days past the due date',
        "we'd much rather hear from you",
      ],
      dueDate: '2026-11-16',
    },
    {
      key: 'payment-plan',
      subject: 'Invoice INV-0031 is 14 days overdue: can we help with a payment plan?',
      says: ['14 days overdue', 'instalment plan', 'confirm the plan in writing'],
      dueDate: '2026-11-10',
    },
    {
      key: 'final-notice',
      subject: 'Final notice: invoice INV-0031 is 30 days overdue',
      says: [
        'final reminder by email',
        'What happens next',
        'someone from our team will call you',
        'mediation service or a collection agency',
        'instalment plan is still possible',
      ],
      dueDate: '2026-10-25',
    },
  ])('$key', ({ key, subject, says, dueDate }) => {
    const invoices = [
      { number: 'INV-0031', issueDate: '2026-10-01', dueDate, amountDue: 5000, currency: 'NZD' },
    ];
    const email = renderReminder(input({ stage: stage(key), invoices }));
    expect(email.subject).toBe(subject);
    for (const phrase of says) expect(email.text).toContain(phrase);
  });

  it('only the firmer stages offer an instalment plan', () => {
    const offers = customerStages.filter((s) =>
      renderReminder(input({ stage: s })).text.includes('instalment plan'),
    );
    expect(offers.map((s) => s.key)).toEqual(['payment-plan', 'final-notice']);
  });

  it.each(customerStages.map((s) => [s.key, s]))('%s threatens nobody and can be answered', (_key, s) => {
    const email = renderReminder(input({ stage: s }));
    expect(email.text).not.toMatch(THREATS);
    expect(email.text).toContain('Just reply to this email, or write to us at accounts@kiwitiles.example');
    expect(email.html).toContain(
      '<a href="mailto:accounts@kiwitiles.example">accounts@kiwitiles.example</a>',
    );
    expect(email.text).toMatch(/Kind regards,\nKiwi Tiles Ltd$/);
  });

  it('the call task briefs the team rather than addressing the customer', () => {
    const task = renderReminder(input({ stage: stage('call-customer') }));
    expect(task.subject).toBe('Call Acme Ltd: invoice INV-0012 is 8 days overdue');
    expect(task.text).toMatch(/^Hi Kiwi Tiles Ltd team,/);
    expect(task.text).toContain('consider mediation or a collection agency as a last resort');
    expect(task.text).not.toContain('Just reply to this email');
  });

  it('a template id without wording of its own falls back to the stage tone', () => {
    const custom: Stage = { ...stage('payment-plan'), template: 'our-own-firm' };
    expect(renderReminder(input({ stage: custom })).text).toContain('instalment plan');
  });

  it('refuses a reminder about no invoices', () => {
    expect(() => renderReminder(input({ invoices: [] }))).toThrow(
      "'Second reminder' needs at least one invoice",
    );
  });
});

describe('amounts and dates', () => {
  const invoices = [
    {
      number: 'INV-0012',
      issueDate: '2026-10-17',
      dueDate: '2026-11-16',
      amountDue: 123450,
      currency: 'NZD',
    },
    { number: 'INV-0015', issueDate: '2026-10-20', dueDate: '2026-11-20', amountDue: 5000, currency: 'NZD' },
    { number: 'INV-0020', issueDate: '2026-10-21', dueDate: '2026-11-21', amountDue: 99900, currency: 'AUD' },
    {
      number: 'INV-0031',
      issueDate: '2026-10-28',
      dueDate: '2026-11-27',
      amountDue: 150000,
      currency: 'JPY',
    },
  ];
  const email = renderReminder(input({ invoices }));

  it('lists each invoice with issue date, due date, days overdue and amount due', () => {
    expect(email.text).toContain(
      [
        'Invoice   Issued       Due          Days overdue      Amount due',
        'INV-0012  17 Oct 2026  16 Nov 2026  8              $1,234.50 NZD',
        'INV-0015  20 Oct 2026  20 Nov 2026  4                 $50.00 NZD',
        'INV-0020  21 Oct 2026  21 Nov 2026  3                $999.00 AUD',
        'INV-0031  28 Oct 2026  27 Nov 2026  due in 3 days   ¥150,000 JPY',
      ].join('\n'),
    );
  });

  it('totals each currency separately', () => {
    expect(email.text).toContain('Total due: $1,284.50 NZD\nTotal due: $999.00 AUD\nTotal due: ¥150,000 JPY');
    expect(email.html).toContain('<p><strong>Total due: $1,284.50 NZD</strong></p>');
  });

  it('the HTML table carries the same figures', () => {
    expect(email.html).toMatch(
      /<td[^>]*>INV-0012<\/td><td[^>]*>17 Oct 2026<\/td><td[^>]*>16 Nov 2026<\/td><td[^>]*>8<\/td><td[^>]*>\$1,234\.50 NZD<\/td>/,
    );
  });

  it('several invoices are described by the oldest', () => {
    expect(email.subject).toBe('Second reminder: 4 invoices overdue');
    expect(email.text).toContain(
      'the invoices below are still open; the oldest is 8 days past its due date.',
    );
  });
});

describe('greeting', () => {
  it.each([
    {
      name: 'first name of the contact',
      contactName: 'Jo Bloggs',
      key: 'first-reminder',
      greeting: 'Hi Jo,',
    },
    {
      name: 'the customer when no contact is known',
      contactName: null,
      key: 'first-reminder',
      greeting: 'Hi Acme Ltd,',
    },
    {
      name: 'the customer when the contact is blank',
      contactName: '  ',
      key: 'first-reminder',
      greeting: 'Hi Acme Ltd,',
    },
    {
      name: 'a title keeps the whole name',
      contactName: 'Dr Jo Bloggs',
      key: 'final-notice',
      greeting: 'Dear Dr Jo Bloggs,',
    },
    {
      name: 'firmer stages are more formal',
      contactName: 'Jo Bloggs',
      key: 'payment-plan',
      greeting: 'Hello Jo,',
    },
  ])('$name: $greeting', ({ contactName, key, greeting }) => {
    const email = renderReminder(input({ stage: stage(key), debtor: { name: 'Acme Ltd', contactName } }));
    expect(email.text.split('\n')[0]).toBe(greeting);
    expect(email.html).toContain(`<p>${greeting}</p>`);
  });
});

describe('escaping', () => {
  const hostile = '<script>alert(1)</script> & Sons';
  const email = renderReminder(
    input({
      stage: stage('call-customer'),
      debtor: { name: hostile, contactName: null },
      business: { name: 'O\'Brien "Tiles"', replyTo: 'a"><img src=x onerror=alert(2)>@x.example' },
      invoices: [
        {
          number: '<b>INV-1</b>',
          issueDate: '2026-10-17',
          dueDate: '2026-11-16',
          amountDue: 100,
          currency: 'NZD',
        },
      ],
    }),
  );
  const customerEmail = renderReminder(
    input({
      debtor: { name: hostile, contactName: null },
      business: { name: 'Kiwi', replyTo: 'a"><img src=x onerror=alert(2)>@x.example' },
    }),
  );

  it('HTML shows every value as text, never as markup', () => {
    for (const html of [email.html, customerEmail.html]) {
      expect(html).not.toContain('<script>');
      expect(html).not.toContain('<img');
      expect(html).not.toContain('<b>');
    }
    expect(customerEmail.html).toContain('<p>Hi &lt;script&gt;alert(1)&lt;/script&gt; &amp; Sons,</p>');
    expect(customerEmail.html).toContain(
      'href="mailto:a&quot;&gt;&lt;img src=x onerror=alert(2)&gt;@x.example"',
    );
    expect(email.html).toContain('&lt;b&gt;INV-1&lt;/b&gt;');
    expect(email.html).toContain('O&#39;Brien &quot;Tiles&quot;');
  });

  it('text stays plain, without entities', () => {
    expect(customerEmail.text.split('\n')[0]).toBe(`Hi ${hostile},`);
    expect(email.text).toContain('<b>INV-1</b>');
    expect(customerEmail.text).not.toContain('&amp;');
  });
});
