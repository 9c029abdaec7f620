// Unallocated credit (an unapplied credit note, an overpayment, a prepayment) holds every reminder in
// its currency: chasing a customer whose money is already with us is the complaint users make most.
// Instead, a person is asked to allocate it; the task's key names the amount, so a new credit raises a
// new task and the same credit never raises two.
import { creditTaskReason } from './hold-reasons';
import { actionIdempotencyKey } from './idempotency-key';
import { assertMinor, type Minor } from './money';
import type { PlannerInvoice } from './planner-input';
import type { PlannedAction } from './planner-output';
import { RANK, type PlacedPlan, type PlanningDay } from './planning-day';
import { byDueDateThenNumber } from './stage-groups';

/** Credit per currency (upper-case code), where there is any. */
export function creditByCurrency(day: PlanningDay): Map<string, Minor> {
  const credit = new Map<string, Minor>();
  for (const c of day.debtor.unallocatedCredit ?? []) {
    if (assertMinor(c.amount, `credit of ${day.debtor.name}`) <= 0) continue;
    const code = c.currency.toUpperCase();
    credit.set(code, (credit.get(code) ?? 0) + c.amount);
  }
  return credit;
}

export const allocateCreditKey = (amount: Minor) => `allocate-credit:${amount}`;

export function creditWork(
  day: PlanningDay,
  open: readonly PlannerInvoice[],
  credit: ReadonlyMap<string, Minor>,
): PlacedPlan {
  const plan: PlacedPlan = { actions: [], skips: [] };
  for (const [currency, amount] of credit) {
    const invoices = open.filter((i) => i.currency.toUpperCase() === currency).sort(byDueDateThenNumber);
    const doneKey = allocateCreditKey(amount);
    if (invoices.length === 0 || invoices.some((i) => i.stagesDone.includes(doneKey))) continue;
    const item: PlannedAction = {
      kind: 'allocate_credit',
      credit: amount,
      // The key leaves the invoices out: a new invoice in the currency is no reason for a second task.
      idempotencyKey: actionIdempotencyKey(doneKey, currency, day.debtor.id, []),
      debtorId: day.debtor.id,
      stageKey: 'allocate-credit',
      doneKey,
      stageName: 'Allocate unallocated credit',
      channel: 'task',
      taskKind: 'allocate_credit',
      tone: 'polite',
      template: 'allocate-credit',
      currency,
      invoiceIds: invoices.map((i) => i.id),
      recipient: null,
      requiresApproval: false,
      plannedOn: day.today,
      reason: creditTaskReason(day.debtor.name, amount, currency, invoices),
    };
    plan.actions.push({ item, placement: { rank: RANK.credit, index: 0, currency, tie: '' } });
  }
  return plan;
}
