// Which stage comes next for one invoice, and from which day it is due. Stages are never skipped: an
// invoice first seen 60 days overdue starts at the first overdue stage, because a first contact that
// is a final notice is exactly the damage this product exists to avoid.
import { fromEpochDay, toEpochDay, type CalendarDate } from './dates';
import type { PlannerInvoice } from './planner-input';
import { isPreDue, type Policy, type Stage } from './policy';

type ScheduledInvoice = Pick<PlannerInvoice, 'dueDate' | 'stagesDone' | 'lastStageOn'>;

export interface NextStep {
  stage: Stage;
  index: number;
  /** 1 the first time; 2, 3… for the repeats of a repeating last stage. */
  round: number;
  /** From this day the stage is due, and it stays due until acted on. */
  dueOn: CalendarDate;
  doneKey: string;
}

/** Internal form on day numbers, so the planner builds no date strings for invoices it leaves alone. */
export interface StepDay {
  index: number;
  round: number;
  day: number;
}

/** What is recorded as done for a stage's round: 'call-customer', then 'call-customer#2'… */
export function stageDoneKey(stageKey: string, round: number): string {
  return round <= 1 ? stageKey : `${stageKey}#${round}`;
}

export function roundsDone(stagesDone: readonly string[], stageKey: string): number {
  const prefix = `${stageKey}#`;
  let rounds = 0;
  for (const key of stagesDone) if (key === stageKey || key.startsWith(prefix)) rounds += 1;
  return rounds;
}

/**
 * The first stage not yet acted on. Pre-due stages only apply while the invoice is not yet due; after
 * that they drop out silently. Once every stage is done, a repeating last stage comes round again.
 */
export function nextStepDay(
  policy: Policy,
  invoice: ScheduledInvoice,
  dueDay: number,
  todayDay: number,
): StepDay | null {
  const stages = policy.stages;
  const notYetDue = todayDay < dueDay;
  const lastStageDay = invoice.lastStageOn ? toEpochDay(invoice.lastStageOn) : null;
  for (let index = 0; index < stages.length; index++) {
    const stage = stages[index];
    if (!stage || invoice.stagesDone.includes(stage.key)) continue;
    if (isPreDue(stage) && !notYetDue) continue;
    return { index, round: 1, day: stageDay(stage, dueDay, lastStageDay) };
  }
  const last = stages[stages.length - 1];
  if (!last?.repeatEveryDays) return null;
  const rounds = roundsDone(invoice.stagesDone, last.key);
  const base = lastStageDay ?? stageDay(last, dueDay, null) + (rounds - 1) * last.repeatEveryDays;
  return { index: stages.length - 1, round: rounds + 1, day: base + last.repeatEveryDays };
}

/**
 * From the due date: due date plus the offset. From the previous contact: the day the previous stage
 * was acted on for this invoice (the due date when none was) plus the offset, and never before the
 * invoice is overdue, since such a stage follows up on a contact about a debt.
 */
function stageDay(stage: Stage, dueDay: number, lastStageDay: number | null): number {
  if (stage.offset.from === 'due') return dueDay + stage.offset.days;
  return Math.max((lastStageDay ?? dueDay) + stage.offset.days, dueDay + 1);
}

export function nextStage(policy: Policy, invoice: ScheduledInvoice, today: CalendarDate): NextStep | null {
  const step = nextStepDay(policy, invoice, toEpochDay(invoice.dueDate), toEpochDay(today));
  const stage = step ? policy.stages[step.index] : undefined;
  if (!step || !stage) return null;
  return {
    stage,
    index: step.index,
    round: step.round,
    dueOn: fromEpochDay(step.day),
    doneKey: stageDoneKey(stage.key, step.round),
  };
}

/** The day a stage falls due for an invoice (first round). */
export function stageDueOn(
  stage: Stage,
  invoice: Pick<PlannerInvoice, 'dueDate' | 'lastStageOn'>,
): CalendarDate {
  const last = invoice.lastStageOn ? toEpochDay(invoice.lastStageOn) : null;
  return fromEpochDay(stageDay(stage, toEpochDay(invoice.dueDate), last));
}
