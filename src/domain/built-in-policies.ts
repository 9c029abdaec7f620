// The three policies a business starts from, and copies to make its own. Each goes from a heads-up
// before the due date to a person deciding what next; they differ in pace and in how soon a final
// notice comes, never in whether anyone is threatened.
import type { Policy, Stage } from './policy';

export type BuiltInPolicyId = 'gentle' | 'standard' | 'firm';

const fromDue = (days: number) => ({ from: 'due', days }) as const;

/** Amounts under 5 whole units of the currency are not chased. */
const smallBalance = { byCurrency: {}, wholeUnitsOtherwise: 5 };

const headsUp = (days: number): Stage => ({
  key: 'heads-up',
  name: 'Friendly heads-up',
  offset: fromDue(days),
  channel: 'email',
  tone: 'friendly',
  template: 'friendly',
  approval: 'auto',
});

const firstReminder = (days: number): Stage => ({
  key: 'first-reminder',
  name: 'First reminder',
  offset: fromDue(days),
  channel: 'email',
  tone: 'polite',
  template: 'polite',
  approval: 'auto',
});

const secondReminder = (days: number): Stage => ({
  key: 'second-reminder',
  name: 'Second reminder',
  offset: fromDue(days),
  channel: 'email',
  tone: 'polite',
  template: 'polite-second',
  approval: 'auto',
});

const paymentPlanOffer = (days: number, tone: Stage['tone']): Stage => ({
  key: 'payment-plan',
  name: 'Reminder with payment plan offer',
  offset: fromDue(days),
  channel: 'email',
  tone,
  template: 'firm-plan',
  approval: 'auto',
});

const finalNotice = (days: number, approval: Stage['approval']): Stage => ({
  key: 'final-notice',
  name: 'Final notice',
  offset: fromDue(days),
  channel: 'email',
  tone: 'final',
  template: 'final',
  approval,
});

const callCustomer = (days: number): Stage => ({
  key: 'call-customer',
  name: 'Call the customer',
  offset: fromDue(days),
  channel: 'task',
  taskKind: 'call',
  tone: 'escalation',
  template: 'call',
  approval: 'auto',
});

export const standardPolicy: Policy = {
  id: 'standard',
  name: 'Standard',
  stages: [
    headsUp(-3),
    firstReminder(1),
    secondReminder(7),
    paymentPlanOffer(14, 'firm'),
    finalNotice(30, 'auto'),
    callCustomer(45),
  ],
  // Five days gives the customer a working week to read, check and pay or answer before hearing from
  // us again: follow-ups stay regular and respectful rather than constant, whatever the stage dates say.
  minDaysBetweenContacts: 5,
  graceDays: 3,
  instalmentReminderDaysBefore: 3,
  smallBalance,
};

/**
 * For key accounts: an earlier heads-up, a check-in before any reminder, a person calling before the
 * tone firms, and no final notice unless someone approves it. The call comes round monthly after
 * that: with a key account, people talk.
 */
export const gentlePolicy: Policy = {
  id: 'gentle',
  name: 'Gentle (key accounts)',
  stages: [
    headsUp(-7),
    {
      key: 'check-in',
      name: 'Checking in',
      offset: fromDue(3),
      channel: 'email',
      tone: 'friendly',
      template: 'check-in',
      approval: 'auto',
    },
    firstReminder(10),
    {
      key: 'check-in-call',
      name: 'Check-in call',
      offset: fromDue(17),
      channel: 'task',
      taskKind: 'call',
      tone: 'polite',
      template: 'check-in-call',
      approval: 'auto',
    },
    paymentPlanOffer(30, 'polite'),
    finalNotice(45, 'needs_approval'),
    { ...callCustomer(60), repeatEveryDays: 30 },
  ],
  minDaysBetweenContacts: 7,
  graceDays: 5,
  instalmentReminderDaysBefore: 5,
  smallBalance,
};

/**
 * For chronic late payers: shorter gaps, the payment plan offered at 10 days and the final notice at
 * 21, then a call and a letter. Referral to mediation is a last resort a person must approve.
 */
export const firmPolicy: Policy = {
  id: 'firm',
  name: 'Firm (chronic late payers)',
  stages: [
    headsUp(-5),
    firstReminder(1),
    secondReminder(5),
    paymentPlanOffer(10, 'firm'),
    finalNotice(21, 'auto'),
    callCustomer(25),
    {
      key: 'letter',
      name: 'Formal letter',
      offset: { from: 'previous_contact', days: 10 },
      channel: 'task',
      taskKind: 'letter',
      tone: 'escalation',
      template: 'letter',
      approval: 'auto',
    },
    {
      key: 'consider-mediation',
      name: 'Consider mediation',
      offset: { from: 'previous_contact', days: 21 },
      channel: 'task',
      taskKind: 'mediation',
      tone: 'escalation',
      template: 'mediation',
      approval: 'needs_approval',
    },
  ],
  minDaysBetweenContacts: 3,
  graceDays: 2,
  instalmentReminderDaysBefore: 2,
  smallBalance,
};

export const builtInPolicies: Readonly<Record<BuiltInPolicyId, Policy>> = {
  gentle: gentlePolicy,
  standard: standardPolicy,
  firm: firmPolicy,
};
