import { builtInPolicies, standardPolicy, type Stage, type Tone } from '../../src/domain/policy';
import { renderSms, SMS_MAX_LENGTH } from '../../src/domain/sms';
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

describe('links to view and pay online', () => {
  const XERO = 'https://in.xero.com/bCWCCfytGdTXoJam9HENWlQt07G6zcDaj4gQojHu';
  const invoices = [
    { ...invoiceFor('INV-0012', 123450), payUrl: XERO },
    { ...invoiceFor('INV-0015', 5000), payUrl: null },
  ];

  it('lists each invoice the books give a page for, under the totals', () => {
    const email = renderReminder(input({ invoices }));
    expect(email.text).toContain(`Total due: $1,284.50 NZD\n\nView and pay online:\nINV-0012: ${XERO}\n\n`);
    expect(email.text).not.toContain('INV-0015: ');
  });

  it('adds a column of links to the HTML table, empty where there is none', () => {
    const { html } = renderReminder(input({ invoices }));
    expect(html).toMatch(/<th[^>]*>Amount due<\/th><th[^>]*>Pay online<\/th>/);
    expect(html).toMatch(
      new RegExp(
        `INV-0012<\\/td>(<td[^>]*>[^<]*<\\/td>){4}<td[^>]*><a href="${XERO}">View and pay<\\/a><\\/td><\\/tr>`,
      ),
    );
    expect(html).toMatch(/INV-0015<\/td>(<td[^>]*>[^<]*<\/td>){4}<td[^>]*><\/td><\/tr>/);
  });

  it('has no column and no list when the books gave no link', () => {
    const email = renderReminder(input({ invoices: invoices.map((i) => ({ ...i, payUrl: null })) }));
    expect(email.html).not.toContain('Pay online');
    expect(email.text).not.toContain('View and pay');
  });

  it('takes only a web address: anything else in its place is left out', () => {
    const spoilt = [
      { ...invoices[0]!, payUrl: 'javascript:alert(1)' },
      { ...invoices[1]!, payUrl: 'https://x.example/a b' },
    ];
    const email = renderReminder(input({ invoices: spoilt }));
    expect(email.html).not.toContain('javascript:');
    expect(email.html).not.toContain('Pay online');
    expect(email.text).not.toContain('View and pay');
  });

  it('escapes the address in HTML', () => {
    const url = 'https://pay.example/?a=1&b="2"';
    const { html } = renderReminder(input({ invoices: [{ ...invoices[0]!, payUrl: url }] }));
    expect(html).toContain('<a href="https://pay.example/?a=1&amp;b=&quot;2&quot;">View and pay</a>');
  });

  it("are for the customer: the team's call brief lists the invoices without them", () => {
    const email = renderReminder(input({ stage: stage('call-customer'), invoices }));
    expect(email.text).toContain('INV-0012');
    expect(email.text).not.toContain(XERO);
    expect(email.html).not.toContain(XERO);
  });

  it("come with {{invoice_table}} in a business's own wording", () => {
    const email = renderReminder(
      input({
        stage: stage('first-reminder'),
        invoices,
        edited: { subject: 'Invoices', body: 'Hello.\n\n{{invoice_table}}' },
      }),
    );
    expect(email.text).toContain(`View and pay online:\nINV-0012: ${XERO}`);
    expect(email.html).toContain(`<a href="${XERO}">View and pay</a>`);
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

describe('wording beyond the standard stages', () => {
  const base = {
    business: { name: 'Kiwi Tiles Ltd', replyTo: 'accounts@kiwitiles.example' },
    debtor: { name: 'Acme Ltd', contactName: 'Jo Bloggs' },
    today: '2026-11-24',
  };
  const owed = [
    {
      number: 'INV-0012',
      issueDate: '2026-10-17',
      dueDate: '2026-11-16',
      amountDue: 123450,
      currency: 'NZD',
    },
  ];
  const paid = { number: 'INV-0009', amount: 50000, remaining: 0, currency: 'NZD', dueDate: '2026-11-10' };
  const render = (template: string, extra: Partial<ReminderInput> = {}) =>
    renderReminder({
      ...base,
      stage: { name: template, template, tone: 'polite' },
      invoices: owed,
      ...extra,
    });

  it('every stage of every built-in policy has wording of its own', () => {
    for (const policy of Object.values(builtInPolicies)) {
      for (const s of policy.stages) expect(templateIds).toContain(s.template);
    }
  });

  it.each([
    {
      template: 'check-in',
      subject: 'Checking in about invoice INV-0012',
      says: ["We're just checking in", 'It may well be on its way', "we'd be glad to help", 'Hi Jo,'],
      audience: 'customer',
    },
    {
      template: 'check-in-call',
      subject: 'Check in with Acme Ltd: invoice INV-0012 is 8 days overdue',
      says: ['is a key account', 'friendly call to check in', 'instalment plan'],
      audience: 'team',
    },
    {
      template: 'letter',
      subject: 'Send a letter to Acme Ltd: invoice INV-0012 is 8 days overdue',
      says: ['formal letter by post', 'factual and courteous', 'Offer an instalment plan again'],
      audience: 'team',
    },
    {
      template: 'mediation',
      subject: 'Consider mediation for Acme Ltd: invoice INV-0012 is 8 days overdue',
      says: ['a mediation service', 'This is a last resort', 'tell the customer in writing first'],
      audience: 'team',
    },
    {
      template: 'agency',
      subject: 'Consider a collection agency for Acme Ltd: invoice INV-0012 is 8 days overdue',
      says: ['refer the matter to a collection agency', 'This is a last resort'],
      audience: 'team',
    },
  ])('$template', ({ template, subject, says, audience }) => {
    const email = render(template);
    expect(email.subject).toBe(subject);
    for (const phrase of says) expect(email.text).toContain(phrase);
    expect(email.text.includes('Just reply to this email')).toBe(audience === 'customer');
  });

  it('the thank-you: warm, brief, about nothing but the payment', () => {
    const email = render('thank-you', { invoices: [], payments: [paid] });
    expect(email.subject).toBe('Thank you: invoice INV-0009 is paid');
    expect(email.text).toBe(
      [
        'Hi Jo,',
        'Thank you for your payment of $500.00 NZD for invoice INV-0009, which is now paid in full. We appreciate it.',
        "There's nothing more you need to do.",
        'Just reply to this email, or write to us at accounts@kiwitiles.example. It comes straight to our team.',
        'Kind regards,\nKiwi Tiles Ltd',
      ].join('\n\n'),
    );
    expect(email.text).not.toMatch(/offer|discount|new product|while we have you|Total due/i);
  });

  it('thanks for several payments at once', () => {
    const email = render('thank-you', { invoices: [], payments: [paid, { ...paid, number: 'INV-0010' }] });
    expect(email.subject).toBe('Thank you for your payments');
    expect(email.text).toContain('INV-0009 and INV-0010 are now paid in full');
  });

  it('the acknowledgement of a part payment states what remains', () => {
    const email = render('part-payment', { invoices: [], payments: [{ ...paid, remaining: 73450 }] });
    expect(email.subject).toBe('Thank you for your payment towards invoice INV-0009');
    expect(email.text).toContain(
      "Thank you for your payment of $500.00 NZD towards invoice INV-0009. We've applied it, and $734.50 NZD " +
        'remains (due 10 Nov 2026).',
    );
  });

  it.each([
    {
      number: 1,
      says: 'instalment 1 of 3 in your payment plan, $411.50 NZD, is due on 27 Nov 2026.',
      sofar: false,
    },
    {
      number: 2,
      says: 'instalment 2 of 3 in your payment plan, $411.50 NZD, is due on 27 Nov 2026.',
      sofar: true,
    },
  ])('the instalment reminder (instalment $number)', ({ number, says, sofar }) => {
    const email = render('instalment-reminder', {
      instalment: { number, count: 3, amount: 41150, currency: 'NZD', dueDate: '2026-11-27' },
    });
    expect(email.subject).toBe('Reminder: instalment of $411.50 NZD due on 27 Nov 2026');
    expect(email.text).toContain(says);
    expect(email.text.includes('Thank you for keeping to the plan so far.')).toBe(sofar);
    expect(email.text).toContain("just reply before then and we'll find one that does");
  });

  it('the allocate-credit task names the credit', () => {
    const email = render('allocate-credit', { credit: { amount: 20000, currency: 'NZD' } });
    expect(email.subject).toBe('Allocate $200.00 NZD credit for Acme Ltd');
    expect(email.text).toContain('Acme Ltd has $200.00 NZD of unallocated credit');
  });

  it.each<[string, Partial<ReminderInput>]>([
    ['check-in', {}],
    ['thank-you', { invoices: [], payments: [paid] }],
    ['part-payment', { invoices: [], payments: [{ ...paid, remaining: 100 }] }],
    [
      'instalment-reminder',
      { instalment: { number: 1, count: 2, amount: 100, currency: 'NZD', dueDate: '2026-12-01' } },
    ],
  ])('%s threatens nobody', (template, extra) => {
    expect(render(template, extra).text).not.toMatch(THREATS);
  });
});

describe('a business’s own template', () => {
  const input = (body: string, subject = 'About {{invoice_numbers}}') =>
    ({
      stage: stage('first-reminder'),
      business: { name: 'Kiwi & Co', replyTo: 'accounts@kiwitiles.example' },
      debtor: { name: '<Acme> Ltd', contactName: 'Jo Bloggs' },
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
      edited: { subject, body },
    }) satisfies ReminderInput;

  it('fills every placeholder, in text and in HTML with escaping', () => {
    const email = renderReminder(
      input(
        'Hi {{contact_first_name}} at {{customer}},\n\n{{invoice_table}}\n\n{{days_overdue}} days; {{total_due}} ' +
          'due since {{due_date}}.\nWrite to {{reply_to}}. {{business_name}}',
      ),
    );
    expect(email.subject).toBe('About INV-0012');
    expect(email.text).toBe(
      [
        'Hi Jo at <Acme> Ltd,',
        'Invoice   Issued       Due          Days overdue     Amount due\nINV-0012  17 Oct 2026  16 Nov 2026  8             $1,234.50 NZD',
        '8 days; $1,234.50 NZD due since 16 Nov 2026.\nWrite to accounts@kiwitiles.example. Kiwi & Co',
      ].join('\n\n'),
    );
    expect(email.html).toContain('<p>Hi Jo at &lt;Acme&gt; Ltd,</p>');
    expect(email.html).toMatch(/<\/p>\n<table[^>]*>[\s\S]*INV-0012[\s\S]*<\/table>\n<p>8 days;/);
    expect(email.html).toContain(
      '16 Nov 2026.<br>Write to <a href="mailto:accounts@kiwitiles.example">accounts@kiwitiles.example</a>. Kiwi &amp; Co</p>',
    );
  });

  it('a person’s own markup is text, not HTML', () => {
    expect(renderReminder(input('<b>Pay</b> {{customer}}')).html).toContain(
      '<p>&lt;b&gt;Pay&lt;/b&gt; &lt;Acme&gt; Ltd</p>',
    );
  });

  it('refuses to send a template whose placeholders would not render', () => {
    expect(() => renderReminder(input('Hi {{first_name}}'))).toThrow(
      'The template cannot be used: unknown placeholder {{first_name}} in the body',
    );
  });

  it('knows which placeholders a thank-you may use', () => {
    const thanks = {
      ...input('Thanks for {{payment_received}}; {{amount_remaining}} left.', 'Thank you'),
      stage: { name: 'Part payment acknowledged', template: 'part-payment', tone: 'friendly' as const },
      invoices: [],
      payments: [{ number: 'INV-9', amount: 5000, remaining: 1000, currency: 'NZD', dueDate: '2026-11-01' }],
    };
    expect(renderReminder(thanks).text).toBe('Thanks for $50.00 NZD; $10.00 NZD left.');
    expect(() => renderReminder(input('Thanks for {{payment_received}}'))).toThrow(
      '{{payment_received}} in the body only works in thank-you messages',
    );
  });
});

describe('text messages', () => {
  const sms = (tone: Tone, invoices = [invoiceFor('INV-0012', 123450)]) =>
    renderSms({
      tone,
      business: { name: 'Kiwi Tiles Ltd', replyTo: 'accounts@kiwitiles.example' },
      debtor: { name: 'Acme Ltd', contactName: 'Jo Bloggs' },
      invoices,
      today: '2026-11-24',
    });

  it.each([
    {
      tone: 'friendly' as const,
      text: 'Hi Jo, a friendly heads-up from Kiwi Tiles Ltd: invoice INV-0012 ($1,234.50 NZD) is due on 16 Nov 2026. Questions? Email accounts@kiwitiles.example',
    },
    {
      tone: 'polite' as const,
      text: "Hi Jo, a reminder from Kiwi Tiles Ltd: invoice INV-0012 ($1,234.50 NZD) was due on 16 Nov 2026. If you've already paid, thank you. Questions? Email accounts@kiwitiles.example",
    },
    {
      tone: 'firm' as const,
      text: 'Hi Jo, invoice INV-0012 ($1,234.50 NZD) from Kiwi Tiles Ltd is 8 days overdue. If paying it all at once is hard, we can arrange instalments. Questions? Email accounts@kiwitiles.example',
    },
    {
      tone: 'final' as const,
      text: 'Hi Jo, a final reminder from Kiwi Tiles Ltd: invoice INV-0012 ($1,234.50 NZD) is 8 days overdue. Please pay or get in touch so we can agree a way forward. Questions? Email accounts@kiwitiles.example',
    },
  ])('$tone', ({ tone, text }) => {
    expect(sms(tone)).toBe(text);
    expect(text.length).toBeLessThanOrEqual(SMS_MAX_LENGTH);
    expect(text).not.toMatch(THREATS);
  });

  it('several invoices: counted, with the total per currency', () => {
    expect(sms('polite', [invoiceFor('A', 1000), invoiceFor('B', 2000)])).toContain(
      '2 invoices ($30.00 NZD) were due',
    );
  });

  it('stays within two segments, dropping the reply line first', () => {
    const long = renderSms({
      tone: 'final',
      business: { name: 'K'.repeat(200), replyTo: 'accounts@kiwitiles.example' },
      debtor: { name: 'Acme', contactName: null },
      invoices: [invoiceFor('INV-1', 100)],
      today: '2026-11-24',
    });
    expect(long.length).toBeLessThanOrEqual(SMS_MAX_LENGTH);
    expect(long).not.toContain('Questions?');
  });

  it('one invoice: its page to pay online comes before the reply line, and stays when the reply line must go', () => {
    const url = 'https://in.xero.com/bCWCCfytGdTXoJam9HENWlQt07G6zcDaj4gQojHu';
    const one = [{ ...invoiceFor('INV-0012', 123450), payUrl: url }];
    expect(sms('polite', one)).toBe(
      "Hi Jo, a reminder from Kiwi Tiles Ltd: invoice INV-0012 ($1,234.50 NZD) was due on 16 Nov 2026. If you've already paid, thank you. " +
        `Pay online: ${url} Questions? Email accounts@kiwitiles.example`,
    );
    const long = renderSms({
      tone: 'final',
      business: { name: 'K'.repeat(80), replyTo: 'accounts@kiwitiles.example' },
      debtor: { name: 'Acme', contactName: null },
      invoices: one,
      today: '2026-11-24',
    });
    expect(long.length).toBeLessThanOrEqual(SMS_MAX_LENGTH);
    expect(long).toContain(`Pay online: ${url}`);
    expect(long).not.toContain('Questions?');
  });

  it('several invoices: no link, since a text has room for one', () => {
    const two = [invoiceFor('A', 1000), invoiceFor('B', 2000)].map((i) => ({
      ...i,
      payUrl: 'https://pay.example/x',
    }));
    expect(sms('polite', two)).not.toContain('Pay online');
  });

  it('a task is never a text', () => {
    expect(() => sms('escalation')).toThrow('An escalation is a task for a person, not a text');
  });
});

function invoiceFor(number: string, amountDue: number) {
  return { number, issueDate: '2026-10-17', dueDate: '2026-11-16', amountDue, currency: 'NZD' };
}
