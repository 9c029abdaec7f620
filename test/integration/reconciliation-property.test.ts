// Random sequences of what can happen to money in Xero (payments and their reversal, credit notes,
// overpayments and prepayments and their allocations and removal, voided invoices and credits, due
// dates moved), each followed by an incremental sync: every invoice's outstanding amount as Goodwill
// computes it must equal Xero's AmountDue, and nothing may be lost.
import fc from 'fast-check';
import { fromMinor } from '../../connectors/shared/money';
import { syncConnection } from '../../src/services/sync/sync-connection';
import { connectSandbox } from '../support/connect';
import { startHarness, type Harness } from '../support/harness';

let h: Harness;
let connectionId: string;

beforeAll(async () => {
  h = await startHarness();
  connectionId = (await connectSandbox(h.runtime.ctx)).connectionIds[0]!;
  await syncConnection(h.runtime.ctx, connectionId);
});
afterAll(() => h.close());

type Op =
  | { op: 'pay' | 'credit' | 'overpay' | 'prepay'; pick: number; percent: number }
  | { op: 'unpay' | 'unallocate' | 'void' | 'voidCredit'; pick: number }
  | { op: 'moveDue'; pick: number; days: number };

const pick = fc.nat({ max: 10_000 });
const percent = fc.integer({ min: 1, max: 120 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constantFrom('pay', 'credit', 'overpay', 'prepay'), pick, percent }),
  fc.record({ op: fc.constantFrom('unpay', 'unallocate', 'void', 'voidCredit'), pick }),
  fc.record({ op: fc.constant('moveDue'), pick, days: fc.integer({ min: -20, max: 20 }) }),
);

function at<T>(list: T[], index: number): T | undefined {
  return list.length === 0 ? undefined : list[index % list.length];
}

/** Some amount of what is due, never more: the sandbox refuses over-allocation as Xero does. */
function share(amountDue: number, pct: number): string {
  const cents = Math.max(1, Math.min(Math.round(amountDue * 100), Math.floor((amountDue * 100 * pct) / 100)));
  return (cents / 100).toFixed(2);
}

/** Applies one operation; returns whether Xero accepted it (refusals are part of the game). */
function apply(op: Op): boolean {
  const store = h.sandbox.store;
  const open = store
    .invoices()
    .filter((i) => i.Type === 'ACCREC' && i.Status === 'AUTHORISED' && i.AmountDue > 0);
  try {
    switch (op.op) {
      case 'pay': {
        const invoice = at(open, op.pick);
        if (!invoice) return false;
        store.recordPayment({ invoiceId: invoice.InvoiceID, amount: share(invoice.AmountDue, op.percent) });
        return true;
      }
      case 'credit':
      case 'overpay':
      case 'prepay': {
        const invoice = at(open, op.pick);
        if (!invoice) return false;
        const amount = share(invoice.AmountDue, op.percent);
        const input = { contactId: invoice.Contact.ContactID, amount, currencyCode: invoice.CurrencyCode };
        const creditId =
          op.op === 'credit'
            ? store.createCreditNote(input).CreditNoteID
            : op.op === 'overpay'
              ? store.recordOverpayment(input).OverpaymentID
              : store.recordPrepayment(input).PrepaymentID;
        // Allocate part of it, leaving the rest as credit on the customer.
        store.allocate({ creditId, invoiceId: invoice.InvoiceID, amount: share(Number(amount), 70) });
        return true;
      }
      case 'unpay': {
        const payment = at(
          store.payments().filter((p) => p.Status !== 'DELETED' && p.PaymentType === 'ACCRECPAYMENT'),
          op.pick,
        );
        if (!payment) return false;
        store.deletePayment(payment.PaymentID);
        return true;
      }
      case 'unallocate': {
        const credits = [...store.creditNotes(), ...store.overpayments(), ...store.prepayments()].flatMap(
          (c) => (c.Allocations ?? []).map((a) => ({ credit: c, allocation: a })),
        );
        const chosen = at(credits, op.pick);
        const creditId =
          chosen &&
          ('CreditNoteID' in chosen.credit
            ? chosen.credit.CreditNoteID
            : 'OverpaymentID' in chosen.credit
              ? chosen.credit.OverpaymentID
              : chosen.credit.PrepaymentID);
        if (!chosen || !creditId || !chosen.allocation.AllocationID) return false;
        store.deleteAllocation({ creditId, allocationId: chosen.allocation.AllocationID });
        return true;
      }
      case 'void': {
        const invoice = at(
          open.filter((i) => i.AmountPaid === 0 && i.AmountCredited === 0),
          op.pick,
        );
        if (!invoice) return false;
        store.voidInvoice(invoice.InvoiceID);
        return true;
      }
      case 'voidCredit': {
        const credit = at(
          store.creditNotes().filter((c) => c.Status === 'AUTHORISED' && (c.Allocations ?? []).length === 0),
          op.pick,
        );
        if (!credit) return false;
        store.voidCredit(credit.CreditNoteID);
        return true;
      }
      case 'moveDue': {
        const invoice = at(open, op.pick);
        if (!invoice) return false;
        const due = new Date(
          Date.parse(`${invoice.DueDateString ?? ''}`.slice(0, 10) + 'T00:00:00Z') + op.days * 86_400_000,
        );
        store.setDueDate(invoice.InvoiceID, due.toISOString().slice(0, 10));
        return true;
      }
    }
  } catch (err) {
    if (err instanceof Error && err.name === 'LedgerError') return false;
    throw err;
  }
}

it('keeps every invoice outstanding equal to Xero AmountDue through random changes, losing nothing', async () => {
  const applied = new Map<string, number>();
  await fc.assert(
    fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 12 }), async (ops) => {
      for (const op of ops) if (apply(op)) applied.set(op.op, (applied.get(op.op) ?? 0) + 1);
      expect(h.sandbox.store.checkInvariants()).toEqual([]);
      await syncConnection(h.runtime.ctx, connectionId);

      const sales = h.sandbox.store.invoices().filter((i) => i.Type === 'ACCREC');
      const ours = await h.runtime.ctx.db
        .selectFrom('invoices')
        .select(['external_id', 'outstanding', 'status', 'currency'])
        .execute();
      expect(ours).toHaveLength(sales.length);
      const byId = new Map(ours.map((o) => [o.external_id, o]));
      for (const invoice of sales) {
        if (invoice.Status === 'DRAFT' || invoice.Status === 'SUBMITTED') continue;
        const mine = byId.get(invoice.InvoiceID);
        expect({
          invoice: invoice.InvoiceNumber,
          outstanding: fromMinor(mine?.outstanding ?? -1, invoice.CurrencyCode),
        }).toEqual({
          invoice: invoice.InvoiceNumber,
          outstanding: invoice.AmountDue.toFixed(2),
        });
      }
      const issues = await h.runtime.ctx.db.selectFrom('reconciliation_issues').selectAll().execute();
      expect(issues).toEqual([]);
    }),
    { numRuns: 25, seed: 20261124 },
  );
  // The runs exercised every kind of change, not only refusals.
  for (const kind of ['pay', 'credit', 'overpay', 'prepay', 'unpay', 'unallocate', 'moveDue']) {
    expect(applied.get(kind) ?? 0).toBeGreaterThan(0);
  }
});
