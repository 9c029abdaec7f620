// What the planner hands back: actions to store (each under an idempotency key, so planning the same
// facts twice stores nothing new) and skips, each with the sentence a bookkeeper reads.
import type { CalendarDate } from './dates';
import type { Minor } from './money';
import type { TaskKind, Tone } from './policy';

export type ActionChannel = 'email' | 'sms' | 'task' | 'note';
export type ActionTaskKind = TaskKind | 'allocate_credit';

export interface ActionCommon {
  idempotencyKey: string;
  debtorId: string;
  /** The policy stage for stage actions; for the others a fixed key ('thank-you', 'allocate-credit'…). */
  stageKey: string;
  /**
   * What to record against each covered invoice once the action is stored (its `stagesDone` entry):
   * the stage key, 'call-customer#2' for a stage's second round, or the action's own key.
   */
  doneKey: string;
  stageName: string;
  channel: ActionChannel;
  taskKind: ActionTaskKind | null;
  tone: Tone;
  template: string;
  currency: string;
  invoiceIds: string[];
  /** The address or number the message goes to; null for tasks and notes. */
  recipient: string | null;
  requiresApproval: boolean;
  plannedOn: CalendarDate;
  reason: string;
}

export interface PaymentThanked {
  invoiceId: string;
  number: string;
  on: CalendarDate;
  amount: Minor;
  remaining: Minor;
}

export type ActionDetail =
  | { kind: 'stage'; round: number }
  | {
      kind: 'instalment_reminder';
      planId: string;
      instalmentNumber: number;
      dueDate: CalendarDate;
      amount: Minor;
    }
  | { kind: 'thanks'; payments: PaymentThanked[] }
  | { kind: 'allocate_credit'; credit: Minor }
  | { kind: 'promise_broken'; madeOn: CalendarDate; promisedFor: CalendarDate }
  | { kind: 'plan_lapsed'; planId: string; instalmentNumber: number; dueDate: CalendarDate; amount: Minor };

export type ActionKind = ActionDetail['kind'];
export type PlannedAction = ActionCommon & ActionDetail;

/** Why something that was due did not go, in a word a screen can filter on. */
export type SkipCause =
  | 'no_address'
  | 'suppressed'
  | 'gap'
  | 'one_a_day'
  | 'dispute'
  | 'promise'
  | 'payment_plan'
  | 'credit'
  | 'small_balance';

export interface PlannedSkip {
  debtorId: string;
  invoiceIds: string[];
  stageKey: string | null;
  cause: SkipCause;
  reason: string;
}

export interface DebtorPlan {
  actions: PlannedAction[];
  skips: PlannedSkip[];
}
