// What is wrong with a policy a person edited, in words for the settings page: every problem at once,
// so nobody fixes one field only to be told about the next. Empty when the planner can use it.
import type { Policy, Stage } from './policy';

export interface PolicyCheckOptions {
  /** Template ids that exist (built-in and the business's own); when given, others are problems. */
  templateIds?: readonly string[];
}

const CHANNELS = ['email', 'sms', 'task'];
const TASK_KINDS = ['call', 'letter', 'mediation', 'agency'];
const TONES = ['friendly', 'polite', 'firm', 'final', 'escalation'];
const APPROVALS = ['auto', 'needs_approval'];
/** Done keys of repeats and arrangements use `#`, `:` and `@`; stage keys stay plain. */
const KEY_SHAPE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const CURRENCY = /^[A-Z]{3}$/;
const EARLIEST_BEFORE_DUE = 60;
const LATEST_DAYS = 365;

const isWhole = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n);

export function policyProblems(policy: Policy, options: PolicyCheckOptions = {}): string[] {
  const problems: string[] = [];
  if (!policy.id?.trim()) problems.push('the policy needs an id');
  if (!policy.name?.trim()) problems.push('the policy needs a name');
  if (policy.stages.length === 0) problems.push('the policy has no stages');
  problems.push(...settingsProblems(policy));

  const keys = new Set<string>();
  const names = new Set<string>();
  policy.stages.forEach((stage, index) => {
    const label = stage.name?.trim() ? `'${stage.name}'` : `stage ${index + 1}`;
    if (keys.has(stage.key)) problems.push(`stage key '${stage.key}' is used twice`);
    keys.add(stage.key);
    if (stage.name?.trim() && names.has(stage.name.trim())) problems.push(`two stages are called ${label}`);
    names.add(stage.name?.trim() ?? '');
    problems.push(...stageProblems(stage, label, index === policy.stages.length - 1, options));
  });
  problems.push(...orderProblems(policy.stages));
  return problems;
}

function settingsProblems(policy: Policy): string[] {
  const problems: string[] = [];
  if (!isWhole(policy.minDaysBetweenContacts) || policy.minDaysBetweenContacts < 1) {
    problems.push('the minimum gap between contacts must be a whole number of days, at least 1');
  } else if (policy.minDaysBetweenContacts > 90) {
    problems.push('the minimum gap between contacts must be at most 90 days');
  }
  if (!isWhole(policy.graceDays) || policy.graceDays < 0 || policy.graceDays > 30) {
    problems.push('the days allowed for a payment to arrive must be a whole number from 0 to 30');
  }
  const before = policy.instalmentReminderDaysBefore;
  if (!isWhole(before) || before < 0 || before > 30) {
    problems.push('instalment reminders must go a whole number of days (0 to 30) before each instalment');
  }
  const units = policy.smallBalance?.wholeUnitsOtherwise;
  if (!isWhole(units) || units < 0) {
    problems.push('the small-balance tolerance must be a whole number of units, 0 or more');
  }
  for (const [currency, minor] of Object.entries(policy.smallBalance?.byCurrency ?? {})) {
    if (!CURRENCY.test(currency)) problems.push(`'${currency}' is not a currency code like NZD`);
    if (!isWhole(minor) || minor < 0) {
      problems.push(`the small-balance tolerance for ${currency} must be a whole number of minor units`);
    }
  }
  return problems;
}

function stageProblems(stage: Stage, label: string, isLast: boolean, options: PolicyCheckOptions): string[] {
  const problems: string[] = [];
  if (!KEY_SHAPE.test(stage.key ?? '')) {
    problems.push(`${label} needs a key of lower-case letters, digits and hyphens, like 'first-reminder'`);
  }
  if (!stage.name?.trim()) problems.push(`${label} needs a name`);
  problems.push(...offsetProblems(stage, label));
  if (!CHANNELS.includes(stage.channel)) problems.push(`${label} needs a channel: email, sms or task`);
  if (!TONES.includes(stage.tone)) problems.push(`${label} needs a tone: ${TONES.join(', ')}`);
  if (!APPROVALS.includes(stage.approval)) problems.push(`${label} must be 'auto' or 'needs_approval'`);
  if (stage.channel === 'task' && !TASK_KINDS.includes(stage.taskKind ?? '')) {
    problems.push(`${label} is a task and needs a kind: call, letter, mediation or agency`);
  }
  if (stage.channel !== 'task' && stage.taskKind !== undefined) {
    problems.push(`${label} is a message, so it has no task kind`);
  }
  if (!stage.template?.trim()) problems.push(`${label} has no template`);
  else if (options.templateIds && !options.templateIds.includes(stage.template)) {
    problems.push(`${label} uses the template '${stage.template}', which does not exist`);
  }
  if (stage.repeatEveryDays !== undefined) {
    if (!isLast) problems.push(`only the last stage can repeat, and ${label} is not the last`);
    if (!isWhole(stage.repeatEveryDays) || stage.repeatEveryDays < 1 || stage.repeatEveryDays > LATEST_DAYS) {
      problems.push(`${label} must repeat every 1 to ${LATEST_DAYS} days`);
    }
  }
  return problems;
}

function offsetProblems(stage: Stage, label: string): string[] {
  const { from, days } = stage.offset ?? { from: undefined, days: undefined };
  if (from !== 'due' && from !== 'previous_contact') {
    return [`${label} must count from the due date or from the previous contact`];
  }
  if (!isWhole(days)) return [`${label} needs a whole number of days`];
  if (from === 'previous_contact' && days < 1) {
    return [`${label} must wait at least 1 day after the previous contact`];
  }
  if (days > LATEST_DAYS) return [`${label} is ${days} days away; stages go at most ${LATEST_DAYS} days out`];
  if (days < -EARLIEST_BEFORE_DUE) {
    return [
      `${label} is ${-days} days before the due date; the earliest is ${EARLIEST_BEFORE_DUE} days before`,
    ];
  }
  return [];
}

/** The planner walks stages in order and never skips one, so the list must run forward in time. */
function orderProblems(stages: readonly Stage[]): string[] {
  const problems: string[] = [];
  const first = stages[0];
  if (first?.offset?.from === 'previous_contact') {
    problems.push(
      `the first stage, '${first.name}', must count from the due date: no contact comes before it`,
    );
  }
  let previousFromDue: Stage | undefined;
  let previousOverdue: Stage | undefined;
  for (const stage of stages) {
    if (stage.offset?.from === 'due' && isWhole(stage.offset.days)) {
      const prior = previousFromDue?.offset.days;
      if (previousFromDue && prior !== undefined && stage.offset.days < prior) {
        problems.push(
          `'${stage.name}' comes before '${previousFromDue.name}' in time but after it in the list`,
        );
      } else if (previousFromDue && stage.offset.days === prior) {
        problems.push(
          `'${stage.name}' falls on the same day as '${previousFromDue.name}'; stages need at least 1 day between them`,
        );
      } else if (stage.offset.days < 0 && previousOverdue) {
        problems.push(
          `'${stage.name}' goes before the due date, so it must come before '${previousOverdue.name}'`,
        );
      }
      previousFromDue = stage;
    }
    if (stage.offset?.from === 'previous_contact' || (stage.offset?.days ?? 0) >= 0) previousOverdue = stage;
  }
  return problems;
}
