import { createHash } from 'node:crypto';
import { addDays } from '../../src/domain/dates';
import {
  planDebtor,
  planningContext,
  type PlannerDebtor,
  type PlannerInvoice,
} from '../../src/domain/planner';
import { standardPolicy } from '../../src/domain/policy';
import { TODAY, ago, debtor, invoice as baseInvoice } from '../support/planner-fixtures';

const invoice = (overrides: Partial<PlannerInvoice> = {}) =>
  baseInvoice({ dueDate: '2026-11-16', ...overrides });

const context = planningContext();
const keys = standardPolicy.stages.map((s) => s.key);
/** Every stage before `key`, as if each had been acted on. */
const doneBefore = (key: string) => keys.slice(0, keys.indexOf(key));

const plan = (invoices: PlannerInvoice[], overrides: Partial<PlannerDebtor> = {}, today = TODAY) =>
  planDebtor(context, debtor(invoices, overrides), today);

describe('each stage of the standard policy', () => {
  it.each([
    {
      stage: 'heads-up',
      dueDate: addDays(TODAY, 3),
      channel: 'email',
      tone: 'friendly',
      template: 'friendly',
    },
    { stage: 'first-reminder', dueDate: ago(1), channel: 'email', tone: 'polite', template: 'polite' },
    {
      stage: 'second-reminder',
      dueDate: ago(7),
      channel: 'email',
      tone: 'polite',
      template: 'polite-second',
    },
    { stage: 'payment-plan', dueDate: ago(14), channel: 'email', tone: 'firm', template: 'firm-plan' },
    { stage: 'final-notice', dueDate: ago(30), channel: 'email', tone: 'final', template: 'final' },
    { stage: 'call-customer', dueDate: ago(45), channel: 'task', tone: 'escalation', template: 'call' },
  ])('$stage goes on its own day ($dueDate due)', ({ stage, dueDate, channel, tone, template }) => {
    const { actions, skips } = plan([invoice({ dueDate, stagesDone: doneBefore(stage) })]);
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({ stageKey: stage, channel, tone, template, invoiceIds: ['inv-12'] });
    expect(skips).toEqual([]);
  });

  it.each([
    { stage: 'heads-up', dueDate: addDays(TODAY, 4) },
    { stage: 'first-reminder', dueDate: TODAY },
    { stage: 'second-reminder', dueDate: ago(6) },
    { stage: 'payment-plan', dueDate: ago(13) },
    { stage: 'final-notice', dueDate: ago(29) },
    { stage: 'call-customer', dueDate: ago(44) },
  ])('$stage waits until its day (not on the day before)', ({ stage, dueDate }) => {
    expect(plan([invoice({ dueDate, stagesDone: doneBefore(stage) })])).toEqual({ actions: [], skips: [] });
  });

  it('plans nothing once every stage has been acted on', () => {
    expect(plan([invoice({ dueDate: ago(90), stagesDone: keys })])).toEqual({ actions: [], skips: [] });
  });
});

describe('stages are never skipped', () => {
  it.each([
    {
      name: 'first seen 60 days overdue gets the first reminder, never the final notice',
      dueDate: ago(60),
      done: [],
      expected: 'first-reminder',
    },
    {
      name: 'first seen 2 days overdue drops the heads-up silently',
      dueDate: ago(2),
      done: [],
      expected: 'first-reminder',
    },
    {
      name: 'the heads-up still goes while the invoice is not yet due',
      dueDate: addDays(TODAY, 1),
      done: [],
      expected: 'heads-up',
    },
    {
      name: 'after the first reminder, a 60-day debt moves one step',
      dueDate: ago(60),
      done: ['first-reminder'],
      expected: 'second-reminder',
    },
    {
      name: 'a stage keeps being due after its day has passed',
      dueDate: ago(20),
      done: ['heads-up', 'first-reminder'],
      expected: 'second-reminder',
    },
  ])('$name', ({ dueDate, done, expected }) => {
    const { actions, skips } = plan([invoice({ dueDate, stagesDone: done })], { lastContactOn: ago(5) });
    expect(actions.map((a) => a.stageKey)).toEqual([expected]);
    expect(skips).toEqual([]);
  });

  it('plans nothing on the due date itself when the heads-up was never sent', () => {
    expect(plan([invoice({ dueDate: TODAY })])).toEqual({ actions: [], skips: [] });
  });

  it('the next stage waits for the minimum gap even when its own day has long passed', () => {
    const { actions, skips } = plan([invoice({ dueDate: ago(60), stagesDone: ['first-reminder'] })], {
      lastContactOn: ago(1),
    });
    expect(actions).toEqual([]);
    expect(skips.map((s) => s.stageKey)).toEqual(['second-reminder']);
  });

  it('says why a long-overdue invoice starts gently', () => {
    const [action] = plan([invoice({ dueDate: ago(60) })]).actions;
    expect(action?.reason).toBe(
      "INV-0012 is 60 days overdue (due 25 Sep 2026): 'First reminder' is due 1 day after the due date; " +
        'no step is skipped, later ones follow in turn',
    );
  });
});

