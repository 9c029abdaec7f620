// The Xero sandbox through the tests' shared vocabulary (see sandbox-driver.ts).
import type { RunningXeroSandbox } from '../../connectors/xero/sandbox';
import {
  addDays,
  at,
  refusable,
  share,
  type DriverInvoice,
  type LedgerChange,
  type SandboxDriver,
} from './sandbox-driver';

type XeroInvoice = ReturnType<RunningXeroSandbox['store']['invoices']>[number];

function view(invoice: XeroInvoice): DriverInvoice {
  const issued = invoice.Status !== 'DRAFT' && invoice.Status !== 'SUBMITTED';
  return {
    id: invoice.InvoiceID,
    number: invoice.InvoiceNumber ?? '',
    contactId: invoice.Contact.ContactID,
    currency: invoice.CurrencyCode,
    dueDate: `${invoice.DueDateString ?? ''}`.slice(0, 10),
    amountDue: invoice.AmountDue,
    issued,
    open: invoice.Status === 'AUTHORISED' && invoice.AmountDue > 0,
    untouched: invoice.AmountPaid === 0 && invoice.AmountCredited === 0,
  };
}

export function xeroDriver(sandbox: RunningXeroSandbox): SandboxDriver {
  const store = sandbox.store;
  const sales = () => store.invoices().filter((i) => i.Type === 'ACCREC');
  const open = () => sales().filter((i) => i.Status === 'AUTHORISED' && i.AmountDue > 0);

  function change(op: LedgerChange): boolean {
    switch (op.op) {
      case 'pay': {
        const invoice = at(open(), op.pick);
        if (!invoice) return false;
        store.recordPayment({ invoiceId: invoice.InvoiceID, amount: share(invoice.AmountDue, op.percent) });
        return true;
      }
      case 'credit':
      case 'overpay':
      case 'prepay': {
        const invoice = at(open(), op.pick);
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
        const payments = store
          .payments()
          .filter((p) => p.Status !== 'DELETED' && p.PaymentType === 'ACCRECPAYMENT');
        const payment = at(payments, op.pick);
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
          open().filter((i) => i.AmountPaid === 0 && i.AmountCredited === 0),
          op.pick,
        );
        if (!invoice) return false;
        store.voidInvoice(invoice.InvoiceID);
        return true;
      }
      case 'voidCredit': {
        const credits = store
          .creditNotes()
          .filter((c) => c.Status === 'AUTHORISED' && (c.Allocations ?? []).length === 0);
        const credit = at(credits, op.pick);
        if (!credit) return false;
        store.voidCredit(credit.CreditNoteID);
        return true;
      }
      case 'moveDue': {
        const invoice = at(open(), op.pick);
        if (!invoice) return false;
        store.setDueDate(invoice.InvoiceID, addDays(`${invoice.DueDateString ?? ''}`, op.days));
        return true;
      }
      default:
        return false;
    }
  }

  return {
    platform: 'xero',
    tenantId: sandbox.tenantId,
    consentPath: '/identity/connect/authorize',
    invoices: () =>
      sales()
        .filter((i) => i.Status !== 'DELETED')
        .map(view),
    invoice: (id) => {
      const invoice = store.invoice(id);
      return invoice ? view(invoice) : undefined;
    },
    deletedInvoiceIds: () =>
      sales()
        .filter((i) => i.Status === 'DELETED')
        .map((i) => i.InvoiceID),
    notes: (invoiceId) => store.history(invoiceId).map((r) => r.Details),
    recordPayment: (input) => store.recordPayment(input).PaymentID,
    deletePayment: (id) => store.deletePayment(id),
    changes: ['pay', 'credit', 'overpay', 'prepay', 'unpay', 'unallocate', 'void', 'voidCredit', 'moveDue'],
    change: (op) => refusable(() => change(op)),
    checkInvariants: () => store.checkInvariants(),
    revokeConnections: () => store.revokeConnections(),
    resetCalls: () => store.resetCalls(),
    callCount: (label) =>
      label === undefined ? Object.values(store.calls).reduce((a, b) => a + b, 0) : (store.calls[label] ?? 0),
    endpoints: {
      invoicesChanged: 'GET /Invoices',
      invoicesById: 'GET /Invoices',
      token: 'POST /connect/token',
    },
    throttleInvoiceReads: (count) =>
      void store.injectFaults({ kind: '429', count, retryAfterSeconds: 1, endpoint: 'GET /Invoices' }),
    spoilInvoiceRead: () =>
      void store.injectFaults({ kind: 'malformed', count: 1, endpoint: 'GET /Invoices' }),
  };
}
