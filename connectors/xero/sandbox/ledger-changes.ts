// The changes Xero allows on receivables, each checked as Xero checks it and applied to the records
// and the ledger index together: payments and their removal, allocating credit (credit notes,
// overpayments, prepayments) and removing an allocation, voiding, and moving a due date. Whatever
// changes gets a new UpdatedDateUTC and is announced (see books.ts).
import { touch, type Books } from './books';
import {
  indexAllocation,
  indexPayment,
  invoiceAmounts,
  LedgerError,
  remainingCredit,
  settle,
  unindexAllocation,
  unindexPayment,
  type CreditRef,
} from './ledger';
import type { Cents } from '../../shared/sandbox/money';
import type { AllocationRecord, ContactRecord, InvoiceRecord, PaymentRecord } from './records';
import type { CalendarDate } from './xero-dates';

export interface PaymentInput {
  id: string;
  invoice: InvoiceRecord;
  amount: Cents;
  date: CalendarDate;
  reference: string;
  accountId: string;
}

export function applyPayment(books: Books, input: PaymentInput): PaymentRecord {
  const { invoice } = input;
  if (invoice.status !== 'AUTHORISED') {
    throw new LedgerError('Payments can only be made against Authorised documents');
  }
  if (input.amount <= 0) throw new LedgerError('Payment amount must be greater than zero');
  if (input.amount > invoiceAmounts(books.index, invoice).amountDue) {
    throw new LedgerError('Payment amount exceeds the amount outstanding on this document');
  }
  const payment: PaymentRecord = {
    id: input.id,
    invoiceId: invoice.id,
    amount: input.amount,
    date: input.date,
    status: 'AUTHORISED',
    reference: input.reference,
    accountId: input.accountId,
    currencyRate: invoice.currencyRate,
    isReconciled: false,
    updatedAt: books.now(),
  };
  books.data.payments.set(payment.id, payment);
  indexPayment(books.index, payment);
  settle(books.index, invoice);
  touch(books, 'payment', payment, 'CREATE');
  touch(books, 'invoice', invoice);
  return payment;
}

/** The payment stays, DELETED, and the invoice reopens. */
export function reversePayment(books: Books, payment: PaymentRecord): void {
  if (payment.status === 'DELETED') throw new LedgerError('This payment has already been deleted');
  payment.status = 'DELETED';
  unindexPayment(books.index, payment);
  touch(books, 'payment', payment);
  const invoice = books.data.invoices.get(payment.invoiceId);
  if (invoice) {
    settle(books.index, invoice);
    touch(books, 'invoice', invoice);
  }
}

/** The resource a credit's changes are announced as, with what a credit note event carries. */
export function touchCredit(books: Books, ref: CreditRef, type: 'CREATE' | 'UPDATE' = 'UPDATE'): void {
  if (ref.kind === 'creditNote') {
    touch(books, 'creditNote', ref.credit, type, { Type: ref.credit.type, Status: ref.credit.status });
  } else {
    touch(books, ref.kind, ref.credit, type);
  }
}

/** Which invoices a credit can go to: customer credit to sales invoices, supplier credit to bills. */
function creditSide(ref: CreditRef): InvoiceRecord['type'] {
  return ref.kind === 'creditNote' && ref.credit.type === 'ACCPAYCREDIT' ? 'ACCPAY' : 'ACCREC';
}

const KIND_NAMES = { creditNote: 'credit note', overpayment: 'overpayment', prepayment: 'prepayment' };

/** Why Xero would refuse this allocation, or null. */
export function allocationProblem(
  books: Books,
  ref: CreditRef,
  invoice: InvoiceRecord,
  amount: Cents,
): string | null {
  const name = KIND_NAMES[ref.kind];
  const { credit } = ref;
  if (credit.status !== 'AUTHORISED') return `Credit can only be allocated from an Authorised ${name}`;
  if (invoice.status !== 'AUTHORISED') return 'Credit can only be allocated to Authorised documents';
  if (invoice.type !== creditSide(ref)) {
    return `This ${name} cannot be allocated to a document of type ${invoice.type}`;
  }
  if (invoice.contactId !== credit.contactId)
    return `The ${name} and the invoice must be for the same contact`;
  if (invoice.currencyCode !== credit.currencyCode) {
    return `The ${name} and the invoice must be in the same currency`;
  }
  if (amount <= 0) return 'The allocated amount must be greater than zero';
  if (amount > remainingCredit(credit)) {
    return `The allocated amount exceeds the remaining credit on this ${name}`;
  }
  if (amount > invoiceAmounts(books.index, invoice).amountDue) {
    return 'The allocated amount exceeds the amount outstanding on this document';
  }
  return null;
}

