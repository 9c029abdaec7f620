// The invoices of one customer whose next stage is due today, grouped so that one message covers every
// invoice at the same stage (and round) in the same currency, and set apart by whatever holds them.
import type { Arrangements, Hold } from './arrangements';
import { compareDates } from './dates';
import { assertMinor, type Minor } from './money';
import type { PlannerInvoice } from './planner-input';
import { compareCodes, type PlanningDay } from './planning-day';
import type { Stage } from './policy';
import { smallBalanceThreshold } from './small-balance';
import { nextStepDay } from './stage-schedule';
import { toEpochDay } from './dates';

export type GroupHold =
  Hold | { kind: 'credit'; amount: Minor } | { kind: 'small_balance'; threshold: Minor };

export interface StageGroup {
  stage: Stage;
  stageIndex: number;
  round: number;
  currency: string;
  invoices: PlannerInvoice[];
  hold: GroupHold | null;
}

/** Open invoices: money still owed and not taken out of chasing by a person. */
export function openInvoices(invoices: readonly PlannerInvoice[]): PlannerInvoice[] {
  const open: PlannerInvoice[] = [];
  for (const invoice of invoices) {
    if (assertMinor(invoice.outstanding, `outstanding on ${invoice.number}`) > 0 && !invoice.excluded)
      open.push(invoice);
  }
  return open;
}

export function dueStageGroups(
  day: PlanningDay,
  open: readonly PlannerInvoice[],
  arrangements: Arrangements | null,
  credit: ReadonlyMap<string, Minor>,
): StageGroup[] {
  const groups = new Map<string, StageGroup>();
  for (const invoice of open) {
    const step = nextStepDay(day.policy, invoice, toEpochDay(invoice.dueDate), day.todayDay);
    const stage = step ? day.policy.stages[step.index] : undefined;
    if (!step || !stage || step.day > day.todayDay) continue;
    const hold = holdOf(day, invoice, arrangements, credit);
    const key = `${step.index}\u0000${step.round}\u0000${invoice.currency}\u0000${holdKey(hold, invoice)}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        stage,
        stageIndex: step.index,
        round: step.round,
        currency: invoice.currency,
        invoices: [],
        hold,
      };
      groups.set(key, group);
    }
    group.invoices.push(invoice);
  }
  const sorted = [...groups.values()];
  for (const group of sorted) group.invoices.sort(byDueDateThenNumber);
  return sorted;
}

/** A dispute, plan or promise first; then credit waiting to be allocated; then a balance too small to chase. */
function holdOf(
  day: PlanningDay,
  invoice: PlannerInvoice,
  arrangements: Arrangements | null,
  credit: ReadonlyMap<string, Minor>,
): GroupHold | null {
  const arranged = arrangements?.holds.get(invoice.id);
  if (arranged) return arranged;
  if (credit.size > 0) {
    const amount = credit.get(invoice.currency.toUpperCase());
    if (amount !== undefined) return { kind: 'credit', amount };
  }
  const threshold = smallBalanceThreshold(day.policy, invoice.currency);
  return invoice.outstanding < threshold ? { kind: 'small_balance', threshold } : null;
}

function holdKey(hold: GroupHold | null, invoice: PlannerInvoice): string {
  if (!hold) return '';
  switch (hold.kind) {
    case 'dispute':
      return `dispute:${invoice.id}`;
    case 'plan':
      return `plan:${hold.plan.id}`;
    case 'promise':
      return `promise:${hold.promise.madeOn}:${hold.promise.promisedFor}:${hold.promise.invoiceIds.join(',')}`;
    default:
      return hold.kind;
  }
}

export function byDueDateThenNumber(a: PlannerInvoice, b: PlannerInvoice): number {
  return compareDates(a.dueDate, b.dueDate) || compareCodes(a.number, b.number) || compareCodes(a.id, b.id);
}
