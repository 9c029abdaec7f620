import { draftPolicy, draftProblems } from '../../src/domain/own-policy';
import { standardPolicy } from '../../src/domain/policy';
import { draftFromForm, formOf, readPolicyForm } from '../../src/web/routes/policy-form';

/** The standard policy's form as a browser posts it, with a blank row for a new stage. */
function posted(changes: Record<string, string> = {}): Record<string, string> {
  const form = formOf({ policy: standardPolicy, wordings: {} });
  const fields: Record<string, string> = { name: form.name, gap: form.gap, repeat: form.repeat };
  form.stages.forEach((row, i) => {
    for (const [field, value] of Object.entries(row))
      if (field !== 'remove') fields[`${field}-${i}`] = String(value);
  });
  fields.stages = String(form.stages.length + 1);
  return { ...fields, ...changes };
}

const read = (changes: Record<string, string> = {}) =>
  draftFromForm(readPolicyForm(posted(changes)), standardPolicy);

describe('the policy form', () => {
  it('gives back the policy unchanged when nothing was changed', () => {
    expect(draftPolicy(read())).toEqual(standardPolicy);
  });

  it('adds a stage from the blank row, with a key from its name, and repeats the last stage', () => {
    const draft = read({
      'name-6': 'Courtesy call',
      'days-6': '60',
      'from-6': 'due',
      'channel-6': 'task',
      'taskKind-6': 'call',
      'tone-6': 'escalation',
      'approval-6': 'auto',
      repeat: '30',
    });
    expect(draft.policy.stages.at(-1)).toEqual({
      key: 'courtesy-call',
      name: 'Courtesy call',
      offset: { from: 'due', days: 60 },
      channel: 'task',
      taskKind: 'call',
      tone: 'escalation',
      template: 'call',
      approval: 'auto',
      repeatEveryDays: 30,
    });
    expect(draftProblems(draft)).toEqual([]);
  });

  it('removes a ticked stage, and keeps wording typed with Windows line ends', () => {
    const draft = read({ 'remove-0': 'on', 'subject-1': ' Hello {{customer}} ', 'body-1': 'Hi\r\n\r\nBye' });
    expect(draft.policy.stages.map((s) => s.key)).not.toContain('heads-up');
    expect(draft.wordings).toEqual({
      'first-reminder': { subject: 'Hello {{customer}}', body: 'Hi\n\nBye' },
    });
  });

  it('reports a number that is not one against its field', () => {
    const problems = draftProblems(read({ 'days-2': 'soon', gap: 'five', repeat: 'often' }));
    expect(problems).toEqual(
      expect.arrayContaining([
        "'Second reminder' needs a whole number of days",
        'the minimum gap between contacts must be a whole number of days, at least 1',
        "'Call the customer' must repeat every 1 to 365 days",
      ]),
    );
  });
});
