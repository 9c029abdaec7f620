// The follow-up engine: for one customer on one day, which contacts are due and which wait, each with
// a reason. Pure: the same context, customer and date always give the same plan, in the same order.
//
// On a day outside the send window (a weekend, a public holiday) nothing is planned: the stages stay
// due and go on the next send day. Otherwise, in this order:
//   - arrangements: disputes, promises and payment plans hold their invoices, and broken promises and
//     lapsed plans are noted;
//   - each open invoice's next stage, if due today, joins the group of its stage, round and currency;
//     a group held by an arrangement, unallocated credit or a tiny balance becomes a skip saying why;
//   - tasks go to a person whatever the contact allowance;
//   - of the messages (instalment reminders, thank-yous, stage emails and texts) at most one reaches
//     the customer today, and chasing ones only after the minimum gap.
import { standardPolicy } from './built-in-policies';
import { arrangementsOf } from './arrangements';
import { arrangementWork } from './arrangement-actions';
import { toEpochDay, type CalendarDate } from './dates';
import { creditByCurrency, creditWork } from './credit-actions';
import { chooseMessage } from './message-choice';
import type { PlannerDebtor, PlanningContext } from './planner-input';
import type { DebtorPlan } from './planner-output';
import { comparePlacement, type PlacedPlan, type Placed, type PlanningDay } from './planning-day';
import type { Policy } from './policy';
import { isSendDay } from './send-window';
import { stageWork } from './stage-actions';
import { dueStageGroups, openInvoices } from './stage-groups';
import { thanksWork } from './thanks-planning';

export type { PlannerDebtor, PlannerInvoice, PlanningContext } from './planner-input';
export { planningContext } from './planner-input';
export type { DebtorPlan, PlannedAction, PlannedSkip } from './planner-output';
export { nextStage, stageDueOn } from './stage-schedule';

/** The customer's own policy when a person picked one, else its segment's; the standard one as a last resort. */
export function policyFor(context: PlanningContext, debtor: PlannerDebtor): Policy {
  const bySegment = context.segmentPolicies[debtor.segment ?? 'new'];
  const picked = debtor.overrides?.policyId;
  return (
    (picked === undefined ? undefined : context.policies[picked]) ??
    context.policies[bySegment] ??
    standardPolicy
  );
}

export function planDebtor(context: PlanningContext, debtor: PlannerDebtor, today: CalendarDate): DebtorPlan {
  if (debtor.overrides?.excluded || !isSendDay(today, context.sendWindow, context.calendar)) {
    return { actions: [], skips: [] };
  }
  const day: PlanningDay = {
    context,
    debtor,
    policy: policyFor(context, debtor),
    today,
    todayDay: toEpochDay(today),
  };
  const open = openInvoices(debtor.invoices);
  const arrangements = arrangementsOf(debtor, open, day.policy, day.todayDay);
  const credit = creditByCurrency(day);

  const stages = stageWork(day, dueStageGroups(day, open, arrangements, credit));
  const arranged = arrangements ? arrangementWork(day, arrangements, credit) : null;
  const thanks = thanksWork(day, credit);
  const messages = chooseMessage(day, [
    ...(arranged?.candidates ?? []),
    ...thanks.candidates,
    ...stages.candidates,
  ]);
  const parts: PlacedPlan[] = [stages.plan, thanks.plan, messages, creditWork(day, open, credit)];
  if (arranged) parts.push(arranged.plan);
  return {
    actions: inOrder(parts.flatMap((p) => p.actions)),
    skips: inOrder(parts.flatMap((p) => p.skips)),
  };
}

function inOrder<T>(placed: Placed<T>[]): T[] {
  return placed.sort((a, b) => comparePlacement(a.placement, b.placement)).map((p) => p.item);
}
