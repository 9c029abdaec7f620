import { addDays } from '../../src/domain/dates';
import { fixedHolidays } from '../../src/domain/holiday-calendar';
import {
  planDebtor,
  planningContext,
  type PlannerDebtor,
  type PlannerInvoice,
  type PlanningContext,
} from '../../src/domain/planner';
import { standardPolicy, type Policy } from '../../src/domain/policy';
import { businessHours } from '../../src/domain/send-window';
import { TODAY, ago, debtor as baseDebtor, invoice } from '../support/planner-fixtures';

/** This customer can also be texted. */
const debtor = (invoices: PlannerInvoice[], overrides: Partial<PlannerDebtor> = {}) =>
  baseDebtor(invoices, { phone: '+64215550101', ...overrides });

const plan = (
  invoices: PlannerInvoice[],
  overrides: Partial<PlannerDebtor> = {},
  context: PlanningContext = planningContext(),
  today = TODAY,
) => planDebtor(context, debtor(invoices, overrides), today);

const callTask = invoice({
  id: 'task',
  number: 'INV-0001',
  dueDate: ago(46),
  stagesDone: standardPolicy.stages.slice(0, 5).map((s) => s.key),
});

describe('send window: the planner decides the day', () => {
  it.each([
    { name: 'Saturday', today: '2026-11-28', context: planningContext(), planned: false },
    { name: 'Sunday', today: '2026-11-29', context: planningContext(), planned: false },
    {
      name: 'a public holiday on a Tuesday',
      today: TODAY,
      context: planningContext({ calendar: fixedHolidays([TODAY]) }),
      planned: false,
    },
    { name: 'an ordinary Tuesday', today: TODAY, context: planningContext(), planned: true },
    {
      name: 'Saturday for a business that works Saturdays',
      today: '2026-11-28',
      context: planningContext({ sendWindow: { ...businessHours, days: [1, 2, 3, 4, 5, 6] } }),
      planned: true,
    },
  ])('$name -> planned: $planned', ({ today, context, planned }) => {
    const { actions } = plan([invoice({ dueDate: addDays(today, -2) }), callTask], {}, context, today);
    expect(actions.length > 0).toBe(planned);
  });

  it('nothing is lost over a weekend: the stage is still due on Monday', () => {
    const due = invoice({ dueDate: '2026-11-27' });
    expect(plan([due], {}, planningContext(), '2026-11-28').actions).toEqual([]);
    expect(plan([due], {}, planningContext(), '2026-11-30').actions.map((a) => a.stageKey)).toEqual([
      'first-reminder',
    ]);
  });
});

describe('one message a day, on one channel', () => {
  /** Email first, then a text: a business that texts as its second step. */
  const mixed: Policy = {
    ...standardPolicy,
    id: 'mixed',
    stages: [
      standardPolicy.stages[1]!,
      {
        key: 'text-reminder',
        name: 'Text reminder',
        offset: { from: 'due', days: 5 },
        channel: 'sms',
        tone: 'polite',
        template: 'polite',
        approval: 'auto',
      },
      standardPolicy.stages[5]!,
    ],
  };
  const context = planningContext({ policies: { mixed } });
  const first = invoice({ id: 'a', number: 'INV-A', dueDate: ago(2) });
  const second = invoice({ id: 'b', number: 'INV-B', dueDate: ago(6), stagesDone: ['first-reminder'] });

  it('never a text and an email on the same day: the later stage goes, the other waits', () => {
    const { actions, skips } = plan([first, second], { overrides: { policyId: 'mixed' } }, context);
    expect(actions.map((a) => [a.stageKey, a.channel, a.recipient])).toEqual([
      ['text-reminder', 'sms', '+64215550101'],
    ]);
    expect(skips).toEqual([
      {
        debtorId: 'debtor-1',
        invoiceIds: ['a'],
        stageKey: 'first-reminder',
        cause: 'one_a_day',
        reason:
          "'First reminder' for INV-A waits for the next contact: one message a day, never two channels on one " +
          "day, and today's is 'Text reminder' for INV-B",
      },
    ]);
  });

  it('a text to a customer without a mobile number is a skip, and the email goes instead', () => {
    const { actions, skips } = plan(
      [first, second],
      { phone: null, overrides: { policyId: 'mixed' } },
      context,
    );
    expect(actions.map((a) => a.stageKey)).toEqual(['first-reminder']);
    expect(skips.map((s) => [s.cause, s.reason])).toEqual([
      [
        'no_address',
        "no mobile number for Acme Ltd: 'Text reminder' for INV-B needs another way to reach them",
      ],
    ]);
  });

  it('nothing more goes on a day a message already went', () => {
    const { actions, skips } = plan([first], { lastContactOn: ago(9), lastMessageOn: TODAY });
    expect(actions).toEqual([]);
    expect(skips.map((s) => s.reason)).toEqual([
      "'First reminder' for INV-A waits for the next contact: one message a day, and one went on 24 Nov 2026",
    ]);
  });
});