describe('minimum gap between contacts', () => {
  it.each([
    { name: 'contacted today', last: TODAY, planned: false },
    { name: 'contacted 4 days ago', last: ago(4), planned: false },
    { name: 'contacted exactly 5 days ago', last: ago(5), planned: true },
    { name: 'contacted 30 days ago', last: ago(30), planned: true },
    { name: 'never contacted', last: null, planned: true },
  ])('$name -> planned: $planned', ({ last, planned }) => {
    const { actions, skips } = plan([invoice({ stagesDone: ['first-reminder'] })], { lastContactOn: last });
    expect(actions.length).toBe(planned ? 1 : 0);
    expect(skips.length).toBe(planned ? 0 : 1);
  });

  it('records the wait in words', () => {
    const { skips } = plan([invoice({ stagesDone: ['first-reminder'] })], { lastContactOn: '2026-11-20' });
    expect(skips).toEqual([
      {
        debtorId: 'debtor-1',
        invoiceIds: ['inv-12'],
        stageKey: 'second-reminder',
        cause: 'gap',
        reason:
          "waiting: last contact on 20 Nov 2026; at most one contact every 5 days, so 'Second reminder' " +
          'for INV-0012 can go from 25 Nov 2026',
      },
    ]);
  });

  it('a task for the team is still planned during the gap', () => {
    const { actions } = plan([invoice({ dueDate: ago(50), stagesDone: doneBefore('call-customer') })], {
      lastContactOn: ago(1),
    });
    expect(actions.map((a) => a.channel)).toEqual(['task']);
  });
});

describe('grouping', () => {
  it('one email covers every invoice of the customer at the same stage and currency', () => {
    const { actions } = plan([
      invoice({ id: 'inv-15', number: 'INV-0015', dueDate: ago(9), stagesDone: ['first-reminder'] }),
      invoice({ id: 'inv-12', number: 'INV-0012', dueDate: ago(8), stagesDone: ['first-reminder'] }),
    ]);
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({
      stageKey: 'second-reminder',
      currency: 'NZD',
      invoiceIds: ['inv-15', 'inv-12'],
    });
    expect(actions[0]?.reason).toBe(
      'INV-0015 is 9 days overdue (due 15 Nov 2026) and INV-0012 is 8 days overdue (due 16 Nov 2026): ' +
        "'Second reminder' is due 7 days after the due date",
    );
  });

  it('another currency is another message, which waits for the next contact', () => {
    const { actions, skips } = plan([
      invoice({
        id: 'inv-12',
        number: 'INV-0012',
        currency: 'NZD',
        dueDate: ago(8),
        stagesDone: ['first-reminder'],
      }),
      invoice({
        id: 'inv-20',
        number: 'INV-0020',
        currency: 'AUD',
        dueDate: ago(10),
        stagesDone: ['first-reminder'],
      }),
    ]);
    // Same stage: the currency holding the oldest debt goes first.
    expect(actions.map((a) => [a.currency, a.invoiceIds])).toEqual([['AUD', ['inv-20']]]);
    expect(skips.map((s) => [s.stageKey, s.invoiceIds])).toEqual([['second-reminder', ['inv-12']]]);
  });

  it('tasks are grouped per stage and currency too', () => {
    const done = doneBefore('call-customer');
    const { actions } = plan([
      invoice({ id: 'a', number: 'INV-1', currency: 'NZD', dueDate: ago(50), stagesDone: done }),
      invoice({ id: 'b', number: 'INV-2', currency: 'NZD', dueDate: ago(46), stagesDone: done }),
      invoice({ id: 'c', number: 'INV-3', currency: 'AUD', dueDate: ago(46), stagesDone: done }),
    ]);
    expect(actions.map((a) => [a.channel, a.currency, a.invoiceIds])).toEqual([
      ['task', 'AUD', ['c']],
      ['task', 'NZD', ['a', 'b']],
    ]);
  });
});

