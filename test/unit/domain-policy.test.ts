import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  builtInPolicies,
  firmPolicy,
  gentlePolicy,
  isPreDue,
  policyProblems,
  standardPolicy,
  type Policy,
  type Stage,
} from '../../src/domain/policy';
import { templateIds } from '../../src/domain/templates';

describe('the standard policy', () => {
  it('goes from a heads-up to a person calling, in this order', () => {
    expect(standardPolicy.stages.map((s) => [s.key, s.offset.days, s.channel, s.tone, s.template])).toEqual([
      ['heads-up', -3, 'email', 'friendly', 'friendly'],
      ['first-reminder', 1, 'email', 'polite', 'polite'],
      ['second-reminder', 7, 'email', 'polite', 'polite-second'],
      ['payment-plan', 14, 'email', 'firm', 'firm-plan'],
      ['final-notice', 30, 'email', 'final', 'final'],
      ['call-customer', 45, 'task', 'escalation', 'call'],
    ]);
    expect(standardPolicy.minDaysBetweenContacts).toBe(5);
    expect(policyProblems(standardPolicy)).toEqual([]);
  });
});

describe('the built-in policies', () => {
  const all = Object.values(builtInPolicies);
  const offsetOf = (policy: Policy, key: string) => policy.stages.find((s) => s.key === key)?.offset.days;

  it.each(all)('$id passes validation and uses only built-in wording', (policy) => {
    expect(policyProblems(policy, { templateIds })).toEqual([]);
  });

  it.each(all)('$id starts with a heads-up before the due date and ends with a person deciding', (policy) => {
    const first = policy.stages[0];
    const last = policy.stages[policy.stages.length - 1];
    expect(first && isPreDue(first)).toBe(true);
    expect(last?.channel).toBe('task');
  });

  it('gentle: more check-ins, softer, and no final notice without approval', () => {
    expect(gentlePolicy.stages.map((s) => [s.key, s.offset.days, s.channel, s.tone, s.approval])).toEqual([
      ['heads-up', -7, 'email', 'friendly', 'auto'],
      ['check-in', 3, 'email', 'friendly', 'auto'],
      ['first-reminder', 10, 'email', 'polite', 'auto'],
      ['check-in-call', 17, 'task', 'polite', 'auto'],
      ['payment-plan', 30, 'email', 'polite', 'auto'],
      ['final-notice', 45, 'email', 'final', 'needs_approval'],
      ['call-customer', 60, 'task', 'escalation', 'auto'],
    ]);
    expect(gentlePolicy.stages.at(-1)?.repeatEveryDays).toBe(30);
    expect(gentlePolicy.minDaysBetweenContacts).toBeGreaterThan(standardPolicy.minDaysBetweenContacts);
  });

  it('firm: shorter gaps, an earlier final notice, and mediation only with approval', () => {
    expect(
      firmPolicy.stages.map((s) => [
        s.key,
        s.offset.from,
        s.offset.days,
        s.channel,
        s.taskKind ?? null,
        s.approval,
      ]),
    ).toEqual([
      ['heads-up', 'due', -5, 'email', null, 'auto'],
      ['first-reminder', 'due', 1, 'email', null, 'auto'],
      ['second-reminder', 'due', 5, 'email', null, 'auto'],
      ['payment-plan', 'due', 10, 'email', null, 'auto'],
      ['final-notice', 'due', 21, 'email', null, 'auto'],
      ['call-customer', 'due', 25, 'task', 'call', 'auto'],
      ['letter', 'previous_contact', 10, 'task', 'letter', 'auto'],
      ['consider-mediation', 'previous_contact', 21, 'task', 'mediation', 'needs_approval'],
    ]);
    expect(firmPolicy.minDaysBetweenContacts).toBeLessThan(standardPolicy.minDaysBetweenContacts);
    expect(offsetOf(firmPolicy, 'final-notice')).toBeLessThan(offsetOf(standardPolicy, 'final-notice') ?? 0);
  });

  it('every built-in offers an instalment plan before its final notice', () => {
    for (const policy of all) {
      const keys = policy.stages.map((s) => s.key);
      expect(keys.indexOf('payment-plan')).toBeLessThan(keys.indexOf('final-notice'));
    }
  });
});

