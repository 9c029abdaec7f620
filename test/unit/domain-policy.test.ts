import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { policyProblems, standardPolicy, type Policy } from '../../src/domain/policy';

describe('the standard policy', () => {
  it('goes from a heads-up to a person calling, in this order', () => {
    expect(standardPolicy.stages.map((s) => [s.key, s.offsetDays, s.channel, s.tone, s.template])).toEqual([
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

describe('policyProblems', () => {
  const base = standardPolicy;
  const [first, second] = base.stages;
  if (!first || !second) throw new Error('the standard policy has stages');

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
  ])('$name', ({ policy, problem }) => {
    expect(policyProblems(policy)).toContain(problem);
  });
});

describe('the domain stays pure', () => {
  const dir = join(__dirname, '../../src/domain');
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));

  it.each(files)('%s imports only domain files and node built-ins, and reads no clock or dice', (file) => {
    const source = readFileSync(join(dir, file), 'utf8');
    const imports = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1] ?? '');
    for (const spec of imports) expect(spec).toMatch(/^(\.\/[\w-]+|node:[\w/]+)$/);
    expect(source).not.toMatch(/Date\.now|new Date\(\)|Math\.random|process\.|require\(/);
  });
});