describe('one email a day', () => {
  const early = invoice({ id: 'early', number: 'INV-0040', dueDate: ago(3) });
  const late = invoice({
    id: 'late',
    number: 'INV-0009',
    dueDate: ago(31),
    stagesDone: doneBefore('final-notice'),
  });
  const soon = invoice({ id: 'soon', number: 'INV-0031', dueDate: addDays(TODAY, 3) });

  it('sends the firmest stage due and lets the others wait for the next contact', () => {
    const { actions, skips } = plan([early, soon, late]);
    expect(actions.map((a) => a.stageKey)).toEqual(['final-notice']);
    expect(skips).toEqual([
      {
        debtorId: 'debtor-1',
        invoiceIds: ['soon'],
        stageKey: 'heads-up',
        cause: 'one_a_day',
        reason:
          "'Friendly heads-up' for INV-0031 waits for the next contact: one email a day, and today's is " +
          "'Final notice' for INV-0009",
      },
      {
        debtorId: 'debtor-1',
        invoiceIds: ['early'],
        stageKey: 'first-reminder',
        cause: 'one_a_day',
        reason:
          "'First reminder' for INV-0040 waits for the next contact: one email a day, and today's is " +
          "'Final notice' for INV-0009",
      },
    ]);
  });

  it('a task goes alongside the day’s email', () => {
    const task = invoice({
      id: 'task',
      number: 'INV-0001',
      dueDate: ago(45),
      stagesDone: doneBefore('call-customer'),
    });
    const { actions } = plan([early, task]);
    expect(actions.map((a) => [a.stageKey, a.channel])).toEqual([
      ['first-reminder', 'email'],
      ['call-customer', 'task'],
    ]);
  });
});

describe('no email address', () => {
  it.each([
    { name: 'missing', email: null },
    { name: 'blank', email: '  ' },
  ])('$name: email stages become skips naming the customer; tasks are still planned', ({ email }) => {
    const task = invoice({
      id: 'task',
      number: 'INV-0001',
      dueDate: ago(45),
      stagesDone: doneBefore('call-customer'),
    });
    const { actions, skips } = plan([invoice({ dueDate: ago(3) }), task], { email });
    expect(actions.map((a) => a.stageKey)).toEqual(['call-customer']);
    expect(skips).toEqual([
      {
        debtorId: 'debtor-1',
        invoiceIds: ['inv-12'],
        stageKey: 'first-reminder',
        cause: 'no_address',
        reason:
          "no email address for Acme Ltd: 'First reminder' for INV-0012 needs another way to reach them",
      },
    ]);
  });
});

describe('invoices left alone', () => {
  it.each([
    { name: 'paid (nothing outstanding)', changes: { outstanding: 0 } },
    { name: 'over-applied shown as 0 outstanding', changes: { outstanding: 0, dueDate: ago(60) } },
    { name: 'excluded by a person', changes: { excluded: true } },
    { name: 'excluded and long overdue', changes: { excluded: true, dueDate: ago(60) } },
  ])('$name', ({ changes }) => {
    expect(plan([invoice({ dueDate: ago(3), ...changes })])).toEqual({ actions: [], skips: [] });
  });

  it('an excluded invoice does not hold up the others', () => {
    const { actions } = plan([
      invoice({ id: 'p', excluded: true }),
      invoice({ id: 'q', number: 'INV-0013' }),
    ]);
    expect(actions.map((a) => a.invoiceIds)).toEqual([['q']]);
  });
});

