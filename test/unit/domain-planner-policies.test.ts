import { addDays } from '../../src/domain/dates';
import {
  nextStage,
  planDebtor,
  planningContext,
  type PlannerDebtor,
  type PlannerInvoice,
} from '../../src/domain/planner';
import { firmPolicy, gentlePolicy, standardPolicy, type Policy, type Stage } from '../../src/domain/policy';
import type { Segment } from '../../src/domain/segments';
import { TODAY, ago, debtor, invoice as baseInvoice } from '../support/planner-fixtures';

const invoice = (overrides: Partial<PlannerInvoice> = {}) =>
  baseInvoice({ issueDate: '2026-08-01', dueDate: ago(8), ...overrides });

const context = planningContext();

const segmentOf: Record<string, Segment> = { gentle: 'reliable', standard: 'new', firm: 'chronic_late' };
const plan = (invoices: PlannerInvoice[], overrides: Partial<PlannerDebtor> = {}, today = TODAY) =>
  planDebtor(context, debtor(invoices, overrides), today);

/** Every stage of every built-in policy, as the planner should find it on its day. */
const rows = [gentlePolicy, standardPolicy, firmPolicy].flatMap((policy) =>
  policy.stages.map((stage, index) => ({ policy, stage, index, name: `${policy.id}: ${stage.key}` })),
);

/** An invoice whose next stage is `index`, and which reaches that stage's day `early` days from now. */
function atStage(policy: Policy, stage: Stage, index: number, early = 0): PlannerInvoice {
  const done = policy.stages.slice(0, index).map((s) => s.key);
  if (stage.offset.from === 'due')
    return invoice({ dueDate: ago(stage.offset.days - early), stagesDone: done });
  return invoice({ dueDate: ago(90), stagesDone: done, lastStageOn: ago(stage.offset.days - early) });
}

describe('each stage of each built-in policy', () => {
  it.each(rows)(
    '$name goes on its own day, with its channel, template and approval',
    ({ policy, stage, index }) => {
      const { actions, skips } = plan([atStage(policy, stage, index)], { segment: segmentOf[policy.id] });
      expect(skips).toEqual([]);
      expect(actions).toHaveLength(1);
      expect(actions[0]).toMatchObject({
        kind: 'stage',
        round: 1,
        stageKey: stage.key,
        doneKey: stage.key,
        channel: stage.channel,
        taskKind: stage.channel === 'task' ? stage.taskKind : null,
        tone: stage.tone,
        template: stage.template,
        requiresApproval: stage.approval === 'needs_approval',
        recipient: stage.channel === 'task' ? null : 'jo@acme.example',
        plannedOn: TODAY,
      });
    },
  );

  it.each(rows)('$name waits until its day (not on the day before)', ({ policy, stage, index }) => {
    expect(plan([atStage(policy, stage, index, 1)], { segment: segmentOf[policy.id] })).toEqual({
      actions: [],
      skips: [],
    });
  });
});

describe('stages timed from the previous contact', () => {
  const done = firmPolicy.stages.slice(0, 6).map((s) => s.key);
  const firm = { segment: 'chronic_late' as const };

  it.each([
    { name: 'the letter goes 10 days after the call', last: ago(10), planned: true },
    { name: 'not 9 days after', last: ago(9), planned: false },
    { name: 'long after, it is still due', last: ago(40), planned: true },
  ])('$name', ({ last, planned }) => {
    const { actions } = plan([invoice({ dueDate: ago(60), stagesDone: done, lastStageOn: last })], firm);
    expect(actions.map((a) => a.stageKey)).toEqual(planned ? ['letter'] : []);
  });

  it('with no earlier contact recorded, it counts from the due date', () => {
    const dueDays = (days: number) => plan([invoice({ dueDate: ago(days), stagesDone: done })], firm).actions;
    expect(dueDays(10).map((a) => a.stageKey)).toEqual(['letter']);
    expect(dueDays(9)).toEqual([]);
  });

  it('never before the invoice is overdue', () => {
    const custom: Policy = {
      ...standardPolicy,
      id: 'custom',
      stages: [
        { ...standardPolicy.stages[0]!, offset: { from: 'due', days: -10 } },
        { ...standardPolicy.stages[1]!, offset: { from: 'previous_contact', days: 2 } },
      ],
    };
    const step = (today: string) =>
      nextStage(
        custom,
        { dueDate: '2026-12-01', stagesDone: ['heads-up'], lastStageOn: '2026-11-21' },
        today,
      );
    expect(step(TODAY)?.dueOn).toBe('2026-12-02');
  });

  it('says which contact it follows', () => {
    const [action] = plan(
      [invoice({ dueDate: ago(60), stagesDone: done, lastStageOn: ago(10) })],
      firm,
    ).actions;
    expect(action?.reason).toBe(
      "INV-0012 is 60 days overdue (due 25 Sep 2026): 'Formal letter' is due 10 days after the previous contact",
    );
  });
});

