// What earlier days' planning already did for one generated invoice, so that the benchmark plans
// invoices part-way through their policy rather than a million invoices all at their first stage.
// Walks the policy the way the planner does (nextStepDay), acting on each stage on the day it fell due
// or a little later, as weekends, the contact gap and the one-message-a-day rule make happen.
import { fromEpochDay } from '../../src/domain/dates';
import type { Policy } from '../../src/domain/policy';
import { isMessage } from '../../src/domain/policy';
import { nextStepDay, stageDoneKey } from '../../src/domain/stage-schedule';
import type { Random } from './plan-random';

export interface InvoiceHistory {
  stagesDone: string[];
  /** Day number the latest stage was acted on, null when none was. */
  lastStageDay: number | null;
  /** Day number of the latest message (not task) about the invoice. */
  lastMessageDay: number | null;
}

/**
 * Stages acted on from `seenDay` (the invoice reached us) up to the day before `untilDay`. A stage
 * whose turn falls on or after `untilDay` is left due: today's planner, or an arrangement made on
 * that day, decides about it.
 */
export function pastStages(
  policy: Policy,
  dueDay: number,
  seenDay: number,
  untilDay: number,
  random: Random,
): InvoiceHistory {
  const history: InvoiceHistory = { stagesDone: [], lastStageDay: null, lastMessageDay: null };
  const dueDate = fromEpochDay(dueDay);
  let day = seenDay;
  // A repeating last stage never runs out; the day moves forward every turn, so the loop ends.
  for (;;) {
    const lastStageOn = history.lastStageDay === null ? null : fromEpochDay(history.lastStageDay);
    const step = nextStepDay(policy, { dueDate, stagesDone: history.stagesDone, lastStageOn }, dueDay, day);
    const stage = step ? policy.stages[step.index] : undefined;
    if (!step || !stage) return history;
    const actedOn = Math.max(step.day, day) + delay(random);
    if (actedOn >= untilDay) return history;
    history.stagesDone.push(stageDoneKey(stage.key, step.round));
    history.lastStageDay = actedOn;
    if (isMessage(stage)) history.lastMessageDay = actedOn;
    day = actedOn;
  }
}

/** Most stages go on their day; some wait a day or two (a weekend), a few up to a week (the gap). */
function delay(random: Random): number {
  const roll = random.next();
  if (roll < 0.75) return 0;
  if (roll < 0.93) return random.int(1, 2);
  return random.int(3, 6);
}
