// What the policy would do over the coming weeks, for one customer or a whole organisation: the
// planner run day by day, assuming every planned action is carried out on its day (approvals given,
// emails sent, tasks opened) and that nobody pays; and what would be held back instead, and why.
// Shown on the settings page before a business picks or edits a policy. Deterministic: the same input
// gives the same timeline.
import { fromEpochDay, toEpochDay, type CalendarDate } from './dates';
import { planDebtor } from './planner';
import type { PlannerDebtor, PlannerInvoice, PlanningContext } from './planner-input';
import type { PlannedAction, PlannedSkip, SkipCause } from './planner-output';

export interface SimulationInput {
  context: PlanningContext;
  debtors: readonly PlannerDebtor[];
}

/** A step that was due and would not go, from the first day it is held back. */
export interface SimulatedHold extends PlannedSkip {
  on: CalendarDate;
}

/** Both in the order they would happen: by day, then customer in input order, then the plan's order. */
export interface Simulation {
  actions: PlannedAction[];
  holds: SimulatedHold[];
}

/** These only move a message to a later day, where the timeline shows it; they hold nothing back. */
const TIMING_ONLY: ReadonlySet<SkipCause> = new Set(['gap', 'one_a_day']);

export function simulate(input: SimulationInput, fromDate: CalendarDate, days = 90): Simulation {
  if (!Number.isSafeInteger(days) || days < 0) throw new RangeError(`Cannot simulate ${days} days`);
  const first = toEpochDay(fromDate);
  const debtors = input.debtors.map(copyOf);
  // The store keeps one action per idempotency key; a key planned again later is the same action.
  const carriedOut = new Set<string>();
  // A held step is held again every day until something changes: it is told once, on its first day.
  const told = new Set<string>();
  const simulation: Simulation = { actions: [], holds: [] };
  for (let offset = 0; offset < days; offset++) {
    const today = fromEpochDay(first + offset);
    for (const { debtor, invoices } of debtors) {
      const plan = planDebtor(input.context, debtor, today);
      for (const skip of plan.skips) {
        const key = JSON.stringify([skip.debtorId, skip.stageKey, skip.cause]);
        if (TIMING_ONLY.has(skip.cause) || told.has(key)) continue;
        told.add(key);
        simulation.holds.push({ ...skip, on: today });
      }
      for (const action of plan.actions) {
        if (carriedOut.has(action.idempotencyKey)) continue;
        carriedOut.add(action.idempotencyKey);
        simulation.actions.push(action);
        carryOut(debtor, invoices, action, today);
      }
    }
  }
  return simulation;
}

interface SimulatedDebtor {
  debtor: PlannerDebtor;
  invoices: Map<string, PlannerInvoice>;
}

/** The simulation changes only its own copy: the caller's facts stay as they were. */
function copyOf(original: PlannerDebtor): SimulatedDebtor {
  const invoices = original.invoices.map((i) => ({ ...i, stagesDone: [...i.stagesDone] }));
  const debtor: PlannerDebtor = {
    ...original,
    invoices,
    payments: original.payments?.map((p) => ({ ...p })),
  };
  return { debtor, invoices: new Map(invoices.map((i) => [i.id, i])) };
}

/** What the caller records once an action is carried out, so the next day's plan moves on. */
function carryOut(
  debtor: PlannerDebtor,
  invoices: Map<string, PlannerInvoice>,
  action: PlannedAction,
  today: CalendarDate,
) {
  for (const id of action.invoiceIds) {
    const invoice = invoices.get(id);
    if (!invoice) continue;
    invoice.stagesDone.push(action.doneKey);
    if (action.kind === 'stage') invoice.lastStageOn = today;
  }
  if (action.channel === 'email' || action.channel === 'sms') {
    debtor.lastMessageOn = today;
    if (action.kind !== 'thanks') debtor.lastContactOn = today;
  }
  if (action.kind === 'thanks') {
    const thanked = new Set(action.payments.map((p) => `${p.invoiceId}@${p.on}`));
    for (const payment of debtor.payments ?? []) {
      if (thanked.has(`${payment.invoiceId}@${payment.on}`)) payment.acknowledged = true;
    }
  }
}
