// `npm run bench -- plan [--invoices 1000000] [--organisations 10000] [--seed 1] [--json]`: the
// follow-up engine on its own, with no database, queue or network.
//
// What is measured: `seconds` is the time spent inside `planDebtor`, for every customer of every
// organisation, on one day that is a send day in all four countries (NZ, AU, GB, US), so that every
// customer is really planned. It includes the planner's reasons, idempotency keys and holiday look-ups,
// and the garbage collection its own allocations cause. It leaves out generating the input, which runs
// organisation by organisation between the timed parts (`generateSeconds`): one organisation's
// customers are generated, planned, counted and dropped before the next is generated, so the input for
// all organisations never sits in memory at once. The holiday tables are built before timing starts, as
// in a worker that has been running for a while. `peakRssMb` is the peak resident memory of the whole
// process over the run (generation included), sampled by `withPeakRss`.
//
// The input is realistic rather than uniform (see plan-organisation.ts and its neighbours): 20-60
// customers per organisation, invoices from a month ahead of due to 120 days overdue and part-way
// through their stages, segments, a few currencies, overrides, disputes, promises, payment plans,
// payments to thank for and unallocated credit. It comes from a seeded generator: the same flags plan
// the same invoices, and give the same counts of actions and skips, on every run.
import { planDebtor } from '../../src/domain/planner';
import type { DebtorPlan } from '../../src/domain/planner-output';
import { intFlag } from './args';
import { withPeakRss } from './memory';
import { generateOrganisation, sendDayEverywhere } from './plan-organisation';
import { Random, split } from './plan-random';
import { PlanTally } from './plan-tally';

/** A Wednesday; the day is moved on if any of the four countries has a holiday on it. */
const FROM_DAY = '2026-03-11';

export interface PlanBenchResult {
  seed: number;
  today: string;
  organisations: number;
  customers: number;
  actions: number;
  skips: number;
  actionsByKind: string;
  skipsByCause: string;
  generateSeconds: number;
  invoices: number;
  seconds: number;
  invoicesPerSecond: number;
  peakRssMb: number;
}

export async function planBench(flags: Map<string, string>): Promise<PlanBenchResult> {
  const invoiceTarget = intFlag(flags, 'invoices', 1_000_000);
  const organisations = intFlag(flags, 'organisations', 10_000);
  const seed = intFlag(flags, 'seed', 1);
  if (organisations === 0 && invoiceTarget > 0) throw new Error('--organisations must be at least 1');
  const today = sendDayEverywhere(FROM_DAY);
  const sizes = organisationSizes(seed, organisations, invoiceTarget);
  console.log(
    `Planning ${invoiceTarget} open invoices across ${organisations} organisations on ${today} (seed ${seed}). ` +
      'Each organisation is generated, then planned, then dropped: only planDebtor is timed.',
  );

  const tally = new PlanTally();
  let planningNs = 0n;
  let generatingNs = 0n;
  const { peakRssMb } = await withPeakRss(async () => {
    for (let index = 0; index < organisations; index++) {
      const generating = process.hrtime.bigint();
      const { context, debtors } = generateOrganisation(seed, index, sizes[index] ?? 0, today);
      const planning = process.hrtime.bigint();
      const plans: DebtorPlan[] = debtors.map((debtor) => planDebtor(context, debtor, today));
      const planned = process.hrtime.bigint();
      generatingNs += planning - generating;
      planningNs += planned - planning;
      tally.organisation(debtors, plans);
      // Planning is synchronous: withPeakRss's sampler only runs when the loop lets the event loop turn.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  });

  const seconds = Number(planningNs) / 1e9;
  return {
    seed,
    today,
    organisations,
    customers: tally.customers,
    actions: tally.actions,
    skips: tally.skips,
    actionsByKind: tally.describe(tally.actionKinds),
    skipsByCause: tally.describe(tally.skipCauses),
    generateSeconds: round(Number(generatingNs) / 1e9),
    invoices: tally.invoices,
    seconds: round(seconds),
    invoicesPerSecond: seconds > 0 ? Math.round(tally.invoices / seconds) : 0,
    peakRssMb,
  };
}

/** Organisations differ in size (a few have several times the typical ledger); the sizes add up exactly. */
function organisationSizes(seed: number, organisations: number, invoices: number): number[] {
  // Its own stream: organisation streams are numbered from 0.
  const random = new Random(seed, -1);
  return split(
    invoices,
    Array.from({ length: organisations }, () => random.skewed(0.7)),
  );
}

function round(n: number) {
  return Math.round(n * 1000) / 1000;
}
