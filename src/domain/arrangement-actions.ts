// The actions a customer's arrangements produce: a note on the books when a promise is not kept or a
// payment plan lapses, and a reminder a few days before each instalment of a plan in good standing.
import type { Arrangements, InstalmentDue } from './arrangements';
import { instalmentReminderKey, planLapsedKey, promiseBrokenKey } from './arrangements';
import { fromEpochDay } from './dates';
import {
  brokenPromiseReason,
  creditReason,
  instalmentReminderReason,
  planLapsedReason,
} from './hold-reasons';
import { actionIdempotencyKey } from './idempotency-key';
import type { MessageCandidate } from './message-choice';
import type { Minor } from './money';
import type { PlannerInvoice } from './planner-input';
import type { ActionCommon, PlannedAction } from './planner-output';
import { RANK, type PlacedPlan, type PlanningDay } from './planning-day';
import { byDueDateThenNumber } from './stage-groups';

export function arrangementWork(
  day: PlanningDay,
  arrangements: Arrangements,
  credit: ReadonlyMap<string, Minor>,
) {
  const plan: PlacedPlan = { actions: [], skips: [] };
  for (const broken of arrangements.brokenPromises) {
    for (const invoices of byCurrency(broken.invoices)) {
      const key = promiseBrokenKey(broken.promise.promisedFor);
      const item: PlannedAction = {
        ...noteCommon(day, invoices, key, 'promise-broken', 'Promise to pay not kept'),
        reason: brokenPromiseReason(broken.promise, invoices, day.policy.graceDays),
        kind: 'promise_broken',
        madeOn: broken.promise.madeOn,
        promisedFor: broken.promise.promisedFor,
      };
      plan.actions.push({
        item,
        placement: { rank: RANK.note, index: 0, currency: item.currency, tie: key },
      });
    }
  }
  for (const lapsed of arrangements.lapsedPlans) {
    const invoices = [...lapsed.invoices].sort(byDueDateThenNumber);
    const key = planLapsedKey(lapsed.plan.id, lapsed.instalment.number);
    const item: PlannedAction = {
      ...noteCommon(day, invoices, key, 'plan-lapsed', 'Payment plan lapsed'),
      reason: planLapsedReason(lapsed.plan, lapsed.instalment, invoices),
      kind: 'plan_lapsed',
      planId: lapsed.plan.id,
      instalmentNumber: lapsed.instalment.number,
      dueDate: fromEpochDay(lapsed.instalment.day),
      amount: lapsed.instalment.amount,
    };
    plan.actions.push({ item, placement: { rank: RANK.note, index: 1, currency: item.currency, tie: key } });
  }

  const candidates: MessageCandidate[] = [];
  for (const due of arrangements.instalmentsDue) {
    const candidate = instalmentCandidate(day, due);
    const held = credit.get(due.plan.currency.toUpperCase());
    if (held === undefined) candidates.push(candidate);
    else {
      plan.skips.push({
        item: {
          debtorId: day.debtor.id,
          invoiceIds: candidate.invoiceIds,
          stageKey: candidate.stageKey,
          cause: 'credit',
          reason: creditReason(day.debtor.name, held, due.plan.currency, candidate.subject),
        },
        placement: candidate.placement,
      });
    }
  }
  return { plan, candidates };
}

/** A note for the books: no message, no approval, and nobody to address. */
function noteCommon(
  day: PlanningDay,
  invoices: readonly PlannerInvoice[],
  doneKey: string,
  stageKey: string,
  stageName: string,
): Omit<ActionCommon, 'reason'> {
  const currency = invoices[0]?.currency ?? '';
  const invoiceIds = invoices.map((i) => i.id);
  return {
    idempotencyKey: actionIdempotencyKey(doneKey, currency, day.debtor.id, invoiceIds),
    debtorId: day.debtor.id,
    stageKey,
    doneKey,
    stageName,
    channel: 'note',
    taskKind: null,
    tone: 'polite',
    template: stageKey,
    currency,
    invoiceIds,
    recipient: null,
    requiresApproval: false,
    plannedOn: day.today,
  };
}

function instalmentCandidate(day: PlanningDay, due: InstalmentDue): MessageCandidate {
  const { plan, instalment } = due;
  const invoices = [...due.invoices].sort(byDueDateThenNumber);
  const invoiceIds = invoices.map((i) => i.id);
  const doneKey = instalmentReminderKey(plan.id, instalment.number);
  const build = (recipient: string): PlannedAction => ({
    kind: 'instalment_reminder',
    planId: plan.id,
    instalmentNumber: instalment.number,
    dueDate: fromEpochDay(instalment.day),
    amount: instalment.amount,
    idempotencyKey: actionIdempotencyKey(doneKey, plan.currency, day.debtor.id, invoiceIds),
    debtorId: day.debtor.id,
    stageKey: 'instalment-reminder',
    doneKey,
    stageName: 'Instalment reminder',
    channel: 'email',
    taskKind: null,
    tone: 'polite',
    template: 'instalment-reminder',
    currency: plan.currency,
    invoiceIds,
    recipient,
    requiresApproval: day.context.approvalMode,
    plannedOn: day.today,
    reason: instalmentReminderReason(plan, instalment, day.policy.instalmentReminderDaysBefore),
  });
  return {
    // An instalment reminder has a date to beat; the other messages can wait a day.
    priority: [0, instalment.day],
    chasing: true,
    channel: 'email',
    subject: { label: `the reminder for instalment ${instalment.number} of ${instalment.count}`, invoices },
    stageKey: 'instalment-reminder',
    invoiceIds,
    placement: { rank: RANK.instalment, index: 0, currency: plan.currency, tie: plan.id },
    build,
  };
}

function byCurrency(invoices: readonly PlannerInvoice[]): PlannerInvoice[][] {
  const groups = new Map<string, PlannerInvoice[]>();
  for (const invoice of [...invoices].sort(byDueDateThenNumber)) {
    const group = groups.get(invoice.currency) ?? [];
    group.push(invoice);
    groups.set(invoice.currency, group);
  }
  return [...groups.keys()].sort().map((c) => groups.get(c) ?? []);
}
