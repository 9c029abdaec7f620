// A follow-up policy: the ordered stages a credit controller would go through for one invoice, from a
// heads-up before the due date to a person picking up the phone.

export type Channel = 'email' | 'task';
export type Tone = 'friendly' | 'polite' | 'firm' | 'final' | 'escalation';

export interface Stage {
  key: string;
  name: string;
  /** Days from the due date; negative = before it. */
  offsetDays: number;
  channel: Channel;
  tone: Tone;
  /** Template id, see templates.ts. */
  template: string;
}

export interface Policy {
  id: string;
  name: string;
  stages: Stage[];
  minDaysBetweenContacts: number;
}

export const standardPolicy: Policy = {
  id: 'standard',
  name: 'Standard',
  stages: [
    {
      key: 'heads-up',
      name: 'Friendly heads-up',
      offsetDays: -3,
      channel: 'email',
      tone: 'friendly',
      template: 'friendly',
    },
    {
      key: 'first-reminder',
      name: 'First reminder',
      offsetDays: 1,
      channel: 'email',
      tone: 'polite',
      template: 'polite',
    },
    {
      key: 'second-reminder',
      name: 'Second reminder',
      offsetDays: 7,
      channel: 'email',
      tone: 'polite',
      template: 'polite-second',
    },
    {
      key: 'payment-plan',
      name: 'Reminder with payment plan offer',
      offsetDays: 14,
      channel: 'email',
      tone: 'firm',
      template: 'firm-plan',
    },
    {
      key: 'final-notice',
      name: 'Final notice',
      offsetDays: 30,
      channel: 'email',
      tone: 'final',
      template: 'final',
    },
    {
      key: 'call-customer',
      name: 'Call the customer',
      offsetDays: 45,
      channel: 'task',
      tone: 'escalation',
      template: 'call',
    },
  ],
  // Five days gives the customer a working week to read, check and pay or answer before hearing from
  // us again: follow-ups stay regular and respectful rather than constant, whatever the stage dates say.
  minDaysBetweenContacts: 5,
};

/** What is wrong with a policy, in words for the settings page; empty when the planner can use it. */
export function policyProblems(policy: Policy): string[] {
  const problems: string[] = [];
  if (policy.stages.length === 0) problems.push('the policy has no stages');
  if (!Number.isSafeInteger(policy.minDaysBetweenContacts) || policy.minDaysBetweenContacts < 1) {
    problems.push('the minimum gap between contacts must be a whole number of days, at least 1');
  }
  const seen = new Set<string>();
  policy.stages.forEach((stage, index) => {
    if (seen.has(stage.key)) problems.push(`stage key '${stage.key}' is used twice`);
    seen.add(stage.key);
    if (!Number.isSafeInteger(stage.offsetDays))
      problems.push(`'${stage.name}' needs a whole number of days`);
    const previous = policy.stages[index - 1];
    // The planner walks stages in order and never skips one, so a later stage must not come earlier.
    if (previous && stage.offsetDays < previous.offsetDays) {
      problems.push(`'${stage.name}' comes before '${previous.name}' in time but after it in the list`);
    }
  });
  return problems;
}
