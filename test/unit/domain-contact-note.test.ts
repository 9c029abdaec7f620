import { contactNote, type ContactNoteInput, type StageContactNote } from '../../src/domain/contact-note';

const XERO_LIMIT = 250;

function note(overrides: Partial<StageContactNote> = {}): StageContactNote {
  return {
    channel: 'email',
    stageName: 'Second reminder',
    recipient: 'jo@acme.example',
    date: '2026-11-24',
    invoiceNumbers: ['INV-0012', 'INV-0015'],
    ...overrides,
  };
}

const numbers = (n: number) => Array.from({ length: n }, (_, i) => `INV-${String(i + 1).padStart(4, '0')}`);

describe('what the note says', () => {
  it.each([
    {
      name: 'an email',
      input: note(),
      expected:
        "Goodwill: 'Second reminder' emailed to jo@acme.example on 24 Nov 2026 covering INV-0012, INV-0015.",
    },
    {
      name: 'an email with the amount due',
      input: note({ invoiceNumbers: ['INV-0012'], amountDue: { minor: 123450, currency: 'NZD' } }),
      expected:
        "Goodwill: 'Second reminder' emailed to jo@acme.example on 24 Nov 2026 covering INV-0012; $1,234.50 NZD due.",
    },
    {
      name: 'an email whose recipient is not known',
      input: note({ recipient: null }),
      expected: "Goodwill: 'Second reminder' emailed on 24 Nov 2026 covering INV-0012, INV-0015.",
    },
    {
      name: 'a task',
      input: note({
        channel: 'task',
        stageName: 'Call the customer',
        recipient: null,
        invoiceNumbers: ['INV-0001'],
      }),
      expected: "Goodwill: task 'Call the customer' opened for the team on 24 Nov 2026 covering INV-0001.",
    },
  ])('$name', ({ input, expected }) => {
    expect(contactNote(input, XERO_LIMIT)).toBe(expected);
  });
});

