// The QuickBooks Online sandbox through the tests' shared vocabulary (see sandbox-driver.ts).
// QuickBooks applies credit through payments (a credit memo through a payment of 0 linking both),
// deletes rather than voids a credit memo, and lets a payment be edited to settle one invoice fewer.
import type { RunningQuickBooksSandbox } from '../../connectors/quickbooks/sandbox';
import {
  addDays,
  at,
  refusable,
  share,
  type DriverInvoice,
  type LedgerChange,
  type SandboxDriver,
} from './sandbox-driver';

type QboInvoice = ReturnType<RunningQuickBooksSandbox['store']['invoices']>[number];

const voided = (invoice: QboInvoice) => invoice.TotalAmt === 0 && invoice.PrivateNote === 'Voided';

function view(invoice: QboInvoice): DriverInvoice {
  return {
    id: invoice.Id,
    number: invoice.DocNumber,
    contactId: invoice.CustomerRef.value,
    currency: invoice.CurrencyRef.value,
    dueDate: invoice.DueDate,
    amountDue: invoice.Balance,
    // QuickBooks has no drafts: every saved invoice is issued.
    issued: true,
    open: !voided(invoice) && invoice.Balance > 0,
    untouched: !voided(invoice) && invoice.LinkedTxn.length === 0,
  };
}

export function quickBooksDriver(sandbox: RunningQuickBooksSandbox): SandboxDriver {
  const store = sandbox.store;
  const open = () => store.invoices().filter((i) => !voided(i) && i.Balance > 0);
  const deleted: string[] = [];
  const links = (type: string) => (payment: ReturnType<typeof store.payments>[number]) =>
    payment.Line.flatMap((l) => l.LinkedTxn).filter((t) => t.TxnType === type);

  function change(op: LedgerChange): boolean {
    switch (op.op) {
      case 'pay': {
        const invoice = at(open(), op.pick);
        if (!invoice) return false;
        store.recordPayment({ invoiceId: invoice.Id, amount: share(invoice.Balance, op.percent) });
        return true;
      }
      case 'credit':
      case 'overpay': {
        const invoice = at(open(), op.pick);
        if (!invoice) return false;
        const amount = share(invoice.Balance, op.percent);
        const input = {
          contactId: invoice.CustomerRef.value,
          amount,
          currencyCode: invoice.CurrencyRef.value,
        };
        const creditId =
          op.op === 'credit'
            ? store.createCreditNote(input).CreditNoteID
            : store.recordOverpayment(input).OverpaymentID;
        // Apply part of it, leaving the rest as credit on the customer.
        store.allocate({
          creditId,
          invoiceId: invoice.Id,
          amount: share(Number(amount), 70),
          creditType: op.op === 'credit' ? 'CreditMemo' : 'Payment',
        });
        return true;
      }
      case 'unpay': {
        const payment = at(
          store.payments().filter((p) => p.TotalAmt > 0),
          op.pick,
        );
        if (!payment) return false;
        store.deletePayment(payment.Id);
        return true;
      }
      case 'unallocate': {
        const applications = store
          .payments()
          .filter((p) => p.TotalAmt === 0)
          .flatMap((p) => links('CreditMemo')(p).map((memo) => ({ payment: p, memo })));
        const chosen = at(applications, op.pick);
        if (!chosen) return false;
        store.deleteAllocation({ creditId: chosen.memo.TxnId, allocationId: chosen.payment.Id });
        return true;
      }
      case 'unapplyPayment': {
        const lines = store
          .payments()
          .filter((p) => p.TotalAmt > 0 && links('CreditMemo')(p).length === 0)
          .flatMap((p) => links('Invoice')(p).map((invoice) => ({ payment: p, invoice })));
        const chosen = at(lines, op.pick);
        if (!chosen) return false;
        store.unapplyPayment({ paymentId: chosen.payment.Id, invoiceId: chosen.invoice.TxnId });
        return true;
      }
      case 'void': {
        const invoice = at(
          open().filter((i) => i.LinkedTxn.length === 0),
          op.pick,
        );
        if (!invoice) return false;
        store.voidInvoice(invoice.Id);
        return true;
      }
      case 'deleteInvoice': {
        const invoice = at(
          open().filter((i) => i.LinkedTxn.length === 0),
          op.pick,
        );
        if (!invoice) return false;
        store.deleteInvoice(invoice.Id);
        deleted.push(invoice.Id);
        return true;
      }
      case 'deleteCredit': {
        const memo = at(
          store.creditNotes().filter((m) => m.RemainingCredit === m.TotalAmt),
          op.pick,
        );
        if (!memo) return false;
        store.deleteCreditNote(memo.Id);
        return true;
      }
      case 'moveDue': {
        const invoice = at(open(), op.pick);
        if (!invoice) return false;
        store.setDueDate(invoice.Id, addDays(invoice.DueDate, op.days));
        return true;
      }
      default:
        return false;
    }
  }

  return {
    platform: 'quickbooks',
    tenantId: sandbox.realmId,
    consentPath: '/connect/oauth2',
    invoices: () => store.invoices().map(view),
    invoice: (id) => {
      const invoice = store.invoice(id);
      return invoice ? view(invoice) : undefined;
    },
    deletedInvoiceIds: () => [...deleted],
    notes: (invoiceId) => store.attachables(invoiceId).map((a) => a.Note ?? ''),
    recordPayment: (input) => store.recordPayment(input).PaymentID,
    deletePayment: (id) => store.deletePayment(id),
    changes: [
      'pay',
      'credit',
      'overpay',
      'unpay',
      'unallocate',
      'unapplyPayment',
      'void',
      'deleteInvoice',
      'deleteCredit',
      'moveDue',
    ],
    change: (op) => refusable(() => change(op)),
    checkInvariants: () => store.checkInvariants(),
    revokeConnections: () => store.revokeConnections(),
    resetCalls: () => store.resetCalls(),
    callCount: (label) =>
      label === undefined ? Object.values(store.calls).reduce((a, b) => a + b, 0) : (store.calls[label] ?? 0),
    endpoints: {
      invoicesChanged: 'GET /cdc',
      invoicesById: 'GET /query',
      token: 'POST /oauth2/v1/tokens/bearer',
    },
    // An incremental sync reads changed customers first, then invoices, one CDC call each.
    throttleInvoiceReads: (count) => void store.injectFaults({ kind: '429', count, endpoint: 'GET /cdc' }),
    spoilInvoiceRead: () =>
      void store.injectFaults([
        // A sync reads customers, payments and credit memos before invoices, one CDC call each.
        { kind: 'slow', delayMs: 0, count: 3, endpoint: 'GET /cdc' },
        { kind: 'malformed', field: 'TotalAmt', value: 'lots', endpoint: 'GET /cdc' },
      ]),
  };
}
