import { addDays } from '../../src/domain/dates';
import {
  planDebtor,
  planningContext,
  type PlannerDebtor,
  type PlannerInvoice,
} from '../../src/domain/planner';
import type { PaymentPlan, PromiseToPay } from '../../src/domain/planner-input';
import { TODAY, ago, debtor, invoice } from '../support/planner-fixtures';

const ahead = (days: number) => addDays(TODAY, days);
const context = planningContext();

const plan = (invoices: PlannerInvoice[], overrides: Partial<PlannerDebtor> = {}) =>
  planDebtor(context, debtor(invoices, overrides), TODAY);
const summary = (p: ReturnType<typeof plan>) => ({
  actions: p.actions.map((a) => `${a.kind}:${a.doneKey}:${a.invoiceIds.join(',')}`),
  skips: p.skips.map((s) => `${s.cause}:${s.stageKey}:${s.invoiceIds.join(',')}`),
});

describe('a dispute pauses its invoice until it is resolved', () => {
  const disputed = invoice({ id: 'inv-204', number: 'INV-0204' });
  const dispute = (changes: { raisedOn?: string; resolvedOn?: string | null } = {}) => ({
    disputes: [
      {
        invoiceId: 'inv-204',
        raisedOn: '2026-11-03',
        reason: 'wrong quantity',
        resolvedOn: null,
        ...changes,
      },
    ],
  });

  it('says what paused what', () => {
    expect(plan([disputed], dispute())).toEqual({
      actions: [],
      skips: [
        {
          debtorId: 'debtor-1',
          invoiceIds: ['inv-204'],
          stageKey: 'first-reminder',
          cause: 'dispute',
          reason:
            'not sent: Acme Ltd disputed INV-0204 on 3 Nov 2026 ("wrong quantity"); reminders about it wait until ' +
            'the dispute is resolved',
        },
      ],
    });
  });

  it.each([
    { name: 'open', changes: {}, chased: false },
    { name: 'resolved today', changes: { resolvedOn: TODAY }, chased: true },
    { name: 'resolved earlier', changes: { resolvedOn: ago(5) }, chased: true },
    { name: 'resolution recorded for tomorrow', changes: { resolvedOn: ahead(1) }, chased: false },
    { name: 'raised only tomorrow', changes: { raisedOn: ahead(1) }, chased: true },
  ])('$name -> chased: $chased', ({ changes, chased }) => {
    expect(plan([disputed], dispute(changes)).actions.length).toBe(chased ? 1 : 0);
  });

  it('the customer’s other invoices are still chased', () => {
    const other = invoice({ id: 'inv-205', number: 'INV-0205' });
    expect(summary(plan([disputed, other], dispute()))).toEqual({
      actions: ['stage:first-reminder:inv-205'],
      skips: ['dispute:first-reminder:inv-204'],
    });
  });

  it('a dispute pauses an invoice in a payment plan or under a promise too', () => {
    const p = plan([disputed], {
      ...dispute(),
      promises: [{ invoiceIds: ['inv-204'], madeOn: ago(1), promisedFor: ahead(5) }],
    });
    expect(p.skips.map((s) => s.cause)).toEqual(['dispute']);
  });

  it('a paused invoice with nothing due today is silent', () => {
    expect(plan([invoice({ id: 'inv-204', dueDate: ahead(10) })], dispute())).toEqual({
      actions: [],
      skips: [],
    });
  });
});

