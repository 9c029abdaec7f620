// What a customer has told us, and what it does to chasing: a dispute pauses its invoice until it is
// resolved; a promise to pay pauses until the promised date (and a few days for the money to reach
// the books), after which a broken promise resumes chasing and is noted; a payment plan replaces
// overdue reminders with instalment reminders until an instalment is missed.
import { toEpochDay } from './dates';
import type { Minor } from './money';
import type { Dispute, PaymentPlan, PlannerDebtor, PlannerInvoice, PromiseToPay } from './planner-input';
import type { Policy } from './policy';
import { smallBalanceThreshold } from './small-balance';

export type Hold =
  | { kind: 'dispute'; dispute: Dispute }
  | { kind: 'plan'; plan: PaymentPlan; next: InstalmentStanding }
  | { kind: 'promise'; promise: PromiseToPay; resumesDay: number };

export interface InstalmentStanding {
  /** 1-based, as people count instalments. */
  number: number;
  count: number;
  day: number;
  /** What is still to come of this instalment (less when part of it was paid early). */
  amount: Minor;
}

export interface InstalmentDue {
  plan: PaymentPlan;
  instalment: InstalmentStanding;
  invoices: PlannerInvoice[];
}

export interface BrokenPromise {
  promise: PromiseToPay;
  invoices: PlannerInvoice[];
}

export interface LapsedPlan {
  plan: PaymentPlan;
  instalment: InstalmentStanding;
  invoices: PlannerInvoice[];
}

export interface Arrangements {
  holds: Map<string, Hold>;
  instalmentsDue: InstalmentDue[];
  brokenPromises: BrokenPromise[];
  lapsedPlans: LapsedPlan[];
}

export const promiseBrokenKey = (promisedFor: string) => `promise-broken:${promisedFor}`;
export const instalmentReminderKey = (planId: string, n: number) => `instalment-reminder:${planId}:${n}`;
export const planLapsedKey = (planId: string, n: number) => `plan-lapsed:${planId}:${n}`;

const noted = (invoices: readonly PlannerInvoice[], key: string) =>
  invoices.some((i) => i.stagesDone.includes(key));

/** Null for the great majority of customers, who have no arrangement: the planner's fast path. */
export function arrangementsOf(
  debtor: PlannerDebtor,
  open: readonly PlannerInvoice[],
  policy: Policy,
  todayDay: number,
): Arrangements | null {
  const disputes = debtor.disputes ?? [];
  const promises = debtor.promises ?? [];
  const plans = debtor.paymentPlans ?? [];
  if (disputes.length === 0 && promises.length === 0 && plans.length === 0) return null;
  const byId = new Map(open.map((i) => [i.id, i]));
  const result: Arrangements = { holds: new Map(), instalmentsDue: [], brokenPromises: [], lapsedPlans: [] };
  applyPlans(plans, byId, policy, todayDay, result);
  applyPromises(promises, byId, policy, todayDay, result);
  // A dispute pauses its invoice whatever else was arranged: nobody is chased for what they contest.
  for (const dispute of [...disputes].sort((a, b) => toEpochDay(b.raisedOn) - toEpochDay(a.raisedOn))) {
    const raised = toEpochDay(dispute.raisedOn);
    const resolved = dispute.resolvedOn === null ? null : toEpochDay(dispute.resolvedOn);
    if (raised <= todayDay && (resolved === null || resolved > todayDay) && byId.has(dispute.invoiceId)) {
      result.holds.set(dispute.invoiceId, { kind: 'dispute', dispute });
    }
  }
  return result;
}

/** The latest arrangement made (on or before today) about an invoice is the one that stands. */
function governing<T>(
  items: readonly T[],
  invoiceIds: (t: T) => readonly string[],
  madeDay: (t: T) => number,
  todayDay: number,
) {
  const latest = new Map<string, T>();
  for (const item of items) {
    const made = madeDay(item);
    if (made > todayDay) continue;
    for (const id of invoiceIds(item)) {
      const current = latest.get(id);
      if (current === undefined || madeDay(current) <= made) latest.set(id, item);
    }
  }
  return latest;
}

