// At most one message reaches a customer on a day, whatever its channel: the most useful one goes and
// the others wait for the next contact. A message that has no address to go to (none, or opted out)
// does not use up the day. Chasing messages also wait for the minimum gap after the last one; a
// thank-you does not (it is welcome any time), but it still counts as the day's message.
import { toEpochDay } from './dates';
import type { PlannedAction, PlannedSkip, SkipCause } from './planner-output';
import {
  alreadyMessagedReason,
  gapReason,
  noAddressReason,
  oneMessageADayReason,
  suppressedReason,
  type SkipSubject,
} from './planner-reasons';
import {
  comparePlacement,
  isSuppressed,
  recipientFor,
  type PlacedPlan,
  type Placement,
  type PlanningDay,
} from './planning-day';

export interface MessageCandidate {
  /** Lower goes first: instalment reminders (they have a date), thank-yous, then stages, firmest first. */
  priority: number[];
  /** Chasing messages wait for the minimum gap; a thank-you does not. */
  chasing: boolean;
  channel: 'email' | 'sms';
  subject: SkipSubject;
  stageKey: string | null;
  invoiceIds: string[];
  placement: Placement;
  build(recipient: string): PlannedAction;
}

export function chooseMessage(day: PlanningDay, candidates: readonly MessageCandidate[]): PlacedPlan {
  const plan: PlacedPlan = { actions: [], skips: [] };
  const { debtor, policy, todayDay } = day;
  const minDays = Math.max(1, policy.minDaysBetweenContacts);
  const last = debtor.lastContactOn;
  const gapOpen = last === null || todayDay - toEpochDay(last) >= minDays;
  const lastMessage = debtor.lastMessageOn === undefined ? last : debtor.lastMessageOn;
  const messagedToday = lastMessage !== null && toEpochDay(lastMessage) >= todayDay;
  let chosen: MessageCandidate | null = null;

  const skip = (c: MessageCandidate, cause: SkipCause, reason: string) => {
    const item: PlannedSkip = {
      debtorId: debtor.id,
      invoiceIds: c.invoiceIds,
      stageKey: c.stageKey,
      cause,
      reason,
    };
    plan.skips.push({ item, placement: c.placement });
  };
  for (const candidate of [...candidates].sort(byPriority)) {
    const recipient = recipientFor(debtor, candidate.channel);
    if (recipient === null) {
      skip(candidate, 'no_address', noAddressReason(debtor.name, candidate.channel, candidate.subject));
    } else if (isSuppressed(day.context, candidate.channel, recipient)) {
      skip(candidate, 'suppressed', suppressedReason(recipient, candidate.subject));
    } else if (candidate.chasing && !gapOpen && last !== null) {
      skip(candidate, 'gap', gapReason(candidate.subject, last, minDays));
    } else if (messagedToday && lastMessage !== null) {
      skip(candidate, 'one_a_day', alreadyMessagedReason(candidate.subject, lastMessage));
    } else if (chosen) {
      const bothEmail = chosen.channel === 'email' && candidate.channel === 'email';
      skip(candidate, 'one_a_day', oneMessageADayReason(candidate.subject, chosen.subject, bothEmail));
    } else {
      chosen = candidate;
      plan.actions.push({ item: candidate.build(recipient), placement: candidate.placement });
    }
  }
  return plan;
}

function byPriority(a: MessageCandidate, b: MessageCandidate): number {
  const length = Math.max(a.priority.length, b.priority.length);
  for (let i = 0; i < length; i++) {
    const d = (a.priority[i] ?? 0) - (b.priority[i] ?? 0);
    if (d !== 0) return d;
  }
  return comparePlacement(a.placement, b.placement);
}
