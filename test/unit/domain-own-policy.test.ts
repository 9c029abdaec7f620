import {
  draftOf,
  draftPolicy,
  draftProblems,
  draftTemplates,
  idFor,
  type PolicyDraft,
} from '../../src/domain/own-policy';
import { firmPolicy, gentlePolicy, standardPolicy } from '../../src/domain/policy';
import { renderReminder } from '../../src/domain/templates';

const wording = {
  subject: 'About {{invoice_numbers}}',
  body: 'Hi {{contact_first_name}},\n\n{{invoice_table}}',
};
const draft = (overrides: Partial<PolicyDraft> = {}): PolicyDraft => ({
  policy: standardPolicy,
  wordings: { 'first-reminder': wording },
  ...overrides,
});

describe('a policy with wording of its own', () => {
  it('points each rewritten stage at a template of its own, and leaves the others on built-in wording', () => {
    const policy = draftPolicy(draft());
    expect(policy.stages.map((s) => s.template)).toEqual([
      'friendly',
      'standard/first-reminder',
      'polite-second',
      'firm-plan',
      'final',
      'call',
    ]);
    expect(draftTemplates(draft())).toEqual([
      { ...wording, templateId: 'standard/first-reminder', stageKey: 'first-reminder' },
    ]);
  });

  it('comes back from storage as it was edited', () => {
    const stored = draftPolicy(draft());
    const templates = new Map(draftTemplates(draft()).map((t) => [t.templateId, t]));
    expect(draftOf(stored, templates)).toEqual({
      policy: { ...standardPolicy, stages: standardPolicy.stages },
      wordings: { 'first-reminder': wording },
    });
  });

  it('falls back to the wording of its tone when its own wording is gone', () => {
    const stored = draftPolicy(draft());
    expect(draftOf(stored, new Map()).policy.stages[1]?.template).toBe('polite');
  });

  it('passes for each built-in, as shipped', () => {
    for (const policy of [gentlePolicy, standardPolicy, firmPolicy])
      expect(draftProblems({ policy, wordings: {} })).toEqual([]);
    expect(draftProblems(draft())).toEqual([]);
  });

  it('renders through the same path the sender uses', () => {
    const stage = draftPolicy(draft()).stages[1]!;
    const email = renderReminder({
      stage,
      business: { name: 'Kiwi Tiles', replyTo: 'a@kiwi.example' },
      debtor: { name: '<b>Acme</b>', contactName: null },
      invoices: [
        { number: 'INV-1', issueDate: '2026-10-01', dueDate: '2026-11-01', amountDue: 1000, currency: 'NZD' },
      ],
      today: '2026-11-24',
      edited: wording,
    });
    expect(email.subject).toBe('About INV-1');
    expect(email.text).toMatch(/^Hi <b>Acme<\/b>,/);
    expect(email.html).toContain('Hi &lt;b&gt;Acme&lt;/b&gt;,');
  });
});

describe('what is wrong with a draft', () => {
  it('names the stage and the part of its wording', () => {
    const problems = draftProblems(
      draft({
        wordings: {
          'first-reminder': { subject: 'Hi {{customer}', body: 'Dear {{custmer}}, {credit_amount}' },
          'call-customer': { subject: '', body: 'Call {{customer}}' },
        },
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        "'First reminder' wording: the subject has a '{{' or '}}' without its pair; write placeholders as {{customer}}",
        "'First reminder' wording: unknown placeholder {{custmer}} in the body",
        "'First reminder' wording: {credit_amount} in the body needs double braces: {{credit_amount}}",
        "'Call the customer' wording: the subject is empty",
      ]),
    );
  });

  it('knows a team brief from a customer message', () => {
    const brief = { subject: 'Call {{customer}}', body: 'Credit waiting: {{credit_amount}}' };
    expect(draftProblems(draft({ wordings: { 'call-customer': brief } }))).toEqual([]);
    expect(draftProblems(draft({ wordings: { 'first-reminder': brief } }))).toEqual([
      "'First reminder' wording: {{credit_amount}} in the body only works in task briefs",
    ]);
  });

  it('refuses an id that is not a plain key, and wording for a stage that is not there', () => {
    const problems = draftProblems({
      policy: { ...standardPolicy, id: 'My Policy/1' },
      wordings: { 'no-such-stage': wording },
    });
    expect(problems).toEqual([
      "the policy id 'My Policy/1' must be lower-case letters, digits and hyphens, at most 40 long",
      "there is wording for a stage 'no-such-stage' that does not exist",
    ]);
  });

  it('reports the policy problems too: no stages, a negative gap', () => {
    expect(
      draftProblems({ policy: { ...standardPolicy, stages: [], minDaysBetweenContacts: -1 }, wordings: {} }),
    ).toEqual([
      'the policy has no stages',
      'the minimum gap between contacts must be a whole number of days, at least 1',
    ]);
  });
});

describe('ids from names', () => {
  it('makes a plain key, unlike those taken', () => {
    const taken = new Set(['gentle', 'standard', 'firm', 'key-accounts']);
    expect(idFor('Key accounts', taken, 'policy')).toBe('key-accounts-2');
    expect(idFor('  Ōtaki (NZ) customers!', taken, 'policy')).toBe('taki-nz-customers');
    expect(idFor('***', taken, 'policy')).toBe('policy');
    expect(idFor('x'.repeat(80), taken, 'policy')).toHaveLength(36);
  });
});