describe('policyProblems', () => {
  const base = standardPolicy;
  const [first, second] = base.stages;
  if (!first || !second) throw new Error('the standard policy has stages');
  const last = base.stages[base.stages.length - 1];
  if (!last) throw new Error('the standard policy has a last stage');
  const withStage = (index: number, changes: Partial<Stage>): Policy => ({
    ...base,
    stages: base.stages.map((s, i) => (i === index ? { ...s, ...changes } : s)),
  });

  it.each<{ name: string; policy: Policy; problem: string }>([
    { name: 'no stages', policy: { ...base, stages: [] }, problem: 'the policy has no stages' },
    {
      name: 'a repeated key',
      policy: { ...base, stages: [first, { ...second, key: first.key }] },
      problem: "stage key 'heads-up' is used twice",
    },
    {
      name: 'stages out of time order',
      policy: { ...base, stages: [second, first] },
      problem: "'Friendly heads-up' comes before 'First reminder' in time but after it in the list",
    },
    {
      name: 'no gap between contacts',
      policy: { ...base, minDaysBetweenContacts: 0 },
      problem: 'the minimum gap between contacts must be a whole number of days, at least 1',
    },
    {
      name: 'a fractional gap between contacts',
      policy: { ...base, minDaysBetweenContacts: 2.5 },
      problem: 'the minimum gap between contacts must be a whole number of days, at least 1',
    },
    {
      name: 'a gap of half a year',
      policy: { ...base, minDaysBetweenContacts: 180 },
      problem: 'the minimum gap between contacts must be at most 90 days',
    },
    { name: 'no id', policy: { ...base, id: ' ' }, problem: 'the policy needs an id' },
    { name: 'no name', policy: { ...base, name: '' }, problem: 'the policy needs a name' },
    {
      name: 'two stages on the same day (a gap below 1 day)',
      policy: withStage(2, { offset: { from: 'due', days: 1 } }),
      problem:
        "'Second reminder' falls on the same day as 'First reminder'; stages need at least 1 day between them",
    },
    {
      name: 'no wait after the previous contact',
      policy: withStage(2, { offset: { from: 'previous_contact', days: 0 } }),
      problem: "'Second reminder' must wait at least 1 day after the previous contact",
    },
    {
      name: 'a fractional offset',
      policy: withStage(1, { offset: { from: 'due', days: 1.5 } }),
      problem: "'First reminder' needs a whole number of days",
    },
    {
      name: 'an offset years away',
      policy: withStage(5, { offset: { from: 'due', days: 1000 } }),
      problem: "'Call the customer' is 1000 days away; stages go at most 365 days out",
    },
    {
      name: 'a heads-up months before the due date',
      policy: withStage(0, { offset: { from: 'due', days: -120 } }),
      problem: "'Friendly heads-up' is 120 days before the due date; the earliest is 60 days before",
    },
    {
      name: 'an offset from nowhere',
      policy: withStage(1, { offset: { from: 'issue' as 'due', days: 1 } }),
      problem: "'First reminder' must count from the due date or from the previous contact",
    },
    {
      name: 'a first stage counted from a contact that never happened',
      policy: withStage(0, { offset: { from: 'previous_contact', days: 3 } }),
      problem:
        "the first stage, 'Friendly heads-up', must count from the due date: no contact comes before it",
    },
    {
      name: 'a pre-due stage after a follow-up stage',
      policy: {
        ...base,
        stages: [
          second,
          { ...base.stages[2], offset: { from: 'previous_contact', days: 4 } } as Stage,
          { ...first, offset: { from: 'due', days: 2 } },
          { ...first, key: 'late-heads-up', name: 'Late heads-up', offset: { from: 'due', days: -1 } },
        ],
      },
      problem: "'Late heads-up' comes before 'Friendly heads-up' in time but after it in the list",
    },
    {
      name: 'an empty template',
      policy: withStage(1, { template: ' ' }),
      problem: "'First reminder' has no template",
    },
    { name: 'an empty name', policy: withStage(1, { name: '' }), problem: 'stage 2 needs a name' },
    {
      name: 'two stages with one name',
      policy: withStage(2, { name: 'First reminder' }),
      problem: "two stages are called 'First reminder'",
    },
    {
      name: 'a key with spaces',
      policy: withStage(1, { key: 'First Reminder' }),
      problem:
        "'First reminder' needs a key of lower-case letters, digits and hyphens, like 'first-reminder'",
    },
    {
      name: 'a key using the repeat marker',
      policy: withStage(1, { key: 'first-reminder#2' }),
      problem:
        "'First reminder' needs a key of lower-case letters, digits and hyphens, like 'first-reminder'",
    },
    {
      name: 'a task without a kind',
      policy: withStage(5, { taskKind: undefined }),
      problem: "'Call the customer' is a task and needs a kind: call, letter, mediation or agency",
    },
    {
      name: 'an email with a task kind',
      policy: withStage(1, { taskKind: 'call' }),
      problem: "'First reminder' is a message, so it has no task kind",
    },
    {
      name: 'an unknown channel',
      policy: withStage(1, { channel: 'fax' as 'email' }),
      problem: "'First reminder' needs a channel: email, sms or task",
    },
    {
      name: 'an unknown tone',
      policy: withStage(1, { tone: 'angry' as 'firm' }),
      problem: "'First reminder' needs a tone: friendly, polite, firm, final, escalation",
    },
    {
      name: 'an unknown approval',
      policy: withStage(1, { approval: 'maybe' as 'auto' }),
      problem: "'First reminder' must be 'auto' or 'needs_approval'",
    },
    {
      name: 'a repeat that is not the last stage',
      policy: withStage(1, { repeatEveryDays: 7 }),
      problem: "only the last stage can repeat, and 'First reminder' is not the last",
    },
    {
      name: 'a repeat every 0 days',
      policy: withStage(5, { repeatEveryDays: 0 }),
      problem: "'Call the customer' must repeat every 1 to 365 days",
    },
    {
      name: 'negative grace for payments to arrive',
      policy: { ...base, graceDays: -1 },
      problem: 'the days allowed for a payment to arrive must be a whole number from 0 to 30',
    },
    {
      name: 'instalment reminders a year ahead',
      policy: { ...base, instalmentReminderDaysBefore: 365 },
      problem: 'instalment reminders must go a whole number of days (0 to 30) before each instalment',
    },
    {
      name: 'a negative small-balance tolerance',
      policy: { ...base, smallBalance: { byCurrency: {}, wholeUnitsOtherwise: -5 } },
      problem: 'the small-balance tolerance must be a whole number of units, 0 or more',
    },
    {
      name: 'a small-balance tolerance for no currency',
      policy: { ...base, smallBalance: { byCurrency: { dollars: 500 }, wholeUnitsOtherwise: 5 } },
      problem: "'dollars' is not a currency code like NZD",
    },
    {
      name: 'a small-balance tolerance in fractions of a cent',
      policy: { ...base, smallBalance: { byCurrency: { NZD: 4.5 }, wholeUnitsOtherwise: 5 } },
      problem: 'the small-balance tolerance for NZD must be a whole number of minor units',
    },
  ])('$name', ({ policy, problem }) => {
    expect(policyProblems(policy)).toContain(problem);
  });

  it('names a template that does not exist, when told which do', () => {
    expect(policyProblems(withStage(1, { template: 'polit' }), { templateIds })).toEqual([
      "'First reminder' uses the template 'polit', which does not exist",
    ]);
  });

  it('names every problem at once', () => {
    const broken: Policy = {
      ...base,
      minDaysBetweenContacts: 0,
      stages: [
        { ...first, template: '' },
        { ...second, key: first.key, offset: { from: 'due', days: -3 } },
      ],
    };
    expect(policyProblems(broken)).toEqual([
      'the minimum gap between contacts must be a whole number of days, at least 1',
      "'Friendly heads-up' has no template",
      "stage key 'heads-up' is used twice",
      "'First reminder' falls on the same day as 'Friendly heads-up'; stages need at least 1 day between them",
    ]);
  });

  it('a copy of a built-in, edited sensibly, has no problems', () => {
    const edited: Policy = {
      ...standardPolicy,
      id: 'ours',
      name: 'Ours',
      stages: [
        ...standardPolicy.stages.slice(0, 5),
        { ...last, offset: { from: 'previous_contact', days: 10 }, repeatEveryDays: 14 },
      ],
    };
    expect(policyProblems(edited, { templateIds })).toEqual([]);
  });
});

describe('the domain stays pure', () => {
  const dir = join(__dirname, '../../src/domain');
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
  /** The holiday data comes from one package, in one file, that the planner itself never imports. */
  const HOLIDAY_SOURCE = 'public-holidays.ts';

  it.each(files)('%s imports only domain files and node built-ins, and reads no clock or dice', (file) => {
    const source = readFileSync(join(dir, file), 'utf8');
    const imports = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1] ?? '');
    for (const spec of imports) {
      if (file === HOLIDAY_SOURCE && spec === 'date-holidays') continue;
      expect(spec).toMatch(/^(\.\/[\w-]+|node:[\w/]+)$/);
      expect(spec).not.toBe('./public-holidays');
    }
    expect(source).not.toMatch(/Date\.now|new Date\(\)|Math\.random|process\.|require\(/);
  });
});
