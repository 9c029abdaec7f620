import { createHash } from 'node:crypto';
import { addDays } from '../../src/domain/dates';
import {
  planDebtor,
  planningContext,
  type PlannerDebtor,
  type PlannerInvoice,
  type PlanningContext,
} from '../../src/domain/planner';
import type { PaymentEvent } from '../../src/domain/planner-input';
import { standardPolicy } from '../../src/domain/policy';
import { TODAY, ago, debtor, invoice } from '../support/planner-fixtures';

const plan = (
  invoices: PlannerInvoice[],
  overrides: Partial<PlannerDebtor> = {},
  context: PlanningContext = planningContext(),
  today = TODAY,
) => planDebtor(context, debtor(invoices, overrides), today);
const summary = (p: ReturnType<typeof plan>) => ({
  actions: p.actions.map((a) => `${a.kind}:${a.currency}:${a.doneKey}:${a.invoiceIds.join(',')}`),
  skips: p.skips.map((s) => `${s.cause}:${s.stageKey}:${s.invoiceIds.join(',')}`),
});

describe('unallocated credit holds every reminder in its currency and asks for it to be allocated', () => {
  const credit = (amount: number, currency = 'NZD') => ({ unallocatedCredit: [{ currency, amount }] });

  it('holds the reminder and raises a task instead', () => {
    const p = plan([invoice()], credit(20000));
    expect(p.skips).toEqual([
      {
        debtorId: 'debtor-1',
        invoiceIds: ['inv-12'],
        stageKey: 'first-reminder',
        cause: 'credit',
        reason:
          "not sent: Acme Ltd has $200.00 NZD of unallocated credit; 'First reminder' for INV-0012 waits until it " +
          'is allocated',
      },
    ]);
    expect(p.actions).toEqual([
      expect.objectContaining({
        kind: 'allocate_credit',
        credit: 20000,
        channel: 'task',
        taskKind: 'allocate_credit',
        stageKey: 'allocate-credit',
        doneKey: 'allocate-credit:20000',
        template: 'allocate-credit',
        currency: 'NZD',
        invoiceIds: ['inv-12'],
        requiresApproval: false,
        reason:
          'Acme Ltd has $200.00 NZD of unallocated credit while INV-0012 is open in NZD: allocate it, and chasing ' +
          'in NZD resumes on its own',
      }),
    ]);
  });

  it.each([
    {
      name: 'a call task in the currency is held too',
      invoices: [
        invoice({ dueDate: ago(46), stagesDone: standardPolicy.stages.slice(0, 5).map((s) => s.key) }),
      ],
      extra: credit(20000),
      expected: {
        actions: ['allocate_credit:NZD:allocate-credit:20000:inv-12'],
        skips: ['credit:call-customer:inv-12'],
      },
    },
    {
      name: 'credit in another currency holds nothing here',
      invoices: [invoice()],
      extra: credit(20000, 'AUD'),
      expected: { actions: ['stage:NZD:first-reminder:inv-12'], skips: [] },
    },
    {
      name: 'the currency code in lower case is the same currency',
      invoices: [invoice()],
      extra: credit(20000, 'nzd'),
      expected: {
        actions: ['allocate_credit:NZD:allocate-credit:20000:inv-12'],
        skips: ['credit:first-reminder:inv-12'],
      },
    },
    {
      name: 'a task is raised even before any reminder is due',
      invoices: [invoice({ dueDate: addDays(TODAY, 20) })],
      extra: credit(500),
      expected: { actions: ['allocate_credit:NZD:allocate-credit:500:inv-12'], skips: [] },
    },
    {
      name: 'a task already raised for this credit is not raised again',
      invoices: [invoice({ stagesDone: ['allocate-credit:20000'] })],
      extra: credit(20000),
      expected: { actions: [], skips: ['credit:first-reminder:inv-12'] },
    },
    {
      name: 'new credit raises a new task',
      invoices: [invoice({ stagesDone: ['allocate-credit:20000'] })],
      extra: {
        unallocatedCredit: [
          { currency: 'NZD', amount: 20000 },
          { currency: 'NZD', amount: 5000 },
        ],
      },
      expected: {
        actions: ['allocate_credit:NZD:allocate-credit:25000:inv-12'],
        skips: ['credit:first-reminder:inv-12'],
      },
    },
    {
      name: 'no credit (zero) holds nothing',
      invoices: [invoice()],
      extra: credit(0),
      expected: { actions: ['stage:NZD:first-reminder:inv-12'], skips: [] },
    },
    {
      name: 'no open invoice in the currency: no task',
      invoices: [invoice({ currency: 'AUD' })],
      extra: credit(20000),
      expected: { actions: ['stage:AUD:first-reminder:inv-12'], skips: [] },
    },
  ])('$name', ({ invoices, extra, expected }) => {
    expect(summary(plan(invoices, extra))).toEqual(expected);
  });

  it('the task’s key names the credit, not the invoices: a new invoice is no reason for a second task', () => {
    const keyWith = (invoices: PlannerInvoice[]) => plan(invoices, credit(20000)).actions[0]?.idempotencyKey;
    const digest = createHash('sha256').update('').digest('hex').slice(0, 16);
    expect(keyWith([invoice()])).toBe(`allocate-credit:20000:NZD:debtor-1:${digest}`);
    expect(keyWith([invoice(), invoice({ id: 'new', number: 'INV-0100' })])).toBe(keyWith([invoice()]));
  });

  it('holds instalment reminders in its currency', () => {
    const p = plan([invoice()], {
      ...credit(20000),
      paymentPlans: [
        {
          id: 'p',
          invoiceIds: ['inv-12'],
          currency: 'NZD',
          agreedOn: ago(5),
          instalments: [{ dueDate: addDays(TODAY, 2), amount: 123450 }],
        },
      ],
    });
    expect(summary(p).skips).toEqual([
      'payment_plan:first-reminder:inv-12',
      'credit:instalment-reminder:inv-12',
    ]);
  });
});