describe('a promise to pay pauses until the promised date, and a few days for the money to arrive', () => {
  const promise = (changes: Partial<PromiseToPay> = {}): PromiseToPay => ({
    invoiceIds: ['inv-12'],
    madeOn: ago(3),
    promisedFor: ahead(5),
    ...changes,
  });

  it('says who promised what, and until when reminders wait', () => {
    expect(plan([invoice()], { promises: [promise()] }).skips).toEqual([
      {
        debtorId: 'debtor-1',
        invoiceIds: ['inv-12'],
        stageKey: 'first-reminder',
        cause: 'promise',
        reason:
          "not sent: Acme Ltd promised on 21 Nov 2026 to pay INV-0012 by 29 Nov 2026; 'First reminder' waits until " +
          '3 Dec 2026',
      },
    ]);
  });

  it.each([
    {
      name: 'promised for next week',
      promisedFor: ahead(5),
      expected: { actions: [], skips: ['promise:first-reminder:inv-12'] },
    },
    {
      name: 'promised for today',
      promisedFor: TODAY,
      expected: { actions: [], skips: ['promise:first-reminder:inv-12'] },
    },
    {
      name: 'the 3rd day after the promised date: still allowing for the money to arrive',
      promisedFor: ago(3),
      expected: { actions: [], skips: ['promise:first-reminder:inv-12'] },
    },
    {
      name: 'the 4th day after: broken, noted, and chasing resumes',
      promisedFor: ago(4),
      expected: {
        actions: ['stage:first-reminder:inv-12', 'promise_broken:promise-broken:2026-11-20:inv-12'],
        skips: [],
      },
    },
  ])('$name', ({ promisedFor, expected }) => {
    expect(
      summary(
        plan([invoice({ dueDate: ago(10) })], { promises: [promise({ promisedFor, madeOn: ago(12) })] }),
      ),
    ).toEqual(expected);
  });

  it('notes a broken promise in words, for the books, without asking anyone', () => {
    const note = plan([invoice()], {
      promises: [promise({ madeOn: ago(12), promisedFor: ago(4) })],
    }).actions.find((a) => a.kind === 'promise_broken');
    expect(note).toMatchObject({
      kind: 'promise_broken',
      channel: 'note',
      stageKey: 'promise-broken',
      madeOn: ago(12),
      promisedFor: ago(4),
      requiresApproval: false,
      recipient: null,
      reason:
        'promise of 20 Nov 2026 not kept: INV-0012 still owes money 3 days after the promised date, so reminders resume',
    });
  });

  it('a broken promise is noted once', () => {
    const noted = invoice({ stagesDone: ['promise-broken:2026-11-20'] });
    expect(
      summary(plan([noted], { promises: [promise({ madeOn: ago(12), promisedFor: ago(4) })] })).actions,
    ).toEqual(['stage:first-reminder:inv-12']);
  });

  it('a newer promise replaces an older one, which is then neither pausing nor broken', () => {
    const older = promise({ madeOn: ago(20), promisedFor: ago(10) });
    const newer = promise({ madeOn: ago(2), promisedFor: ahead(3) });
    expect(summary(plan([invoice()], { promises: [newer, older] }))).toEqual({
      actions: [],
      skips: ['promise:first-reminder:inv-12'],
    });
  });

  it('a promise recorded for a later day does not pause yet', () => {
    expect(summary(plan([invoice()], { promises: [promise({ madeOn: ahead(1) })] })).actions).toEqual([
      'stage:first-reminder:inv-12',
    ]);
  });

  it('a promise kept but for a few cents is not broken: the rest is too small to chase', () => {
    const p = plan([invoice({ outstanding: 300 })], {
      promises: [promise({ madeOn: ago(12), promisedFor: ago(4) })],
    });
    expect(summary(p)).toEqual({ actions: [], skips: ['small_balance:first-reminder:inv-12'] });
  });

  it('one promise can cover several invoices; those already paid drop out of it', () => {
    const a = invoice({ id: 'a', number: 'INV-A' });
    const b = invoice({ id: 'b', number: 'INV-B' });
    const p = plan([a, b], { promises: [promise({ invoiceIds: ['a', 'b', 'paid-one'] })] });
    expect(summary(p).skips).toEqual(['promise:first-reminder:a,b']);
  });
});

