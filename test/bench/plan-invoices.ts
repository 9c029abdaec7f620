// One customer's generated open invoices: due dates from a month ahead to 120 days overdue (most of a
// ledger is young debt), amounts from a few dollars to tens of thousands, a few small balances left by
// bank fees, and now and then an invoice that reached us only in the last days (a new connection),
// which has no history and starts at its first stage.
import { fromEpochDay } from '../../src/domain/dates';
import { currencyExponent } from '../../src/domain/money';
import type { PlannerInvoice } from '../../src/domain/planner-input';
import type { Policy } from '../../src/domain/policy';
import { pastStages } from './plan-history';
import type { Random } from './plan-random';

export interface InvoiceDraft {
  invoice: PlannerInvoice;
  dueDay: number;
  seenDay: number;
  /** History stops here: today, or the day an arrangement about the invoice was made. */
  untilDay: number;
}

/** Days overdue (negative: not yet due), by how much of a typical ledger sits at each age. */
const AGES: readonly (readonly [readonly [number, number], number])[] = [
  [[-30, -1], 34],
  [[0, 0], 2],
  [[1, 14], 22],
  [[15, 30], 13],
  [[31, 60], 14],
  [[61, 90], 8],
  [[91, 120], 7],
];
const TERMS = [7, 14, 20, 20, 30, 30, 30, 45];

export function draftInvoices(
  random: Random,
  count: number,
  currencies: { home: string; foreign: string | null },
  todayDay: number,
  numbering: { next: number },
): InvoiceDraft[] {
  const drafts: InvoiceDraft[] = [];
  for (let i = 0; i < count; i++) {
    const [low, high] = random.weighted(AGES);
    const dueDay = todayDay - random.int(low, high);
    const issueDay = dueDay - random.pick(TERMS);
    const currency = currencies.foreign && random.chance(0.6) ? currencies.foreign : currencies.home;
    const seenDay = random.chance(0.04) ? todayDay - random.int(0, 2) : issueDay;
    drafts.push({
      invoice: {
        id: random.uuid(),
        number: `INV-${String(numbering.next++).padStart(5, '0')}`,
        currency,
        issueDate: fromEpochDay(issueDay),
        dueDate: fromEpochDay(dueDay),
        outstanding: amount(random, currency),
        stagesDone: [],
        lastStageOn: null,
      },
      dueDay,
      seenDay: Math.max(issueDay, Math.min(seenDay, todayDay)),
      untilDay: todayDay,
    });
  }
  return drafts;
}

/** Fills in what earlier days' planning did, now that arrangements have set where history stops. */
export function withHistory(draft: InvoiceDraft, policy: Policy, random: Random) {
  const history = pastStages(policy, draft.dueDay, draft.seenDay, draft.untilDay, random);
  draft.invoice.stagesDone = history.stagesDone;
  draft.invoice.lastStageOn = history.lastStageDay === null ? null : fromEpochDay(history.lastStageDay);
  return history;
}

/** Log-uniform from 20 to 50,000 whole units; 2% are balances of a few units a bank fee leaves. */
function amount(random: Random, currency: string): number {
  const scale = 10 ** currencyExponent(currency);
  if (random.chance(0.02)) return Math.max(1, Math.round(random.next() * 4.5 * scale));
  return Math.round(Math.exp(Math.log(20) + random.next() * Math.log(2500)) * scale);
}
