import { addDays } from '../../src/domain/dates';
import { planDebtor, planningContext, policyFor, type PlannerDebtor } from '../../src/domain/planner';
import { defaultSegmentPolicies, segmentOf, type HistoryInvoice } from '../../src/domain/segments';

const TODAY = '2026-11-24';
const ago = (days: number) => addDays(TODAY, -days);

/** An invoice due `dueAgo` days ago, paid `late` days after its due date (null: still owed). */
const paid = (dueAgo: number, late: number | null): HistoryInvoice => ({
  dueDate: ago(dueAgo),
  paidOn: late === null ? null : addDays(ago(dueAgo), late),
});
const onTime = (n: number) => Array.from({ length: n }, (_, i) => paid(30 + i, 0));
const lateBy = (n: number, days: number) => Array.from({ length: n }, (_, i) => paid(100 + i, days));

describe('segmentOf: from the last 12 months of invoices', () => {
  it.each([
    { name: 'no history', history: [], segment: 'new' },
    { name: 'two invoices are too few to judge', history: onTime(2), segment: 'new' },
    { name: 'three paid on time', history: onTime(3), segment: 'reliable' },
    {
      name: 'paid early counts as on time',
      history: [paid(10, -5), paid(40, -1), paid(70, 0)],
      segment: 'reliable',
    },
    { name: 'three days after the due date is still on time', history: lateBy(3, 3), segment: 'reliable' },
    { name: 'four days after is late', history: lateBy(3, 4), segment: 'chronic_late' },
    { name: 'one late in ten', history: [...onTime(9), ...lateBy(1, 20)], segment: 'reliable' },
    { name: 'one late in nine', history: [...onTime(8), ...lateBy(1, 20)], segment: 'occasional_late' },
    {
      name: 'a fifth late, by a little',
      history: [...onTime(8), ...lateBy(2, 10)],
      segment: 'occasional_late',
    },
    {
      name: 'a quarter late by a month on average',
      history: [...onTime(6), ...lateBy(2, 30)],
      segment: 'chronic_late',
    },
    {
      name: 'a quarter late by less than a month',
      history: [...onTime(6), ...lateBy(2, 29)],
      segment: 'occasional_late',
    },
    { name: 'half late', history: [...onTime(3), ...lateBy(3, 5)], segment: 'chronic_late' },
    {
      name: 'an invoice still owed long after its due date counts as late',
      history: [...onTime(5), paid(60, null)],
      segment: 'occasional_late',
    },
    {
      name: 'an invoice still owed but within 3 days of its due date is not late yet',
      history: [...onTime(2), paid(2, null)],
      segment: 'reliable',
    },
    {
      name: 'invoices not yet due say nothing',
      history: [...onTime(2), { dueDate: addDays(TODAY, 5), paidOn: null }, { dueDate: TODAY, paidOn: null }],
      segment: 'new',
    },
    {
      name: 'invoices due more than 365 days ago are forgotten',
      history: [...onTime(3), ...Array.from({ length: 5 }, (_, i) => paid(366 + i, 90))],
      segment: 'reliable',
    },
    {
      name: 'an invoice due exactly 365 days ago still counts',
      history: [...onTime(5), paid(365, 90)],
      segment: 'occasional_late',
    },
  ])('$name -> $segment', ({ history, segment }) => {
    expect(segmentOf(history, TODAY).segment).toBe(segment);
  });

  it('reports the figures behind the segment', () => {
    expect(segmentOf([...onTime(6), paid(100, 10), paid(101, 30)], TODAY)).toEqual({
      segment: 'occasional_late',
      counted: 8,
      late: 2,
      shareLate: 0.25,
      averageDaysLate: 20,
    });
    expect(segmentOf([], TODAY)).toEqual({
      segment: 'new',
      counted: 0,
      late: 0,
      shareLate: 0,
      averageDaysLate: 0,
    });
  });
});

describe('the segment picks the policy', () => {
  const context = planningContext();
  const debtor = (overrides: Partial<PlannerDebtor>): PlannerDebtor => ({
    id: 'd',
    name: 'Acme Ltd',
    email: 'jo@acme.example',
    lastContactOn: null,
    invoices: [],
    ...overrides,
  });

  it.each([
    { segment: 'new', policy: 'standard' },
    { segment: 'reliable', policy: 'gentle' },
    { segment: 'occasional_late', policy: 'standard' },
    { segment: 'chronic_late', policy: 'firm' },
  ] as const)('$segment -> $policy', ({ segment, policy }) => {
    expect(defaultSegmentPolicies[segment]).toBe(policy);
    expect(policyFor(context, debtor({ segment })).id).toBe(policy);
  });

  it('a policy picked for the customer wins over its segment', () => {
    expect(
      policyFor(context, debtor({ segment: 'chronic_late', overrides: { policyId: 'gentle' } })).id,
    ).toBe('gentle');
  });

  it('a picked policy that no longer exists falls back to the segment', () => {
    expect(policyFor(context, debtor({ segment: 'chronic_late', overrides: { policyId: 'gone' } })).id).toBe(
      'firm',
    );
  });

  it('an organisation can map a segment to its own edited policy', () => {
    const ours = { ...context.policies.standard!, id: 'ours', minDaysBetweenContacts: 9 };
    const own = planningContext({
      policies: { ...context.policies, ours },
      segmentPolicies: { ...defaultSegmentPolicies, occasional_late: 'ours' },
    });
    expect(policyFor(own, debtor({ segment: 'occasional_late' }))).toBe(ours);
  });

  it('a chronic late payer hears sooner: the firm second reminder goes on day 5', () => {
    const invoice = {
      id: 'i',
      number: 'INV-1',
      currency: 'NZD',
      issueDate: ago(35),
      dueDate: ago(5),
      outstanding: 10000,
      stagesDone: ['heads-up', 'first-reminder'],
    };
    const keysFor = (segment: 'chronic_late' | 'new') =>
      planDebtor(context, debtor({ segment, invoices: [invoice] }), TODAY).actions.map((a) => a.stageKey);
    expect(keysFor('chronic_late')).toEqual(['second-reminder']);
    expect(keysFor('new')).toEqual([]);
  });
});
