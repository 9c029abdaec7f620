// What a few generated customers have told us or paid: disputes, promises to pay (some broken),
// payment plans (some lapsed), recent payments to thank for, and unallocated credit. Each is made on a
// day in the past; the invoices it covers have no stage history after that day.
import { instalmentReminderKey, planLapsedKey, promiseBrokenKey } from '../../src/domain/arrangements';
import { allocateCreditKey } from '../../src/domain/credit-actions';
import { fromEpochDay } from '../../src/domain/dates';
import { currencyExponent } from '../../src/domain/money';
import type { PlannerDebtor } from '../../src/domain/planner-input';
import type { Policy } from '../../src/domain/policy';
import type { InvoiceDraft } from './plan-invoices';
import type { Random } from './plan-random';

type Arranged = Pick<
  PlannerDebtor,
  'disputes' | 'promises' | 'paymentPlans' | 'payments' | 'unallocatedCredit'
>;

export interface Arrangements extends Arranged {
  /** Done keys earlier days recorded for arrangements; added once the stage history is in place. */
  notes: { draft: InvoiceDraft; key: string }[];
  /** The day a thank-you last went, when one did. */
  thankedDay: number | null;
}

const REASONS = ['Goods arrived damaged', 'Not ordered', 'Wrong quantity invoiced', 'Price disagreement'];

export function arrange(
  random: Random,
  drafts: InvoiceDraft[],
  policy: Policy,
  todayDay: number,
  numbering: { next: number },
): Arrangements {
  const result: Arrangements = { notes: [], thankedDay: null };
  const overdue = drafts.filter((d) => d.dueDay < todayDay);
  if (overdue.length > 0 && random.chance(0.03)) dispute(random, overdue, todayDay, result);
  if (overdue.length > 0 && random.chance(0.04)) promise(random, overdue, policy, todayDay, result);
  if (overdue.length > 0 && random.chance(0.02)) paymentPlan(random, overdue, policy, todayDay, result);
  if (random.chance(0.07)) payments(random, drafts, todayDay, numbering, result);
  if (drafts.length > 0 && random.chance(0.05)) credit(random, drafts, result);
  return result;
}

function dispute(random: Random, overdue: InvoiceDraft[], todayDay: number, result: Arrangements) {
  const draft = random.pick(overdue);
  const raisedDay = Math.max(todayDay - random.int(0, 40), draft.dueDay - 5);
  const resolved = raisedDay < todayDay && random.chance(0.2);
  draft.untilDay = Math.min(draft.untilDay, raisedDay);
  result.disputes = [
    {
      invoiceId: draft.invoice.id,
      raisedOn: fromEpochDay(raisedDay),
      reason: random.pick(REASONS),
      resolvedOn: resolved ? fromEpochDay(random.int(raisedDay + 1, todayDay)) : null,
    },
  ];
}

function promise(
  random: Random,
  overdue: InvoiceDraft[],
  policy: Policy,
  todayDay: number,
  result: Arrangements,
) {
  const covered = pickSome(random, overdue, random.int(1, 2));
  const madeDay = todayDay - random.int(0, 20);
  const promisedDay = madeDay + random.int(2, 21);
  const promisedFor = fromEpochDay(promisedDay);
  // Broken before today: an earlier day's planning noted it and reminders resumed. Otherwise the
  // promise has held its invoices since it was made (or breaks today, and today's planner notes it).
  const first = covered[0];
  if (first && promisedDay + policy.graceDays + 1 < todayDay) {
    result.notes.push({ draft: first, key: promiseBrokenKey(promisedFor) });
  } else {
    for (const draft of covered) draft.untilDay = Math.min(draft.untilDay, madeDay);
  }
  result.promises = [
    { invoiceIds: covered.map((d) => d.invoice.id), madeOn: fromEpochDay(madeDay), promisedFor },
  ];
}

