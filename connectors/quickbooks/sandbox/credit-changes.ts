// Credit in QuickBooks Online is applied by payments: a credit memo reaches an invoice through a
// payment of 0 whose lines link both, and money received but not applied waits on its payment until
// a line is added for an invoice. These are the store's helpers for both, on one company's books.
import type { CalendarDate } from '../../shared/sandbox/calendar-dates';
import type { CompanyBooks } from './company';
import { addPayment, deletePayment, dropPaymentLines, extendPayment, LedgerError } from './ledger';
import { positiveCents } from './new-records';

type Amount = string | number;

export interface CreditInvoiceInput {
  invoiceId: string;
  amount: Amount;
  date?: CalendarDate;
}

export interface AllocateInput {
  creditId: string;
  invoiceId: string;
  amount: Amount;
  date?: CalendarDate;
  /** Default 'CreditMemo'; 'Payment' applies a payment's unapplied money. */
  creditType?: 'CreditMemo' | 'Payment';
}

/** A new credit memo for `amount` of the invoice, applied to it at once; nothing is made if it cannot be. */
export function creditInvoice(company: CompanyBooks, input: CreditInvoiceInput): { CreditNoteID: string } {
  const invoice = company.requireInvoice(input.invoiceId);
  const amount = positiveCents(input.amount);
  if (invoice.voided || amount > invoice.total - (company.index.applied.get(invoice.id) ?? 0)) {
    throw new LedgerError(`The amount applied to Invoice ${invoice.id} exceeds what is open on it`);
  }
  const memo = company.newCreditMemo(invoice.customerId, invoice.currency, amount, {
    ...input,
    reference: `Credit against invoice ${invoice.docNumber}`,
  });
  const payment = company.newPayment(invoice.customerId, invoice.currency, 0, input);
  payment.lines.push(
    { txnType: 'Invoice', txnId: invoice.id, amount },
    { txnType: 'CreditMemo', txnId: memo.id, amount },
  );
  addPayment(company.books, payment);
  return { CreditNoteID: memo.id };
}

/**
 * Applies credit to an invoice of the same customer and currency: a credit memo (through a new
 * payment of 0 linking both; its Id is the AllocationID) or, with `creditType: 'Payment'`, a
 * payment's unapplied money (a line added to that payment, whose Id is the AllocationID).
 */
export function allocate(company: CompanyBooks, input: AllocateInput): { AllocationID: string } {
  const invoice = company.requireInvoice(input.invoiceId);
  const amount = positiveCents(input.amount);
  if (input.creditType === 'Payment') {
    const payment = company.data.payments.get(input.creditId);
    if (!payment) throw new LedgerError(`Object Not Found: Payment ${input.creditId} does not exist`);
    extendPayment(company.books, payment, [{ txnType: 'Invoice', txnId: invoice.id, amount }]);
    return { AllocationID: payment.id };
  }
  if (!company.data.creditMemos.has(input.creditId)) {
    throw new LedgerError(`Object Not Found: CreditMemo ${input.creditId} does not exist`);
  }
  const payment = company.newPayment(invoice.customerId, invoice.currency, 0, input);
  payment.lines.push(
    { txnType: 'Invoice', txnId: invoice.id, amount },
    { txnType: 'CreditMemo', txnId: input.creditId, amount },
  );
  addPayment(company.books, payment);
  return { AllocationID: payment.id };
}

/** Deletes the payment of 0 that applied the credit memo: invoice and memo open again. */
export function deleteAllocation(
  company: CompanyBooks,
  input: { creditId: string; allocationId: string },
): void {
  const payment = company.data.payments.get(input.allocationId);
  const applies = payment?.lines.some((l) => l.txnType === 'CreditMemo' && l.txnId === input.creditId);
  if (!payment || !applies || payment.total !== 0) {
    throw new LedgerError(`Payment ${input.allocationId} does not apply CreditMemo ${input.creditId}`);
  }
  deletePayment(company.books, payment);
}

/** The payment is edited to settle the invoice no longer: its money on that invoice is unapplied again. */
export function unapplyPayment(company: CompanyBooks, input: { paymentId: string; invoiceId: string }): void {
  const payment = company.data.payments.get(input.paymentId);
  if (!payment) throw new LedgerError(`Object Not Found: Payment ${input.paymentId} does not exist`);
  dropPaymentLines(company.books, payment, (l) => l.txnType === 'Invoice' && l.txnId === input.invoiceId);
}
