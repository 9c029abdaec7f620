// The facts every part of the planner needs for one customer on one day, worked out once: the policy
// that applies, today as a day number, and who a message on each channel would go to.
import type { CalendarDate } from './dates';
import type { PlannerDebtor, PlanningContext } from './planner-input';
import type { PlannedAction, PlannedSkip } from './planner-output';
import type { Policy } from './policy';

export interface PlanningDay {
  context: PlanningContext;
  debtor: PlannerDebtor;
  policy: Policy;
  today: CalendarDate;
  todayDay: number;
}

/** The preferred contact person's address for the channel when they have one, else the customer's. */
export function recipientFor(debtor: PlannerDebtor, channel: 'email' | 'sms'): string | null {
  const person = debtor.overrides?.contactPerson;
  const own = channel === 'email' ? person?.email : person?.phone;
  const fallback = channel === 'email' ? debtor.email : debtor.phone;
  return own?.trim() || fallback?.trim() || null;
}

export function isSuppressed(context: PlanningContext, channel: 'email' | 'sms', address: string): boolean {
  if (context.suppressed.size === 0) return false;
  return context.suppressed.has(channel === 'email' ? address.toLowerCase() : address);
}

/**
 * Where an action or skip sits in the plan, so that the plan comes out in the same order whatever
 * order the invoices arrived in: kind of work, stage, currency, then the first invoice.
 */
export interface Placement {
  rank: number;
  index: number;
  currency: string;
  tie: string;
}

export interface Placed<T> {
  item: T;
  placement: Placement;
}

/** Plain code-unit order: locale-independent, so the plan is the same on every machine. */
export function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function comparePlacement(a: Placement, b: Placement): number {
  return (
    a.rank - b.rank || a.index - b.index || compareCodes(a.currency, b.currency) || compareCodes(a.tie, b.tie)
  );
}

export interface PlacedPlan {
  actions: Placed<PlannedAction>[];
  skips: Placed<PlannedSkip>[];
}

/** Ranks of the kinds of work, in the order the plan lists them. */
export const RANK = {
  stage: 0,
  instalment: 1,
  thanks: 2,
  credit: 3,
  note: 4,
} as const;