describe('always fits the platform limit', () => {
  const longEmail = `accounts.receivable.department.${'x'.repeat(80)}@very-long-company-name.example`;

  it('shortens the invoice list first, keeping the recipient and stage whole', () => {
    const text = contactNote(
      note({ invoiceNumbers: numbers(40), amountDue: { minor: 9999999, currency: 'NZD' } }),
      XERO_LIMIT,
    );
    expect(text.length).toBeLessThanOrEqual(XERO_LIMIT);
    expect(text).toMatch(/covering INV-0001, INV-0002, .* and \d+ more; \$99,999\.99 NZD due\.$/);
    expect(text).toContain("'Second reminder' emailed to jo@acme.example");
  });

  it('with a long email address the list goes down to "INV-0001 and N more" before the address is cut', () => {
    const text = contactNote(note({ recipient: longEmail, invoiceNumbers: numbers(40) }), XERO_LIMIT);
    expect(text.length).toBeLessThanOrEqual(XERO_LIMIT);
    expect(text).toContain(`to ${longEmail} on 24 Nov 2026`);
    expect(text).toMatch(/covering INV-0001(, INV-\d{4})* and \d+ more\.$/);
  });

  it.each([250, 120, 80, 40, 10, 1, 0])('to %i characters with everything too long', (limit) => {
    const text = contactNote(
      note({
        recipient: `${longEmail}${'y'.repeat(300)}`,
        stageName: 'A very long stage name '.repeat(20),
        invoiceNumbers: numbers(500),
        amountDue: { minor: 123450, currency: 'NZD' },
      }),
      limit,
    );
    expect(text.length).toBeLessThanOrEqual(limit);
    if (limit >= 40) expect(text.startsWith('Goodwill:')).toBe(true);
  });

  it('cuts the address only as far as needed once the list is as short as it goes', () => {
    const text = contactNote(
      note({ recipient: `${'z'.repeat(300)}@acme.example`, invoiceNumbers: numbers(3) }),
      XERO_LIMIT,
    );
    expect(text.length).toBe(XERO_LIMIT);
    expect(text).toMatch(/emailed to z+… on 24 Nov 2026 covering INV-0001 and 2 more\.$/);
  });

  it('never splits an emoji in half', () => {
    const text = contactNote(
      note({ stageName: '😀'.repeat(200), recipient: null, invoiceNumbers: ['INV-1'] }),
      100,
    );
    expect(text.length).toBeLessThanOrEqual(100);
    expect(text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});

describe('notes for everything else that happens', () => {
  const nzd = (minor: number) => ({ minor, currency: 'NZD' });

  it.each<{ name: string; input: ContactNoteInput; expected: string }>([
    {
      name: 'a text',
      input: note({ channel: 'sms', recipient: '+64215550101', invoiceNumbers: ['INV-0012'] }),
      expected: "Goodwill: 'Second reminder' texted to +64215550101 on 24 Nov 2026 covering INV-0012.",
    },
    {
      name: 'a dispute',
      input: {
        kind: 'dispute',
        date: '2026-11-03',
        invoiceNumbers: ['INV-0204'],
        reason: 'wrong quantity delivered',
        person: 'Jo Bloggs',
        via: 'email',
      },
      expected:
        'Goodwill: Jo Bloggs disputed INV-0204 by email on 3 Nov 2026: "wrong quantity delivered". Reminders paused ' +
        'until it is resolved.',
    },
    {
      name: 'a promise to pay',
      input: {
        kind: 'promise',
        date: '2026-11-24',
        promisedFor: '2026-12-01',
        invoiceNumbers: ['INV-0012'],
        person: 'Jo Bloggs',
        via: 'phone',
        amountDue: nzd(123450),
      },
      expected:
        'Goodwill: Jo Bloggs promised by phone on 24 Nov 2026 to pay INV-0012 ($1,234.50 NZD) by 1 Dec 2026. ' +
        'Reminders paused until then.',
    },
    {
      name: 'a payment plan',
      input: {
        kind: 'payment_plan',
        date: '2026-11-24',
        invoiceNumbers: ['INV-0012', 'INV-0015'],
        person: 'Jo Bloggs',
        via: 'email',
        instalmentCount: 3,
        firstInstalmentOn: '2026-12-01',
        total: nzd(128450),
      },
      expected:
        'Goodwill: payment plan agreed with Jo Bloggs by email on 24 Nov 2026 covering INV-0012, INV-0015: 3 ' +
        'instalments from 1 Dec 2026, $1,284.50 NZD in all. Instalment reminders replace overdue reminders.',
    },
    {
      name: 'a broken promise',
      input: {
        kind: 'promise_broken',
        date: '2026-12-05',
        promisedFor: '2026-12-01',
        invoiceNumbers: ['INV-0012'],
        amountDue: nzd(123450),
      },
      expected:
        'Goodwill: promise to pay by 1 Dec 2026 not kept; INV-0012 still unpaid on 5 Dec 2026 ($1,234.50 NZD due). ' +
        'Reminders resume.',
    },
    {
      name: 'a lapsed payment plan',
      input: {
        kind: 'plan_lapsed',
        date: '2026-12-05',
        missedDueDate: '2026-12-01',
        invoiceNumbers: ['INV-0012'],
        missedAmount: nzd(41150),
      },
      expected:
        'Goodwill: instalment of $411.50 NZD due 1 Dec 2026 missed; payment plan lapsed on 5 Dec 2026 covering ' +
        'INV-0012. Reminders resume.',
    },
    {
      name: 'a call made by hand',
      input: {
        kind: 'call',
        date: '2026-11-24',
        invoiceNumbers: ['INV-0012'],
        person: 'Jo Bloggs',
        outcome: 'will pay half on Friday, the rest next month',
      },
      expected:
        'Goodwill: called Jo Bloggs on 24 Nov 2026 about INV-0012: "will pay half on Friday, the rest next month".',
    },
    {
      name: 'a call that found nobody',
      input: {
        kind: 'call',
        date: '2026-11-24',
        invoiceNumbers: ['INV-0012', 'INV-0015'],
        person: 'Jo Bloggs (+64 21 555 0101)',
        outcome: '',
        result: 'no answer',
      },
      expected:
        'Goodwill: called Jo Bloggs (+64 21 555 0101) on 24 Nov 2026 about INV-0012, INV-0015 (no answer).',
    },
    {
      name: 'a thank-you',
      input: {
        kind: 'thanks',
        date: '2026-11-24',
        invoiceNumbers: ['INV-0009'],
        recipient: 'jo@acme.example',
      },
      expected:
        'Goodwill: thank-you for payment emailed to jo@acme.example on 24 Nov 2026 covering INV-0009.',
    },
    {
      name: 'an acknowledgement of a part payment',
      input: {
        kind: 'thanks',
        date: '2026-11-24',
        invoiceNumbers: ['INV-0009'],
        recipient: 'jo@acme.example',
        received: nzd(50000),
        remaining: nzd(73450),
      },
      expected:
        'Goodwill: part payment acknowledged by email to jo@acme.example on 24 Nov 2026 covering INV-0009; ' +
        '$500.00 NZD received, $734.50 NZD remains.',
    },
  ])('$name', ({ input, expected }) => {
    const text = contactNote(input, XERO_LIMIT);
    expect(text).toBe(expected);
    expect(text.length).toBeLessThanOrEqual(XERO_LIMIT);
  });

  it('a long dispute reason is shortened before the person and the sentence', () => {
    const text = contactNote(
      {
        kind: 'dispute',
        date: '2026-11-03',
        invoiceNumbers: numbers(30),
        reason: 'the goods arrived damaged '.repeat(20),
        person: 'Jo Bloggs',
        via: 'phone',
      },
      XERO_LIMIT,
    );
    expect(text.length).toBeLessThanOrEqual(XERO_LIMIT);
    expect(text).toMatch(
      /^Goodwill: Jo Bloggs disputed INV-0001 and 29 more by phone on 3 Nov 2026: "the goods/,
    );
    expect(text).toMatch(/…"\. Reminders paused until it is resolved\.$/);
  });

  it.each([250, 120, 60, 20, 0])('every kind fits %i characters', (limit) => {
    const long = 'x'.repeat(400);
    const inputs: ContactNoteInput[] = [
      {
        kind: 'dispute',
        date: '2026-11-03',
        invoiceNumbers: numbers(99),
        reason: long,
        person: long,
        via: 'email',
      },
      {
        kind: 'promise',
        date: '2026-11-03',
        promisedFor: '2026-12-01',
        invoiceNumbers: numbers(99),
        person: long,
        via: 'in person',
      },
      { kind: 'call', date: '2026-11-03', invoiceNumbers: numbers(99), person: long, outcome: long },
      {
        kind: 'thanks',
        date: '2026-11-03',
        invoiceNumbers: numbers(99),
        recipient: long,
        received: nzd(1),
        remaining: nzd(2),
      },
    ];
    for (const input of inputs) expect(contactNote(input, limit).length).toBeLessThanOrEqual(limit);
  });
});