describe('idempotency key', () => {
  const a = invoice({ id: 'inv-a', number: 'INV-A', dueDate: ago(8), stagesDone: ['first-reminder'] });
  const b = invoice({ id: 'inv-b', number: 'INV-B', dueDate: ago(9), stagesDone: ['first-reminder'] });
  const keyOf = (invoices: PlannerInvoice[], overrides: Partial<PlannerDebtor> = {}) =>
    plan(invoices, overrides).actions[0]?.idempotencyKey;

  it('is stage, currency, customer and a digest of the sorted invoice ids', () => {
    const digest = createHash('sha256').update('inv-a,inv-b').digest('hex').slice(0, 16);
    expect(keyOf([b, a])).toBe(`second-reminder:NZD:debtor-1:${digest}`);
  });

  it.each([
    { name: 'same inputs', other: () => keyOf([a, b]), same: true },
    { name: 'invoices listed in another order', other: () => keyOf([b, a]), same: true },
    {
      name: 'planned again on a later day',
      other: () => planDebtor(context, debtor([a, b]), addDays(TODAY, 1)).actions[0]?.idempotencyKey,
      same: true,
    },
    { name: 'one invoice fewer', other: () => keyOf([a]), same: false },
    {
      name: 'one invoice more',
      other: () => keyOf([a, b, invoice({ id: 'inv-c', dueDate: ago(8), stagesDone: ['first-reminder'] })]),
      same: false,
    },
    { name: 'another customer', other: () => keyOf([a, b], { id: 'debtor-2' }), same: false },
  ])('$name -> same key: $same', ({ other, same }) => {
    const key = keyOf([a, b]);
    expect(key).toBeDefined();
    expect(other() === key).toBe(same);
  });
});

describe('reasons a bookkeeper reads', () => {
  it.each([
    {
      name: 'overdue',
      invoice: invoice({ stagesDone: ['first-reminder'] }),
      reason:
        "INV-0012 is 8 days overdue (due 16 Nov 2026): 'Second reminder' is due 7 days after the due date",
    },
    {
      name: 'before the due date',
      invoice: invoice({ number: 'INV-0031', dueDate: '2026-11-27' }),
      reason: "INV-0031 is due in 3 days (27 Nov 2026): 'Friendly heads-up' goes 3 days before",
    },
    {
      name: 'one day late',
      invoice: invoice({ dueDate: '2026-11-23' }),
      reason: "INV-0012 is 1 day overdue (due 23 Nov 2026): 'First reminder' is due 1 day after the due date",
    },
  ])('$name', ({ invoice: inv, reason }) => {
    expect(plan([inv]).actions[0]?.reason).toBe(reason);
  });

  it('names the first ten invoices and counts the rest', () => {
    const many = Array.from({ length: 12 }, (_, i) =>
      invoice({ id: `id-${i}`, number: `INV-${100 + i}`, dueDate: ago(2) }),
    );
    const reason = plan(many).actions[0]?.reason ?? '';
    expect(reason).toContain('INV-109 is 2 days overdue');
    expect(reason).not.toContain('INV-110');
    expect(reason).toContain('and 2 more invoices:');
  });
});

it('gives the same plan, in the same order, whatever order the invoices arrive in', () => {
  const invoices = [
    invoice({ id: 'x1', number: 'INV-1', dueDate: ago(8), stagesDone: ['first-reminder'] }),
    invoice({ id: 'x2', number: 'INV-2', dueDate: ago(8), stagesDone: ['first-reminder'] }),
    invoice({ id: 'x3', number: 'INV-3', dueDate: ago(2) }),
    invoice({ id: 'x4', number: 'INV-4', currency: 'AUD', dueDate: ago(2) }),
    invoice({ id: 'x5', number: 'INV-5', dueDate: ago(46), stagesDone: doneBefore('call-customer') }),
  ];
  const forwards = plan(invoices);
  const backwards = plan([...invoices].reverse());
  expect(backwards).toEqual(forwards);
  expect(forwards.actions.map((a) => a.stageKey)).toEqual(['second-reminder', 'call-customer']);
  expect(forwards.skips.map((s) => `${s.stageKey}:${s.invoiceIds.join(',')}`)).toEqual([
    'first-reminder:x4',
    'first-reminder:x3',
  ]);
});