describe('thank-yous and acknowledgements after payments', () => {
  const payment = (overrides: Partial<PaymentEvent> = {}): PaymentEvent => ({
    invoiceId: 'inv-9',
    number: 'INV-0009',
    currency: 'NZD',
    kind: 'paid',
    on: ago(1),
    amount: 50000,
    remaining: 0,
    chased: true,
    acknowledged: false,
    ...overrides,
  });

  it('thanks a customer whose chased invoice is now paid', () => {
    const [action] = plan([], { payments: [payment()] }).actions;
    expect(action).toEqual(
      expect.objectContaining({
        kind: 'thanks',
        stageKey: 'thank-you',
        doneKey: `thank-you@${ago(1)}`,
        stageName: 'Thank you',
        channel: 'email',
        tone: 'friendly',
        template: 'thank-you',
        currency: 'NZD',
        invoiceIds: ['inv-9'],
        recipient: 'jo@acme.example',
        requiresApproval: false,
        payments: [{ invoiceId: 'inv-9', number: 'INV-0009', on: ago(1), amount: 50000, remaining: 0 }],
        reason: 'INV-0009 paid in full on 23 Nov 2026, after reminders: a thank-you',
      }),
    );
  });

  it('acknowledges a part payment and states what remains', () => {
    const [action] = plan([], { payments: [payment({ kind: 'part_paid', remaining: 73450 })] }).actions;
    expect(action).toMatchObject({
      stageKey: 'part-payment',
      template: 'part-payment',
      stageName: 'Part payment acknowledged',
    });
    expect(action?.reason).toBe(
      '$500.00 NZD received for INV-0009 on 23 Nov 2026, $734.50 NZD remaining, after reminders: an acknowledgement ' +
        'stating what remains',
    );
  });

  it.each([
    { name: 'an invoice we never chased', changes: { chased: false }, thanked: false },
    { name: 'a payment already thanked', changes: { acknowledged: true }, thanked: false },
    { name: 'a payment 7 days old', changes: { on: ago(7) }, thanked: true },
    {
      name: 'a payment 8 days old: too late to thank out of the blue',
      changes: { on: ago(8) },
      thanked: false,
    },
    { name: 'a payment recorded for tomorrow', changes: { on: addDays(TODAY, 1) }, thanked: false },
  ])('$name -> thanked: $thanked', ({ changes, thanked }) => {
    expect(plan([], { payments: [payment(changes)] }).actions.length).toBe(thanked ? 1 : 0);
  });

  it('is welcome any time: it does not wait for the minimum gap', () => {
    expect(plan([], { payments: [payment()], lastContactOn: ago(1) }).actions.map((a) => a.kind)).toEqual([
      'thanks',
    ]);
  });

  it('but it is the day’s one email: the reminder waits for the next day', () => {
    const p = plan([invoice()], { payments: [payment()] });
    expect(summary(p)).toEqual({
      actions: ['thanks:NZD:thank-you@2026-11-23:inv-9'],
      skips: ['one_a_day:first-reminder:inv-12'],
    });
    expect(p.skips[0]?.reason).toBe(
      "'First reminder' for INV-0012 waits for the next contact: one email a day, and today's is the thank-you for INV-0009",
    );
  });

  it('and it does not go on a day a message already went', () => {
    expect(summary(plan([], { payments: [payment()], lastContactOn: TODAY }))).toEqual({
      actions: [],
      skips: ['one_a_day:thank-you:inv-9'],
    });
  });

  it('one thank-you covers every payment in a currency; another currency waits for the next day', () => {
    const p = plan([], {
      payments: [
        payment(),
        payment({ invoiceId: 'inv-10', number: 'INV-0010', on: ago(2) }),
        payment({ invoiceId: 'inv-11', number: 'INV-0011', currency: 'AUD', on: ago(3) }),
      ],
    });
    expect(summary(p)).toEqual({
      actions: ['thanks:AUD:thank-you@2026-11-21:inv-11'],
      skips: ['one_a_day:thank-you:inv-10,inv-9'],
    });
  });

  it('a second part payment on the same invoice is acknowledged again, under its own key', () => {
    const first = plan([], { payments: [payment({ kind: 'part_paid', remaining: 70000, on: ago(5) })] })
      .actions[0];
    const second = plan([], {
      payments: [
        payment({ kind: 'part_paid', remaining: 70000, on: ago(5), acknowledged: true }),
        payment({ kind: 'part_paid', remaining: 20000, on: ago(1) }),
      ],
    }).actions[0];
    expect(first?.doneKey).toBe(`part-payment@${ago(5)}`);
    expect(second?.doneKey).toBe(`part-payment@${ago(1)}`);
    expect(second?.idempotencyKey).not.toBe(first?.idempotencyKey);
  });

  it('the key is the same when planned again on a later day', () => {
    const key = (today: string) =>
      plan([], { payments: [payment()] }, planningContext(), today).actions[0]?.idempotencyKey;
    expect(key(TODAY)).toBe(key(addDays(TODAY, 1)));
  });

  it('unallocated credit holds an acknowledgement (it states a balance the credit may settle), not a thank-you', () => {
    const p = plan([], {
      unallocatedCredit: [{ currency: 'NZD', amount: 1000 }],
      payments: [
        payment(),
        payment({ invoiceId: 'inv-8', number: 'INV-0008', kind: 'part_paid', remaining: 100 }),
      ],
    });
    expect(summary(p)).toEqual({
      actions: ['thanks:NZD:thank-you@2026-11-23:inv-9'],
      skips: ['credit:part-payment:inv-8'],
    });
  });

  it.each([
    {
      name: 'a suppressed address',
      extra: {},
      context: planningContext({ suppressed: new Set(['jo@acme.example']) }),
      kinds: [],
    },
    {
      name: 'an excluded customer',
      extra: { overrides: { excluded: true } },
      context: planningContext(),
      kinds: [],
    },
    {
      name: 'approval mode',
      extra: {},
      context: planningContext({ approvalMode: true }),
      kinds: ['thanks:true'],
    },
  ])('$name', ({ extra, context, kinds }) => {
    const p = plan([], { payments: [payment()], ...extra }, context);
    expect(p.actions.map((a) => `${a.kind}:${a.requiresApproval}`)).toEqual(kinds);
  });
});