describe('a repeating last stage', () => {
  const all = gentlePolicy.stages.map((s) => s.key);
  const gentle = { segment: 'reliable' as const };

  it.each([
    {
      name: 'comes round again 30 days after it was last acted on',
      done: all,
      last: ago(30),
      expected: 'call-customer#2',
    },
    { name: 'not after 29', done: all, last: ago(29), expected: null },
    {
      name: 'and again after that',
      done: [...all, 'call-customer#2'],
      last: ago(30),
      expected: 'call-customer#3',
    },
  ])('$name', ({ done, last, expected }) => {
    const { actions } = plan([invoice({ dueDate: ago(200), stagesDone: done, lastStageOn: last })], gentle);
    expect(actions.map((a) => a.doneKey)).toEqual(expected ? [expected] : []);
    if (expected) {
      expect(actions[0]).toMatchObject({
        stageKey: 'call-customer',
        kind: 'stage',
        round: Number(expected.at(-1)),
      });
      expect(actions[0]?.idempotencyKey.startsWith(`${expected}:NZD:debtor-1:`)).toBe(true);
      expect(actions[0]?.reason).toContain(
        `'Call the customer' comes round again every 30 days (round ${expected.at(-1)})`,
      );
    }
  });

  it('without a record of the last round, rounds follow the stage’s own date', () => {
    const step = nextStage(gentlePolicy, { dueDate: ago(200), stagesDone: all }, TODAY);
    expect(step).toMatchObject({ round: 2, doneKey: 'call-customer#2', dueOn: addDays(ago(200), 90) });
  });

  it('a policy without a repeat stops after its last stage', () => {
    const done = standardPolicy.stages.map((s) => s.key);
    expect(
      nextStage(standardPolicy, { dueDate: ago(400), stagesDone: done, lastStageOn: ago(300) }, TODAY),
    ).toBe(null);
  });
});

describe('per-customer overrides', () => {
  const due = invoice({ dueDate: ago(2) });

  it('an excluded customer gets nothing at all, not even a task', () => {
    const task = invoice({
      id: 't',
      dueDate: ago(50),
      stagesDone: standardPolicy.stages.slice(0, 5).map((s) => s.key),
    });
    expect(plan([due, task], { overrides: { excluded: true } })).toEqual({ actions: [], skips: [] });
  });

  it('a policy picked by hand replaces the segment’s', () => {
    const firmDue = invoice({ dueDate: ago(5), stagesDone: ['heads-up', 'first-reminder'] });
    expect(plan([firmDue], { overrides: { policyId: 'firm' } }).actions.map((a) => a.stageKey)).toEqual([
      'second-reminder',
    ]);
    expect(plan([firmDue]).actions).toEqual([]);
  });

  it.each([
    {
      name: 'the preferred contact person receives the messages',
      person: { name: 'Sam Payable', email: 'ap@acme.example' },
      recipient: 'ap@acme.example',
    },
    {
      name: 'a contact person without an email address leaves the customer’s',
      person: { name: 'Sam Payable', email: null },
      recipient: 'jo@acme.example',
    },
  ])('$name', ({ person, recipient }) => {
    expect(plan([due], { overrides: { contactPerson: person } }).actions[0]?.recipient).toBe(recipient);
  });
});

describe('approval', () => {
  const email = invoice({ dueDate: ago(2) });
  const task = invoice({
    id: 't',
    number: 'INV-0001',
    dueDate: ago(46),
    stagesDone: standardPolicy.stages.slice(0, 5).map((s) => s.key),
  });

  it('stages marked needs_approval are planned as actions needing approval', () => {
    const gentleFinal = invoice({
      dueDate: ago(45),
      stagesDone: gentlePolicy.stages.slice(0, 5).map((s) => s.key),
    });
    const { actions } = plan([gentleFinal], { segment: 'reliable' });
    expect(actions.map((a) => [a.stageKey, a.requiresApproval])).toEqual([['final-notice', true]]);
  });

  it('with approval mode on, every message needs approval; a task stays the team’s own work', () => {
    const approving = planningContext({ approvalMode: true });
    const { actions } = planDebtor(approving, debtor([email, task]), TODAY);
    expect(actions.map((a) => [a.stageKey, a.channel, a.requiresApproval])).toEqual([
      ['first-reminder', 'email', true],
      ['call-customer', 'task', false],
    ]);
  });

  it('with approval mode off, auto stages go without', () => {
    expect(plan([email]).actions[0]?.requiresApproval).toBe(false);
  });
});
