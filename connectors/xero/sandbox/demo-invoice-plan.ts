// How the demo's sales invoices are planned before any is drafted: the mix of stories (paid on
// time, part-paid, credited, overdue by so many days...) and the customer each story goes to.
// Planning by story first lets the mix hold at any size, and lets a customer's payment habits fit
// what happened to their invoices: troubled payers get most of the long-overdue ones.
import type { Builder, Customer, Habit } from './demo-builder';
import type { Rng } from '../../shared/sandbox/prng';

export type Category =
  | 'paid'
  | 'notDue'
  | 'overdue'
  | 'partPaid'
  | 'creditedPartly'
  | 'creditedThenPaid'
  | 'reopened'
  | 'voided'
  | 'draft'
  | 'submitted'
  | 'deleted';

export interface InvoicePlan {
  category: Category;
  /** Due date in days from today; negative is in the past. */
  dueOffset: number;
  customer: Customer | null;
}

/** Shares of the sales invoices; whatever rounding leaves over goes to `paid`. */
const MIX: readonly [Category, number][] = [
  ['notDue', 0.13],
  ['overdue', 0.23],
  ['partPaid', 0.07],
  ['creditedPartly', 0.03],
  ['creditedThenPaid', 0.02],
  ['reopened', 0.01],
  ['voided', 0.03],
  ['draft', 0.02],
  ['submitted', 0.01],
  ['deleted', 0.01],
];

/** Overdue invoices spread over these day ranges (inclusive), by weight. */
const OVERDUE_BANDS: readonly [number, number, number][] = [
  [1, 7, 0.22],
  [8, 30, 0.28],
  [31, 60, 0.22],
  [61, 90, 0.16],
  [91, 120, 0.12],
];

/** How much more likely a customer of each habit is to own an invoice of each story. */
function affinity(plan: InvoicePlan, habit: Habit): number {
  return habitWeights(plan)[habit];
}

function habitWeights(plan: InvoicePlan): Record<Habit, number> {
  switch (plan.category) {
    case 'paid':
      return { prompt: 3, slow: 1.5, troubled: 0.5 };
    case 'overdue':
      return -plan.dueOffset > 30
        ? { prompt: 0.1, slow: 1.5, troubled: 4 }
        : { prompt: 0.6, slow: 2, troubled: 2 };
    case 'partPaid':
    case 'reopened':
      return { prompt: 0.3, slow: 1.5, troubled: 3 };
    default:
      return { prompt: 1, slow: 1, troubled: 1 };
  }
}

export function planInvoices(b: Builder, total: number): InvoicePlan[] {
  const { rng } = b;
  const plans: InvoicePlan[] = [];
  const add = (category: Category, dueOffset: number) => plans.push({ category, dueOffset, customer: null });
  for (const [category, share] of MIX) {
    const count = Math.round(total * share);
    for (let i = 0; i < count; i++) {
      switch (category) {
        case 'notDue':
          // A fifth fall due within three days: the window for a friendly pre-due nudge.
          add(category, i < Math.max(5, Math.round(count * 0.2)) ? rng.int(0, 3) : rng.int(4, 30));
          break;
        case 'overdue':
          add(category, -overdueDays(rng, i, count));
          break;
        case 'partPaid':
          add(category, rng.int(-90, 20));
          break;
        case 'creditedPartly':
          add(category, rng.int(-75, 15));
          break;
        case 'creditedThenPaid':
          add(category, rng.int(-250, -5));
          break;
        case 'reopened':
          add(category, rng.int(-45, -5));
          break;
        case 'voided':
          add(category, rng.int(-250, 10));
          break;
        default:
          add(category, 0);
      }
    }
  }
  while (plans.length < total) add('paid', rng.int(-330, 15));
  return plans.slice(0, total);
}

/** Walks the bands in order so every band is represented even in a small organisation. */
export function overdueDays(rng: Rng, index: number, count: number): number {
  let cumulative = 0;
  const position = (index + 0.5) / count;
  for (const [from, to, share] of OVERDUE_BANDS) {
    cumulative += share;
    if (position < cumulative) return rng.int(from, to);
  }
  return rng.int(91, 120);
}

export function assignCustomers(b: Builder, plans: InvoicePlan[], customers: Customer[]): InvoicePlan[] {
  const { rng } = b;
  const archived = customers.filter((c) => c.archived);
  const active = customers.filter((c) => !c.archived);
  const oldPaid = plans.filter((p) => p.category === 'paid' && p.dueOffset < -150);
  for (const [i, plan] of oldPaid.slice(0, archived.length * 3).entries()) {
    plan.customer = archived[i % archived.length] ?? null;
  }
  for (const plan of plans) {
    if (plan.customer) continue;
    // Export customers are invoiced now and then, and never left with a draft or a dispute.
    const domestic = active.filter((c) => c.currency === 'NZD');
    const pool =
      plan.category === 'paid' ||
      plan.category === 'notDue' ||
      plan.category === 'overdue' ||
      domestic.length === 0
        ? active
        : domestic;
    plan.customer = weightedPick(rng, pool, (c) => c.weight * affinity(plan, c.habit));
  }
  for (const plan of plans) if (plan.customer) plan.customer.invoices++;
  // Everyone on the books has bought something at least once.
  for (const idle of active.filter((c) => c.invoices === 0)) {
    const busiest = active.reduce((a, c) => (c.invoices > a.invoices ? c : a));
    const plan = plans.find(
      (p) => p.customer === busiest && (p.category === 'paid' || p.category === 'notDue'),
    );
    if (!plan || busiest.invoices < 3) break;
    plan.customer = idle;
    busiest.invoices--;
    idle.invoices++;
  }
  return plans;
}

function weightedPick<T>(rng: Rng, items: readonly T[], weight: (item: T) => number): T {
  const total = items.reduce((sum, item) => sum + weight(item), 0);
  let roll = rng.next() * total;
  for (const item of items) {
    roll -= weight(item);
    if (roll < 0) return item;
  }
  return rng.pick(items);
}

/** The customer a planned invoice went to; every plan has one once customers are assigned. */
export function customerOf(plan: InvoicePlan): Customer {
  if (!plan.customer) throw new Error('Every planned invoice has a customer by now');
  return plan.customer;
}
