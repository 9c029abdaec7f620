import {
  mismatch,
  outstanding,
  overApplied,
  transitions,
  type InvoiceSnapshot,
  type InvoiceStatus,
  type MoneyApplied,
} from '../../src/domain/reconcile';

const paid = (amount: number): MoneyApplied => ({ amount, status: 'active' });
const removed = (amount: number): MoneyApplied => ({ amount, status: 'deleted' });

describe('outstanding', () => {
  it.each<{
    name: string;
    status: InvoiceStatus;
    payments: MoneyApplied[];
    credits: number[];
    expected: number;
  }>([
    {
      name: 'nothing applied owes the total',
      status: 'authorised',
      payments: [],
      credits: [],
      expected: 100000,
    },
    {
      name: 'payments are subtracted',
      status: 'authorised',
      payments: [paid(30000), paid(25050)],
      credits: [],
      expected: 44950,
    },
    {
      name: 'a deleted payment no longer counts',
      status: 'authorised',
      payments: [paid(30000), removed(70000)],
      credits: [],
      expected: 70000,
    },
    {
      name: 'credit notes and prepayments are subtracted',
      status: 'authorised',
      payments: [paid(50000)],
      credits: [20000, 5000],
      expected: 25000,
    },
    {
      name: 'fully paid owes nothing',
      status: 'paid',
      payments: [paid(60000)],
      credits: [40000],
      expected: 0,
    },
    {
      name: 'over-applied shows 0, never a negative debt',
      status: 'authorised',
      payments: [paid(90000)],
      credits: [20000],
      expected: 0,
    },
    {
      name: 'a submitted invoice awaiting approval still counts',
      status: 'submitted',
      payments: [],
      credits: [],
      expected: 100000,
    },
    { name: 'a draft owes nothing', status: 'draft', payments: [], credits: [], expected: 0 },
    { name: 'a voided invoice owes nothing', status: 'voided', payments: [], credits: [], expected: 0 },
    {
      name: 'a deleted invoice owes nothing',
      status: 'deleted',
      payments: [paid(100)],
      credits: [],
      expected: 0,
    },
  ])('$name', ({ status, payments, credits, expected }) => {
    const result = outstanding(
      { status, total: 100000 },
      payments,
      credits.map((amount) => ({ amount })),
    );
    expect(result).toBe(expected);
  });

  it('reports the over-application separately, for a person to look at', () => {
    expect(overApplied({ status: 'authorised', total: 100000 }, [paid(90000)], [{ amount: 20000 }])).toBe(
      10000,
    );
    expect(overApplied({ status: 'authorised', total: 100000 }, [paid(90000)], [])).toBe(0);
  });

  it('refuses an amount that is not whole minor units, rather than drift by a fraction of a cent', () => {
    expect(() => outstanding({ status: 'authorised', total: 100000 }, [paid(0.1)], [])).toThrow(RangeError);
  });
});

describe('mismatch', () => {
  it.each([
    { name: 'agreeing figures', computed: 44950, platform: 44950, expected: null },
    { name: 'we think more is owed', computed: 50000, platform: 44950, expected: 5050 },
    { name: 'the platform thinks more is owed', computed: 0, platform: 2000, expected: -2000 },
  ])('$name -> $expected', ({ computed, platform, expected }) => {
    expect(mismatch(computed, platform)).toBe(expected);
  });
});