function governedBy<T>(
  item: T,
  ids: readonly string[],
  latest: Map<string, T>,
  byId: Map<string, PlannerInvoice>,
) {
  const invoices: PlannerInvoice[] = [];
  for (const id of ids) {
    const invoice = byId.get(id);
    if (invoice && latest.get(id) === item) invoices.push(invoice);
  }
  return invoices;
}

function applyPromises(
  promises: readonly PromiseToPay[],
  byId: Map<string, PlannerInvoice>,
  policy: Policy,
  todayDay: number,
  result: Arrangements,
) {
  const latest = governing(
    promises,
    (p) => p.invoiceIds,
    (p) => toEpochDay(p.madeOn),
    todayDay,
  );
  for (const promise of promises) {
    const invoices = governedBy(promise, promise.invoiceIds, latest, byId);
    if (invoices.length === 0) continue;
    const resumesDay = toEpochDay(promise.promisedFor) + policy.graceDays + 1;
    if (todayDay < resumesDay) {
      for (const invoice of invoices) {
        if (!result.holds.has(invoice.id))
          result.holds.set(invoice.id, { kind: 'promise', promise, resumesDay });
      }
      continue;
    }
    // What is left under the small-balance tolerance does not break a promise.
    const owing = invoices.filter((i) => i.outstanding >= smallBalanceThreshold(policy, i.currency));
    if (owing.length > 0 && !noted(invoices, promiseBrokenKey(promise.promisedFor))) {
      result.brokenPromises.push({ promise, invoices: owing });
    }
  }
}

function applyPlans(
  plans: readonly PaymentPlan[],
  byId: Map<string, PlannerInvoice>,
  policy: Policy,
  todayDay: number,
  result: Arrangements,
) {
  const latest = governing(
    plans,
    (p) => p.invoiceIds,
    (p) => toEpochDay(p.agreedOn),
    todayDay,
  );
  for (const plan of plans) {
    const invoices = governedBy(plan, plan.invoiceIds, latest, byId).filter(
      (i) => i.currency === plan.currency,
    );
    const next = invoices.length > 0 ? nextInstalment(plan, invoices) : null;
    if (!next) continue;
    if (todayDay > next.day + policy.graceDays) {
      if (!noted(invoices, planLapsedKey(plan.id, next.number))) {
        result.lapsedPlans.push({ plan, instalment: next, invoices });
      }
      continue;
    }
    for (const invoice of invoices) result.holds.set(invoice.id, { kind: 'plan', plan, next });
    const remindFrom = next.day - policy.instalmentReminderDaysBefore;
    if (
      todayDay >= remindFrom &&
      todayDay <= next.day &&
      !noted(invoices, instalmentReminderKey(plan.id, next.number))
    ) {
      result.instalmentsDue.push({ plan, instalment: next, invoices });
    }
  }
}

/** The first instalment not yet met by what was received, taking instalments in date order. */
function nextInstalment(plan: PaymentPlan, invoices: readonly PlannerInvoice[]): InstalmentStanding | null {
  const instalments = [...plan.instalments].sort((a, b) => toEpochDay(a.dueDate) - toEpochDay(b.dueDate));
  const total = instalments.reduce((sum, i) => sum + i.amount, 0);
  const owed = invoices.reduce((sum, i) => sum + i.outstanding, 0);
  const received = Math.max(0, total - owed);
  let cumulative = 0;
  for (const [index, instalment] of instalments.entries()) {
    cumulative += instalment.amount;
    if (cumulative > received) {
      return {
        number: index + 1,
        count: instalments.length,
        day: toEpochDay(instalment.dueDate),
        amount: Math.min(instalment.amount, cumulative - received),
      };
    }
  }
  return null;
}