/** Monthly instalments adding up to what was owed when agreed; most met so far, some missed. */
function paymentPlan(
  random: Random,
  overdue: InvoiceDraft[],
  policy: Policy,
  todayDay: number,
  result: Arrangements,
) {
  const currency = random.pick(overdue).invoice.currency;
  const covered = pickSome(
    random,
    overdue.filter((d) => d.invoice.currency === currency),
    random.int(1, 3),
  );
  const agreedDay = todayDay - random.int(5, 100);
  const dueDays = (n: number) => Array.from({ length: n }, (_, i) => agreedDay + 14 + 30 * i);
  const pastDue = dueDays(8).filter((day) => day < todayDay).length;
  const count = Math.max(random.int(3, 6), pastDue + 1);
  const met = random.chance(0.15) ? Math.max(0, pastDue - 1) : pastDue;
  const owed = covered.reduce((sum, d) => sum + d.invoice.outstanding, 0);
  const each = Math.floor(owed / (count - met));
  if (each === 0) return;
  const planId = random.uuid();
  result.paymentPlans = [
    {
      id: planId,
      invoiceIds: covered.map((d) => d.invoice.id),
      currency,
      agreedOn: fromEpochDay(agreedDay),
      instalments: dueDays(count).map((day, i) => ({
        dueDate: fromEpochDay(day),
        amount: i < count - 1 ? each : owed - each * (count - 1 - met),
      })),
    },
  ];
  const missedDay = met < pastDue ? dueDays(count)[met] : undefined;
  // Lapsed before today: noted then, and reminders resumed. Otherwise the plan holds its invoices.
  const lapsedBefore = missedDay !== undefined && missedDay + policy.graceDays + 1 < todayDay;
  for (const draft of covered) {
    if (!lapsedBefore) draft.untilDay = Math.min(draft.untilDay, agreedDay);
    for (let n = 1; n <= met; n++) result.notes.push({ draft, key: instalmentReminderKey(planId, n) });
  }
  const first = covered[0];
  if (lapsedBefore && first) result.notes.push({ draft: first, key: planLapsedKey(planId, met + 1) });
}

function payments(
  random: Random,
  drafts: InvoiceDraft[],
  todayDay: number,
  numbering: { next: number },
  result: Arrangements,
) {
  result.payments = [];
  for (let i = random.int(1, 2); i > 0; i--) {
    const part = drafts.length > 0 && random.chance(0.4) ? random.pick(drafts).invoice : null;
    const currency = part?.currency ?? drafts[0]?.invoice.currency ?? 'NZD';
    const onDay = todayDay - random.int(0, 9);
    // A payment of an earlier day was usually thanked for on the day after it; today's is still to be.
    const acknowledged = onDay < todayDay && random.chance(0.85);
    result.payments.push({
      invoiceId: part?.id ?? random.uuid(),
      number: part?.number ?? `INV-${String(numbering.next++).padStart(5, '0')}`,
      currency,
      kind: part ? 'part_paid' : 'paid',
      on: fromEpochDay(onDay),
      amount: random.int(50, 5000) * 10 ** currencyExponent(currency),
      remaining: part?.outstanding ?? 0,
      chased: random.chance(0.7),
      acknowledged,
    });
    if (acknowledged) result.thankedDay = Math.max(result.thankedDay ?? 0, Math.min(onDay + 1, todayDay));
  }
}

/** Credit in one of the customer's currencies; for most, the task to allocate it was raised on an earlier day. */
function credit(random: Random, drafts: InvoiceDraft[], result: Arrangements) {
  const draft = random.pick(drafts);
  const currency = draft.invoice.currency;
  const amount = random.int(10, 5000) * 10 ** currencyExponent(currency);
  result.unallocatedCredit = [{ currency, amount }];
  if (random.chance(0.85)) result.notes.push({ draft, key: allocateCreditKey(amount) });
}

function pickSome<T>(random: Random, items: readonly T[], n: number): T[] {
  const picked = new Set<T>();
  while (picked.size < Math.min(n, items.length)) picked.add(random.pick(items));
  return [...picked];
}
