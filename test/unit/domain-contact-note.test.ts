import { contactNote, type ContactNoteInput } from '../../src/domain/contact-note';

const XERO_LIMIT = 250;

function note(overrides: Partial<ContactNoteInput> = {}): ContactNoteInput {
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
