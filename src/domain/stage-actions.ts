// Turning today's stage groups into work: a held group becomes a skip that says what holds it, a task
// becomes an action for a person, and a message becomes a candidate for the customer's one message of
// the day.
import { toEpochDay } from './dates';
import { creditReason, disputeReason, planReason, promiseReason, smallBalanceReason } from './hold-reasons';
import { actionIdempotencyKey } from './idempotency-key';
import type { MessageCandidate } from './message-choice';
import type { PlannedAction, PlannedSkip, SkipCause } from './planner-output';
import { actionReason, type SkipSubject } from './planner-reasons';
import { RANK, type PlacedPlan, type Placement, type PlanningDay } from './planning-day';
import { stageDoneKey } from './stage-schedule';
import type { GroupHold, StageGroup } from './stage-groups';

export function placementOf(group: StageGroup): Placement {
  return {
    rank: RANK.stage,
    index: group.stageIndex,
    currency: group.currency,
    tie: `${group.round}\u0000${group.invoices[0]?.number ?? ''}\u0000${group.invoices[0]?.id ?? ''}`,
  };
}

export function subjectOf(group: StageGroup): SkipSubject {
  return { label: `'${group.stage.name}'`, invoices: group.invoices };
}

/** Held groups become skips, tasks become actions, and messages become candidates for the day's one message. */
export function stageWork(day: PlanningDay, groups: readonly StageGroup[]) {
  const plan: PlacedPlan = { actions: [], skips: [] };
  const candidates: MessageCandidate[] = [];
  for (const group of groups) {
    if (group.hold)
      plan.skips.push({ item: heldSkip(day, group, group.hold), placement: placementOf(group) });
    else if (group.stage.channel === 'task') {
      plan.actions.push({ item: stageAction(day, group, null), placement: placementOf(group) });
    } else candidates.push(stageCandidate(day, group, group.stage.channel));
  }
  return { plan, candidates };
}

function stageCandidate(day: PlanningDay, group: StageGroup, channel: 'email' | 'sms'): MessageCandidate {
  const oldest = group.invoices[0] ? toEpochDay(group.invoices[0].dueDate) : 0;
  return {
    // Latest stage first; between currencies at the same stage, the one holding the oldest debt.
    priority: [2, -group.stageIndex, -group.round, oldest],
    chasing: true,
    channel,
    subject: subjectOf(group),
    stageKey: group.stage.key,
    invoiceIds: group.invoices.map((i) => i.id),
    placement: placementOf(group),
    build: (recipient) => stageAction(day, group, recipient),
  };
}

export function stageAction(day: PlanningDay, group: StageGroup, recipient: string | null): PlannedAction {
  const { stage, round, currency } = group;
  const invoiceIds = group.invoices.map((i) => i.id);
  const doneKey = stageDoneKey(stage.key, round);
  const isTask = stage.channel === 'task';
  return {
    kind: 'stage',
    round,
    idempotencyKey: actionIdempotencyKey(doneKey, currency, day.debtor.id, invoiceIds),
    debtorId: day.debtor.id,
    stageKey: stage.key,
    doneKey,
    stageName: stage.name,
    channel: stage.channel,
    taskKind: isTask ? (stage.taskKind ?? 'call') : null,
    tone: stage.tone,
    template: stage.template,
    currency,
    invoiceIds,
    recipient,
    // A task is already a person's work; approval mode is about what reaches the customer.
    requiresApproval: stage.approval === 'needs_approval' || (!isTask && day.context.approvalMode),
    plannedOn: day.today,
    reason: actionReason(stage, group.invoices, day.today, day.policy.stages[group.stageIndex + 1], round),
  };
}

function heldSkip(day: PlanningDay, group: StageGroup, hold: GroupHold): PlannedSkip {
  const subject = subjectOf(group);
  const skip = (cause: SkipCause, reason: string): PlannedSkip => ({
    debtorId: day.debtor.id,
    invoiceIds: group.invoices.map((i) => i.id),
    stageKey: group.stage.key,
    cause,
    reason,
  });
  const first = group.invoices[0] ?? { number: '', dueDate: day.today };
  switch (hold.kind) {
    case 'dispute':
      return skip('dispute', disputeReason(day.debtor.name, hold.dispute, first));
    case 'promise':
      return skip('promise', promiseReason(day.debtor.name, hold.promise, subject, hold.resumesDay));
    case 'plan':
      return skip('payment_plan', planReason(hold.plan, hold.next, subject));
    case 'credit':
      return skip('credit', creditReason(day.debtor.name, hold.amount, group.currency, subject));
    case 'small_balance':
      return skip('small_balance', smallBalanceReason(group.invoices, hold.threshold, group.currency));
  }
}
