// The follow-up engine: for one customer on one day, which contacts are due and which wait, each with
// a reason. Pure: the same policy, customer and date always give the same plan, in the same order.
import { addDays, compareDates, daysBetween } from './dates';
import { actionIdempotencyKey } from './idempotency-key';
import { assertMinor, type Minor } from './money';
import type { Channel, Policy, Stage, Tone } from './policy';
import { actionReason, gapReason, noEmailReason, oneEmailADayReason } from './planner-reasons';

export interface PlannerInvoice {
  id: string;
  number: string;
  currency: string;
  issueDate: string;
  dueDate: string;
  outstanding: Minor;
  /** Stage keys already acted on for this invoice. */
  stagesDone: string[];
  paused?: boolean;
}

export interface PlannerDebtor {
  id: string;
  name: string;
  email: string | null;
  /** The day the customer was last contacted (an email sent), in the organisation's calendar. */
  lastContactOn: string | null;
  invoices: PlannerInvoice[];
}

export interface PlannedAction {
  idempotencyKey: string;
  debtorId: string;
  stageKey: string;
  stageName: string;
  channel: Channel;
  tone: Tone;
  template: string;
  currency: string;
  invoiceIds: string[];
  reason: string;
}

export interface PlannedSkip {
  debtorId: string;
  invoiceIds: string[];
  stageKey: string | null;
  reason: string;
}

export interface DebtorPlan {
  actions: PlannedAction[];
  skips: PlannedSkip[];
}

/** The invoices of one customer at the same stage in the same currency: one message covers them. */
interface StageGroup {
  stage: Stage;
  stageIndex: number;
  currency: string;
  invoices: PlannerInvoice[];
}

/**
 * The first stage not yet acted on. Pre-due stages only apply while the invoice is not yet due; after
 * that they drop out silently. No other stage is ever skipped: an invoice first seen 60 days overdue
 * starts at the first overdue stage, because a first contact that is a final notice is exactly the
 * damage this product exists to avoid.
 */
export function nextStage(
  policy: Policy,
  invoice: Pick<PlannerInvoice, 'dueDate' | 'stagesDone'>,
  today: string,
): { stage: Stage; index: number } | null {
  const notYetDue = compareDates(today, invoice.dueDate) < 0;
  const index = policy.stages.findIndex(
    (stage) => !invoice.stagesDone.includes(stage.key) && (stage.offsetDays >= 0 || notYetDue),
  );
  const stage = policy.stages[index];
  return stage ? { stage, index } : null;
}

/** A stage falls due on the due date plus its offset, and stays due from then on. */
export function stageDueOn(stage: Stage, invoice: Pick<PlannerInvoice, 'dueDate'>): string {
  return addDays(invoice.dueDate, stage.offsetDays);
}

export function planDebtor(policy: Policy, debtor: PlannerDebtor, today: string): DebtorPlan {
  const groups = dueGroups(policy, debtor, today);
  // A task is work for a person, not a message to the customer: it neither waits for nor uses up
  // the customer's contact allowance.
  const tasks = groups
    .filter((g) => g.stage.channel === 'task')
    .map((g) => toAction(policy, debtor, g, today));
  const emails = planEmails(
    policy,
    debtor,
    groups.filter((g) => g.stage.channel === 'email'),
    today,
  );
  const actions = [...tasks, ...emails.actions].sort(
    (a, b) => stageOrder(policy, a.stageKey, b.stageKey) || compareCodes(a.currency, b.currency),
  );
  return { actions, skips: emails.skips };
}

function planEmails(policy: Policy, debtor: PlannerDebtor, groups: StageGroup[], today: string): DebtorPlan {
  const skip = (group: StageGroup, reason: string): PlannedSkip => ({
    debtorId: debtor.id,
    invoiceIds: group.invoices.map((i) => i.id),
    stageKey: group.stage.key,
    reason,
  });
  if (!debtor.email?.trim()) {
    return {
      actions: [],
      skips: groups.map((g) => skip(g, noEmailReason(debtor.name, g.stage, g.invoices))),
    };
  }
  const minDays = Math.max(1, policy.minDaysBetweenContacts);
  const last = debtor.lastContactOn;
  if (last !== null && daysBetween(last, today) < minDays) {
    return { actions: [], skips: groups.map((g) => skip(g, gapReason(g.stage, g.invoices, last, minDays))) };
  }
  // One email a day: the firmest stage due goes now; the others are due again at the next contact.
  const chosen = [...groups].sort(firmestFirst)[0];
  if (!chosen) return { actions: [], skips: [] };
  return {
    actions: [toAction(policy, debtor, chosen, today)],
    skips: groups
      .filter((g) => g !== chosen)
      .map((g) => skip(g, oneEmailADayReason(g.stage, g.invoices, chosen.stage, chosen.invoices))),
  };
}

function dueGroups(policy: Policy, debtor: PlannerDebtor, today: string): StageGroup[] {
  const groups = new Map<string, StageGroup>();
  for (const invoice of debtor.invoices) {
    if (assertMinor(invoice.outstanding, `outstanding on ${invoice.number}`) <= 0 || invoice.paused) continue;
    const next = nextStage(policy, invoice, today);
    if (!next || compareDates(stageDueOn(next.stage, invoice), today) > 0) continue;
    const key = `${next.index}\u0000${invoice.currency}`;
    const group = groups.get(key) ?? {
      stage: next.stage,
      stageIndex: next.index,
      currency: invoice.currency,
      invoices: [],
    };
    group.invoices.push(invoice);
    groups.set(key, group);
  }
  const sorted = [...groups.values()];
  for (const group of sorted) group.invoices.sort(byDueDateThenNumber);
  return sorted.sort((a, b) => a.stageIndex - b.stageIndex || compareCodes(a.currency, b.currency));
}

function toAction(policy: Policy, debtor: PlannerDebtor, group: StageGroup, today: string): PlannedAction {
  const invoiceIds = group.invoices.map((i) => i.id);
  return {
    idempotencyKey: actionIdempotencyKey(group.stage.key, group.currency, debtor.id, invoiceIds),
    debtorId: debtor.id,
    stageKey: group.stage.key,
    stageName: group.stage.name,
    channel: group.stage.channel,
    tone: group.stage.tone,
    template: group.stage.template,
    currency: group.currency,
    invoiceIds,
    reason: actionReason(group.stage, group.invoices, today, policy.stages[group.stageIndex + 1]),
  };
}

/** Latest stage first; between currencies at the same stage, the one holding the oldest debt. */
function firmestFirst(a: StageGroup, b: StageGroup): number {
  const oldestA = a.invoices[0]?.dueDate;
  const oldestB = b.invoices[0]?.dueDate;
  const byAge = oldestA && oldestB ? compareDates(oldestA, oldestB) : 0;
  return b.stageIndex - a.stageIndex || byAge || compareCodes(a.currency, b.currency);
}

function byDueDateThenNumber(a: PlannerInvoice, b: PlannerInvoice): number {
  return compareDates(a.dueDate, b.dueDate) || compareCodes(a.number, b.number) || compareCodes(a.id, b.id);
}

function stageOrder(policy: Policy, a: string, b: string): number {
  const index = (key: string) => policy.stages.findIndex((s) => s.key === key);
  return index(a) - index(b);
}

/** Plain code-unit order: locale-independent, so the plan is the same on every machine. */
function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
