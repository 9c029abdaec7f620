// Random sequences of what can happen to money in the books (payments and their reversal, credit notes
// and their application and removal, money received and applied later, voided and deleted invoices and
// credits, payments edited to settle one invoice fewer, due dates moved), each followed by an
// incremental sync, on each platform: every invoice's outstanding amount as Goodwill computes it must
// equal the platform's own figure (Xero AmountDue, QuickBooks Balance), and nothing may be lost.
import fc from 'fast-check';
import { fromMinor } from '../../connectors/shared/money';
import { syncConnection } from '../../src/services/sync/sync-connection';
import { connectSandbox } from '../support/connect';
import { startHarness, type Harness } from '../support/harness';
import type { LedgerChange, LedgerChangeKind } from '../support/sandbox-driver';

/** Changes that may find nothing to act on in a run; every other kind must happen at least once. */
const MAY_NOT_HAPPEN: readonly LedgerChangeKind[] = ['void', 'voidCredit'];

describe.each(['xero', 'quickbooks'] as const)('on %s', (platform) => {
  let h: Harness<typeof platform>;
  let connectionId: string;

  beforeAll(async () => {
    h = await startHarness({ platform });
    connectionId = (await connectSandbox(h.runtime.ctx, platform)).connectionIds[0]!;
    await syncConnection(h.runtime.ctx, connectionId);
  });
  afterAll(() => h.close());

  function changeArb(kinds: readonly LedgerChangeKind[]): fc.Arbitrary<LedgerChange> {
    const pick = fc.nat({ max: 10_000 });
    const percent = fc.integer({ min: 1, max: 120 });
    const withAmount = kinds.filter((k) => ['pay', 'credit', 'overpay', 'prepay'].includes(k));
    const plain = kinds.filter((k) => !withAmount.includes(k) && k !== 'moveDue');
    return fc.oneof(
      fc.record({ op: fc.constantFrom(...withAmount), pick, percent }) as fc.Arbitrary<LedgerChange>,
      fc.record({ op: fc.constantFrom(...plain), pick }) as fc.Arbitrary<LedgerChange>,
      fc.record({ op: fc.constant('moveDue' as const), pick, days: fc.integer({ min: -20, max: 20 }) }),
    );
  }

  it('keeps every invoice outstanding equal to the platform through random changes, losing nothing', async () => {
    const applied = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.array(changeArb(h.driver.changes), { minLength: 1, maxLength: 12 }),
        async (ops) => {
          for (const op of ops) if (h.driver.change(op)) applied.set(op.op, (applied.get(op.op) ?? 0) + 1);
          expect(h.driver.checkInvariants()).toEqual([]);
          await syncConnection(h.runtime.ctx, connectionId);

          const sales = h.driver.invoices();
          const ours = await h.runtime.ctx.db
            .selectFrom('invoices')
            .select(['external_id', 'outstanding', 'status', 'currency'])
            .execute();
          const deleted = h.driver.deletedInvoiceIds();
          expect(ours).toHaveLength(sales.length + deleted.length);
          const byId = new Map(ours.map((o) => [o.external_id, o]));
          for (const invoice of sales.filter((i) => i.issued)) {
            const mine = byId.get(invoice.id);
            expect({
              invoice: invoice.number,
              outstanding: fromMinor(mine?.outstanding ?? -1, invoice.currency),
            }).toEqual({ invoice: invoice.number, outstanding: invoice.amountDue.toFixed(2) });
          }
          // A deleted invoice is kept, marked deleted, owing nothing.
          for (const id of deleted) {
            expect(byId.get(id)).toMatchObject({ status: 'deleted', outstanding: 0 });
          }
          const issues = await h.runtime.ctx.db.selectFrom('reconciliation_issues').selectAll().execute();
          expect(issues).toEqual([]);
        },
      ),
      // Fewer runs per platform than one platform alone had: two platforms share the suite's time.
      { numRuns: 18, seed: 20261124 },
    );
    // The runs exercised every kind of change, not only refusals.
    for (const kind of h.driver.changes.filter((k) => !MAY_NOT_HAPPEN.includes(k))) {
      expect({ kind, applied: (applied.get(kind) ?? 0) > 0 }).toEqual({ kind, applied: true });
    }
  });
});
