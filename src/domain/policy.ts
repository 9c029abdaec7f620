// A follow-up policy: the ordered stages a credit controller would go through for one invoice, from a
// heads-up before the due date to a person picking up the phone, and the settings that keep the
// follow-ups regular and respectful rather than constant.
import type { Minor } from './money';

export type Channel = 'email' | 'sms' | 'task';
/** What a person is asked to do when a stage is a task rather than a message. */
export type TaskKind = 'call' | 'letter' | 'mediation' | 'agency';
export type Tone = 'friendly' | 'polite' | 'firm' | 'final' | 'escalation';
/** `needs_approval`: the stage is planned, but a person releases it. */
export type Approval = 'auto' | 'needs_approval';

/**
 * When a stage falls due. From the due date: negative days go before it ("pre-due" stages, which only
 * apply while the invoice is not yet due). From the previous contact: days after the previous stage
 * was acted on for the invoice (from the due date when none was), and never before the invoice is
 * overdue.
 */
export interface StageOffset {
  from: 'due' | 'previous_contact';
  days: number;
}

export interface Stage {
  key: string;
  name: string;
  offset: StageOffset;
  channel: Channel;
  /** Required when the channel is `task`, absent otherwise. */
  taskKind?: TaskKind;
  tone: Tone;
  /** Template id: a built-in wording (see reminder-wording.ts) or a business's own template. */
  template: string;
  approval: Approval;
  /** Only on the last stage: it comes round again this many days after it was last acted on. */
  repeatEveryDays?: number;
}

/**
 * Balances under the threshold are not chased: a few cents left by a bank fee are not worth a
 * customer's goodwill. Set per currency in minor units; other currencies use whole units.
 */
export interface SmallBalanceTolerance {
  byCurrency: Readonly<Record<string, Minor>>;
  /** Whole units of any other currency: 5 means 5.00 NZD, ¥5, 5.000 KWD. */
  wholeUnitsOtherwise: number;
}

export interface Policy {
  id: string;
  name: string;
  stages: Stage[];
  /** Days between two chasing messages (email or SMS) to one customer, whatever the stage dates say. */
  minDaysBetweenContacts: number;
  /**
   * Days a payment may take to reach the books (a transfer, then the bank feed reconciled) before a
   * promise or an instalment counts as missed. A "not kept" note cannot be taken back in Xero.
   */
  graceDays: number;
  /** How many days before each instalment of a payment plan its reminder goes. */
  instalmentReminderDaysBefore: number;
  smallBalance: SmallBalanceTolerance;
}

/** A pre-due stage only applies while the invoice is not yet due; after that it drops out. */
export function isPreDue(stage: Stage): boolean {
  return stage.offset.from === 'due' && stage.offset.days < 0;
}

/** A stage that reaches the customer (and so counts against the contact allowance). */
export function isMessage(stage: Stage): boolean {
  return stage.channel !== 'task';
}

export {
  builtInPolicies,
  firmPolicy,
  gentlePolicy,
  standardPolicy,
  type BuiltInPolicyId,
} from './built-in-policies';
export { policyProblems, type PolicyCheckOptions } from './policy-problems';