describe('suppression: opted-out and bounced addresses', () => {
  const suppressed = planningContext({ suppressed: new Set(['jo@acme.example', '+64215550101']) });

  it('an email to a suppressed address is a skip; tasks still go', () => {
    const { actions, skips } = plan([invoice(), callTask], { email: 'Jo@Acme.example' }, suppressed);
    expect(actions.map((a) => a.stageKey)).toEqual(['call-customer']);
    expect(skips).toEqual([
      {
        debtorId: 'debtor-1',
        invoiceIds: ['inv-12'],
        stageKey: 'first-reminder',
        cause: 'suppressed',
        reason:
          'not sent: Jo@Acme.example opted out or bounced (it is on the suppression list): ' +
          "'First reminder' for INV-0012 needs another way to reach them",
      },
    ]);
  });

  it('a preferred contact person with a working address is written to instead', () => {
    const { actions } = plan(
      [invoice()],
      { overrides: { contactPerson: { name: 'Sam', email: 'sam@acme.example' } } },
      suppressed,
    );
    expect(actions.map((a) => a.recipient)).toEqual(['sam@acme.example']);
  });

  it('a suppressed address does not use up the day', () => {
    const context = planningContext({
      suppressed: new Set(['jo@acme.example']),
      policies: { standard: standardPolicy },
    });
    const { actions } = plan(
      [invoice()],
      {
        overrides: { contactPerson: { name: 'Sam', email: 'jo@acme.example' } },
        email: 'other@acme.example',
      },
      context,
    );
    expect(actions).toEqual([]);
  });
});

describe('small balances are not chased', () => {
  const tolerant: Policy = {
    ...standardPolicy,
    smallBalance: { byCurrency: { JPY: 500 }, wholeUnitsOtherwise: 5 },
  };
  const context = planningContext({ policies: { standard: tolerant } });

  it.each([
    { name: '4.99 NZD', currency: 'NZD', outstanding: 499, chased: false },
    { name: '5.00 NZD', currency: 'NZD', outstanding: 500, chased: true },
    { name: '4.999 KWD', currency: 'KWD', outstanding: 4999, chased: false },
    { name: '5.000 KWD', currency: 'KWD', outstanding: 5000, chased: true },
    { name: '¥499 (the business set ¥500 for yen)', currency: 'JPY', outstanding: 499, chased: false },
    { name: '¥500', currency: 'JPY', outstanding: 500, chased: true },
  ])('$name -> chased: $chased', ({ currency, outstanding, chased }) => {
    const { actions, skips } = plan([invoice({ currency, outstanding })], {}, context);
    expect(actions.length).toBe(chased ? 1 : 0);
    expect(skips.map((s) => s.cause)).toEqual(chased ? [] : ['small_balance']);
  });

  it('says how small', () => {
    const { skips } = plan([invoice({ outstanding: 320 })]);
    expect(skips[0]?.reason).toBe(
      'not sent: INV-0012 owes only $3.20 NZD, under the $5.00 NZD small-balance tolerance',
    );
  });

  it('a small balance does not hold up the other invoices', () => {
    const { actions } = plan([
      invoice({ id: 'small', outstanding: 100 }),
      invoice({ id: 'big', number: 'INV-0013' }),
    ]);
    expect(actions.map((a) => a.invoiceIds)).toEqual([['big']]);
  });
});

describe('minimum gap, per policy', () => {
  it.each([
    { segment: 'reliable' as const, gap: 7 },
    { segment: 'new' as const, gap: 5 },
    { segment: 'chronic_late' as const, gap: 3 },
  ])('$segment customers hear from us at most every $gap days', ({ segment, gap }) => {
    // The next stage is the first reminder in all three policies.
    const due = invoice({ dueDate: ago(60), stagesDone: ['heads-up', 'check-in'] });
    expect(plan([due], { segment, lastContactOn: ago(gap - 1) }).actions).toEqual([]);
    expect(plan([due], { segment, lastContactOn: ago(gap) }).actions).toHaveLength(1);
  });
});
