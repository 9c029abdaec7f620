// Counts of what the planner produced, so the benchmark's reader can see real work was done (and a
// change to the planner that suddenly plans nothing shows up as a change in these counts).
import type { PlannerDebtor } from '../../src/domain/planner-input';
import type { DebtorPlan } from '../../src/domain/planner-output';

export class PlanTally {
  customers = 0;
  invoices = 0;
  actions = 0;
  skips = 0;
  readonly actionKinds = new Map<string, number>();
  readonly skipCauses = new Map<string, number>();

  organisation(debtors: readonly PlannerDebtor[], plans: readonly DebtorPlan[]) {
    this.customers += debtors.length;
    for (const debtor of debtors) this.invoices += debtor.invoices.length;
    for (const plan of plans) {
      this.actions += plan.actions.length;
      this.skips += plan.skips.length;
      for (const action of plan.actions) bump(this.actionKinds, `${action.kind}/${action.channel}`);
      for (const skip of plan.skips) bump(this.skipCauses, skip.cause);
    }
  }

  /** "stage/email 41230, stage/task 9120, …", largest first. */
  describe(counts: ReadonlyMap<string, number>): string {
    return [...counts]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([key, n]) => `${key} ${n}`)
      .join(', ');
  }
}

function bump(counts: Map<string, number>, key: string) {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}