describe('a payment plan replaces overdue chasing with instalment reminders', () => {
  const payPlan = (changes: Partial<PaymentPlan> = {}): PaymentPlan => ({
    id: 'plan-1',
    invoiceIds: ['inv-12'],
    currency: 'NZD',
    agreedOn: ago(10),
    instalments: [
      { dueDate: ahead(3), amount: 41150 },
      { dueDate: ahead(33), amount: 41150 },
      { dueDate: ahead(63), amount: 41150 },
    ],
    ...changes,
  });

  it('reminds 3 days before the instalment, and holds the overdue reminder', () => {
    const p = plan([invoice()], { paymentPlans: [payPlan()] });
    expect(p.actions).toEqual([
      expect.objectContaining({
        kind: 'instalment_reminder',
        planId: 'plan-1',
        instalmentNumber: 1,
        dueDate: ahead(3),
        amount: 41150,
        stageKey: 'instalment-reminder',
        doneKey: 'instalment-reminder:plan-1:1',
        channel: 'email',
        template: 'instalment-reminder',
        recipient: 'jo@acme.example',
        invoiceIds: ['inv-12'],
        reason:
          'instalment 1 of 3 of the payment plan agreed on 14 Nov 2026, $411.50 NZD, is due on 27 Nov 2026: its ' +
          'reminder goes 3 days before',
      }),
    ]);
    expect(p.skips).toEqual([
      {
        debtorId: 'debtor-1',
        invoiceIds: ['inv-12'],
        stageKey: 'first-reminder',
        cause: 'payment_plan',
        reason:
          "not sent: INV-0012 is in the payment plan agreed on 14 Nov 2026; instalment reminders replace 'First " +
          "reminder' (instalment 1 of 3, $411.50 NZD, due 27 Nov 2026)",
      },
    ]);
  });

  const firstDue = (dueDate: string) =>
    payPlan({
      instalments: [
        { dueDate, amount: 61725 },
        { dueDate: ahead(40), amount: 61725 },
      ],
    });

  it.each([
    { name: 'instalment in 4 days: too early to remind', dueDate: ahead(4), actions: [] },
    {
      name: 'in 3 days: remind',
      dueDate: ahead(3),
      actions: ['instalment_reminder:instalment-reminder:plan-1:1:inv-12'],
    },
    {
      name: 'today: remind',
      dueDate: TODAY,
      actions: ['instalment_reminder:instalment-reminder:plan-1:1:inv-12'],
    },
    {
      name: 'yesterday, unpaid, within the grace days: no reminder, still held',
      dueDate: ago(1),
      actions: [],
    },
    { name: '3 days ago: still held', dueDate: ago(3), actions: [] },
    {
      name: '4 days ago: missed, the plan lapses, noted, and chasing resumes',
      dueDate: ago(4),
      actions: ['stage:first-reminder:inv-12', 'plan_lapsed:plan-lapsed:plan-1:1:inv-12'],
    },
  ])('$name', ({ dueDate, actions }) => {
    expect(summary(plan([invoice()], { paymentPlans: [firstDue(dueDate)] })).actions).toEqual(actions);
  });

  it('the lapse is noted in words, once', () => {
    const lapsed = plan([invoice()], { paymentPlans: [firstDue(ago(4))] }).actions.find(
      (a) => a.kind === 'plan_lapsed',
    );
    expect(lapsed?.reason).toBe(
      'instalment 1 of 2 ($617.25 NZD, due 20 Nov 2026) was missed: the payment plan agreed on 14 Nov 2026 lapses ' +
        'and reminders resume for INV-0012',
    );
    const noted = invoice({ stagesDone: ['plan-lapsed:plan-1:1'] });
    expect(summary(plan([noted], { paymentPlans: [firstDue(ago(4))] })).actions).toEqual([
      'stage:first-reminder:inv-12',
    ]);
  });

  it('an instalment is reminded once', () => {
    const reminded = invoice({ stagesDone: ['instalment-reminder:plan-1:1'] });
    expect(plan([reminded], { paymentPlans: [payPlan()] }).actions).toEqual([]);
  });

  it.each([
    { name: 'the first instalment paid: the second is next', outstanding: 82300, number: 2, amount: 41150 },
    {
      name: 'part of the first paid early: what is left of it',
      outstanding: 100000,
      number: 1,
      amount: 17700,
    },
  ])('$name', ({ outstanding, number, amount }) => {
    const plan2 = payPlan({
      instalments: [
        { dueDate: ago(27), amount: 41150 },
        { dueDate: ahead(3), amount: 41150 },
        { dueDate: ahead(33), amount: 41150 },
      ].map((i, n) => (number === 1 && n === 0 ? { ...i, dueDate: ahead(3) } : i)),
    });
    const [action] = plan([invoice({ outstanding })], { paymentPlans: [plan2] }).actions;
    expect(action).toMatchObject({ kind: 'instalment_reminder', instalmentNumber: number, amount });
  });

  it('the instalment reminder is the day’s one message, and waits for the minimum gap', () => {
    const other = invoice({ id: 'other', number: 'INV-0099' });
    expect(summary(plan([invoice(), other], { paymentPlans: [payPlan()] }))).toEqual({
      actions: ['instalment_reminder:instalment-reminder:plan-1:1:inv-12'],
      skips: ['payment_plan:first-reminder:inv-12', 'one_a_day:first-reminder:other'],
    });
    expect(summary(plan([invoice()], { paymentPlans: [payPlan()], lastContactOn: ago(1) })).skips).toEqual([
      'payment_plan:first-reminder:inv-12',
      'gap:instalment-reminder:inv-12',
    ]);
  });

  it('invoices in another currency than the plan’s are not in it', () => {
    const aud = invoice({ id: 'aud', number: 'INV-AUD', currency: 'AUD' });
    expect(summary(plan([aud], { paymentPlans: [payPlan({ invoiceIds: ['aud'] })] })).actions).toEqual([
      'stage:first-reminder:aud',
    ]);
  });
});
