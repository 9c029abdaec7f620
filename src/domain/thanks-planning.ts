// Positive reinforcement: after an invoice we chased is paid, a short thank-you; after a part payment,
// an acknowledgement that says what remains. Both are messages, so they share the one-a-day rule, but
// not the minimum gap: a thank-you is welcome any time. One per currency, covering every payment not
// yet thanked; a payment more than a week old is left alone rather than thanked out of the blue.
import { toEpochDay } from './dates';
import { creditReason, thanksReason } from './hold-reasons';
import { actionIdempotencyKey } from './idempotency-key';
import type { MessageCandidate } from './message-choice';
import type { Minor } from './money';
import type { PaymentEvent } from './planner-input';
import type { PaymentThanked, PlannedAction } from './planner-output';
import { compareCodes, RANK, type PlacedPlan, type PlanningDay } from './planning-day';

/** Days after a payment during which it is still natural to thank for it. */
export const THANKS_WITHIN_DAYS = 7;

export function thanksWork(day: PlanningDay, credit: ReadonlyMap<string, Minor>) {
  const plan: PlacedPlan = { actions: [], skips: [] };
  const candidates: MessageCandidate[] = [];
  const payments = day.debtor.payments ?? [];
  if (payments.length === 0) return { plan, candidates };

  const byCurrency = new Map<string, PaymentEvent[]>();
  for (const payment of payments) {
    const age = day.todayDay - toEpochDay(payment.on);
    if (payment.acknowledged || !payment.chased || age < 0 || age > THANKS_WITHIN_DAYS) continue;
    const group = byCurrency.get(payment.currency) ?? [];
    group.push(payment);
    byCurrency.set(payment.currency, group);
  }
  for (const [currency, group] of byCurrency) {
    group.sort((a, b) => toEpochDay(a.on) - toEpochDay(b.on) || compareCodes(a.number, b.number));
    const held = credit.get(currency.toUpperCase());
    // An acknowledgement states what remains, and unallocated credit may yet settle it: it waits.
    const partial = held === undefined ? [] : group.filter((p) => p.kind === 'part_paid');
    const thanked = held === undefined ? group : group.filter((p) => p.kind === 'paid');
    const placement = { rank: RANK.thanks, index: 0, currency, tie: '' };
    if (held !== undefined && partial.length > 0) {
      const subject = { label: 'the acknowledgement', invoices: partial.map(asReasonInvoice) };
      plan.skips.push({
        item: {
          debtorId: day.debtor.id,
          invoiceIds: partial.map((p) => p.invoiceId),
          stageKey: 'part-payment',
          cause: 'credit',
          reason: creditReason(day.debtor.name, held, currency, subject),
        },
        placement,
      });
    }
    if (thanked.length > 0) candidates.push(thanksCandidate(day, currency, thanked, placement));
  }
  return { plan, candidates };
}

const asReasonInvoice = (p: PaymentEvent) => ({ number: p.number, dueDate: p.on });

function thanksCandidate(
  day: PlanningDay,
  currency: string,
  events: PaymentEvent[],
  placement: MessageCandidate['placement'],
): MessageCandidate {
  const partly = events.some((p) => p.remaining > 0);
  const stageKey = partly ? 'part-payment' : 'thank-you';
  const latest = events[events.length - 1]?.on ?? day.today;
  // A second part payment on the same invoice is thanked again: the key names the payment's day.
  const doneKey = `${stageKey}@${latest}`;
  const invoiceIds = [...new Set(events.map((p) => p.invoiceId))];
  const payments: PaymentThanked[] = events.map((p) => ({
    invoiceId: p.invoiceId,
    number: p.number,
    on: p.on,
    amount: p.amount,
    remaining: p.remaining,
  }));
  const build = (recipient: string): PlannedAction => ({
    kind: 'thanks',
    payments,
    idempotencyKey: actionIdempotencyKey(
      doneKey,
      currency,
      day.debtor.id,
      events.map((p) => `${p.invoiceId}@${p.on}`),
    ),
    debtorId: day.debtor.id,
    stageKey,
    doneKey,
    stageName: partly ? 'Part payment acknowledged' : 'Thank you',
    channel: 'email',
    taskKind: null,
    tone: 'friendly',
    template: stageKey,
    currency,
    invoiceIds,
    recipient,
    requiresApproval: day.context.approvalMode,
    plannedOn: day.today,
    reason: thanksReason(events, currency),
  });
  return {
    priority: [1, toEpochDay(events[0]?.on ?? day.today)],
    chasing: false,
    channel: 'email',
    subject: {
      label: partly ? 'the acknowledgement' : 'the thank-you',
      invoices: events.map(asReasonInvoice),
    },
    stageKey,
    invoiceIds,
    placement,
    build,
  };
}