export function allocate(
  books: Books,
  ref: CreditRef,
  invoice: InvoiceRecord,
  input: { id: string; amount: Cents; date: CalendarDate },
): AllocationRecord {
  const problem = allocationProblem(books, ref, invoice, input.amount);
  if (problem) throw new LedgerError(problem);
  const { credit } = ref;
  const allocation: AllocationRecord = {
    id: input.id,
    invoiceId: invoice.id,
    amount: input.amount,
    date: input.date,
  };
  credit.allocations.push(allocation);
  if (remainingCredit(credit) === 0) {
    credit.status = 'PAID';
    if (ref.kind === 'creditNote') ref.credit.fullyPaidOnDate = latestDate(credit.allocations);
  }
  indexAllocation(books.index, { ...ref, allocation });
  settle(books.index, invoice);
  touchCredit(books, ref);
  touch(books, 'invoice', invoice);
  return allocation;
}

function latestDate(allocations: AllocationRecord[]): CalendarDate | null {
  let latest: CalendarDate | null = null;
  for (const a of allocations) if (latest === null || a.date > latest) latest = a.date;
  return latest;
}

/** DELETE …/Allocations/{AllocationID}: the credit is available again and the invoice owes it again. */
export function deleteAllocation(books: Books, ref: CreditRef, allocationId: string): AllocationRecord {
  const { credit } = ref;
  const position = credit.allocations.findIndex((a) => a.id === allocationId.toLowerCase());
  const allocation = credit.allocations[position];
  if (!allocation) throw new LedgerError(`No allocation ${allocationId} on this ${KIND_NAMES[ref.kind]}`);
  if (credit.status === 'VOIDED') throw new LedgerError('Allocations cannot be removed from a voided credit');
  credit.allocations.splice(position, 1);
  if (credit.status === 'PAID') credit.status = 'AUTHORISED';
  if (ref.kind === 'creditNote') ref.credit.fullyPaidOnDate = null;
  unindexAllocation(books.index, allocation);
  touchCredit(books, ref);
  const invoice = books.data.invoices.get(allocation.invoiceId);
  if (invoice) {
    settle(books.index, invoice);
    touch(books, 'invoice', invoice);
  }
  return allocation;
}

export function voidInvoice(books: Books, invoice: InvoiceRecord): void {
  if (invoice.status === 'VOIDED') return;
  if (invoice.status !== 'AUTHORISED' && invoice.status !== 'SUBMITTED') {
    throw new LedgerError('Only Authorised or Submitted invoices can be voided');
  }
  const { amountPaid, amountCredited } = invoiceAmounts(books.index, invoice);
  if (amountPaid > 0 || amountCredited > 0) {
    throw new LedgerError('Invoice has payments or credit allocated; remove them before voiding');
  }
  invoice.status = 'VOIDED';
  touch(books, 'invoice', invoice);
}

export function voidCredit(books: Books, ref: CreditRef): void {
  if (ref.credit.status === 'VOIDED') return;
  if (ref.credit.allocations.length > 0) {
    throw new LedgerError(`This ${KIND_NAMES[ref.kind]} has allocations; remove them before voiding`);
  }
  ref.credit.status = 'VOIDED';
  touchCredit(books, ref);
}

/** The bookkeeper agreed an extension in Xero. */
export function moveDueDate(books: Books, invoice: InvoiceRecord, dueDate: CalendarDate): void {
  invoice.dueDate = dueDate;
  touch(books, 'invoice', invoice);
}

export function addInvoice(books: Books, invoice: InvoiceRecord): void {
  books.data.invoices.set(invoice.id, invoice);
  touch(books, 'invoice', invoice, 'CREATE');
}

export function addCredit(books: Books, ref: CreditRef): void {
  if (ref.kind === 'creditNote') books.data.creditNotes.set(ref.credit.id, ref.credit);
  else if (ref.kind === 'overpayment') books.data.overpayments.set(ref.credit.id, ref.credit);
  else books.data.prepayments.set(ref.credit.id, ref.credit);
  touchCredit(books, ref, 'CREATE');
}

export function addContact(books: Books, contact: ContactRecord): void {
  books.data.contacts.set(contact.id, contact);
  touch(books, 'contact', contact, 'CREATE');
}

export function editContact(books: Books, contact: ContactRecord, edit: (c: ContactRecord) => void): void {
  edit(contact);
  touch(books, 'contact', contact);
}