describe('transitions', () => {
  const open: InvoiceSnapshot = {
    status: 'authorised',
    outstanding: 100000,
    total: 100000,
    dueDate: '2026-11-16',
  };
  const at = (changes: Partial<InvoiceSnapshot>): InvoiceSnapshot => ({ ...open, ...changes });

  it.each<{ name: string; before: InvoiceSnapshot | null; after: InvoiceSnapshot; kinds: string[] }>([
    { name: 'first sight yields nothing', before: null, after: at({ outstanding: 20000 }), kinds: [] },
    { name: 'no change yields nothing', before: open, after: open, kinds: [] },
    { name: 'paid in full', before: open, after: at({ status: 'paid', outstanding: 0 }), kinds: ['paid'] },
    {
      name: 'paid in full, status not yet updated',
      before: open,
      after: at({ outstanding: 0 }),
      kinds: ['paid'],
    },
    { name: 'part paid', before: open, after: at({ outstanding: 40000 }), kinds: ['part_paid'] },
    {
      name: 'a second part payment',
      before: at({ outstanding: 40000 }),
      after: at({ outstanding: 10000 }),
      kinds: ['part_paid'],
    },
    {
      name: 'reopened when a payment is removed',
      before: at({ status: 'paid', outstanding: 0 }),
      after: at({ outstanding: 100000 }),
      kinds: ['reopened'],
    },
    {
      name: 'reopened when part of the payments is removed',
      before: at({ outstanding: 10000 }),
      after: at({ outstanding: 40000 }),
      kinds: ['reopened'],
    },
    {
      name: 'reopened when marked unpaid again',
      before: at({ status: 'paid', outstanding: 0 }),
      after: at({ status: 'authorised', outstanding: 0 }),
      kinds: ['reopened'],
    },
    { name: 'voided', before: open, after: at({ status: 'voided', outstanding: 0 }), kinds: ['voided'] },
    { name: 'deleted', before: open, after: at({ status: 'deleted', outstanding: 0 }), kinds: ['deleted'] },
    {
      name: 'voided after being paid is still a void, not a payment',
      before: at({ status: 'paid', outstanding: 0 }),
      after: at({ status: 'voided', outstanding: 0 }),
      kinds: ['voided'],
    },
    {
      name: 'already voided yields nothing more',
      before: at({ status: 'voided', outstanding: 0 }),
      after: at({ status: 'voided', outstanding: 0 }),
      kinds: [],
    },
    {
      name: 'due date moved',
      before: open,
      after: at({ dueDate: '2026-11-30' }),
      kinds: ['due_date_changed'],
    },
    {
      name: 'part paid and due date moved together',
      before: open,
      after: at({ outstanding: 50000, dueDate: '2026-11-30' }),
      kinds: ['part_paid', 'due_date_changed'],
    },
    {
      name: 'an edit that lowers the total is not a payment',
      before: open,
      after: at({ total: 80000, outstanding: 80000 }),
      kinds: [],
    },
    {
      name: 'an edit that raises the total is not a removed payment',
      before: open,
      after: at({ total: 120000, outstanding: 120000 }),
      kinds: [],
    },
    {
      name: 'a draft approved is new to chase, not reopened',
      before: at({ status: 'draft', outstanding: 0 }),
      after: open,
      kinds: [],
    },
  ])('$name', ({ before, after, kinds }) => {
    expect(transitions(before, after).map((e) => e.kind)).toEqual(kinds);
  });

  it('names the old and the new due date', () => {
    expect(transitions(open, at({ dueDate: '2026-11-30' }))).toEqual([
      { kind: 'due_date_changed', detail: 'due date moved from 16 Nov 2026 to 30 Nov 2026' },
    ]);
  });

  it.each([
    {
      name: 'part payment',
      before: { ...open, currency: 'NZD' },
      after: at({ outstanding: 40000, currency: 'NZD' }),
      detail: '$600.00 NZD received; $400.00 NZD still owed',
    },
    {
      name: 'payment in full',
      before: at({ outstanding: 40000, currency: 'NZD' }),
      after: at({ outstanding: 0, status: 'paid', currency: 'NZD' }),
      detail: 'paid in full; the last $400.00 NZD settled',
    },
    {
      name: 'payment removed',
      before: at({ outstanding: 0, status: 'paid', currency: 'NZD' }),
      after: at({ outstanding: 25000, currency: 'NZD' }),
      detail: 'a payment or credit of $250.00 NZD was removed; $250.00 NZD is owed again',
    },
  ])('states the amounts of a $name when the currency is known', ({ before, after, detail }) => {
    expect(transitions(before, after).map((e) => e.detail)).toEqual([detail]);
  });
});
