// Xero's money rules for receivables: AmountDue = Total - AmountPaid - AmountCredited, an invoice is
// PAID exactly when nothing is due, and removing a payment reopens it. Everything here works in
// integer cents on the records, so the figures the API writes always add up.
import type { Cents } from './money';
import type {
  AllocationRecord,
  CreditNoteRecord,
  InvoiceRecord,
  OrganisationData,
  PaymentRecord,
} from './records';
import type { CalendarDate } from './xero-dates';

/** A change Xero would refuse; the message is what Xero's ValidationException carries. */
export class LedgerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LedgerError';
  }
}

export interface AppliedCredit {
  note: CreditNoteRecord;
  allocation: AllocationRecord;
}

/** Payments and credit per invoice, gathered once per request instead of once per invoice. */
export interface LedgerIndex {
  payments: Map<string, PaymentRecord[]>;
  credits: Map<string, AppliedCredit[]>;
}

export function indexLedger(data: OrganisationData): LedgerIndex {
  const payments = new Map<string, PaymentRecord[]>();
  for (const payment of data.payments.values()) {
    if (payment.status !== 'AUTHORISED') continue;
    const list = payments.get(payment.invoiceId) ?? [];
    list.push(payment);
    payments.set(payment.invoiceId, list);
  }
  const credits = new Map<string, AppliedCredit[]>();
  for (const note of data.creditNotes.values()) {
    if (note.status === 'VOIDED' || note.status === 'DRAFT') continue;
    for (const allocation of note.allocations) {
      const list = credits.get(allocation.invoiceId) ?? [];
      list.push({ note, allocation });
      credits.set(allocation.invoiceId, list);
    }
  }
  return { payments, credits };
}

export interface InvoiceAmounts {
  amountPaid: Cents;
  amountCredited: Cents;
  amountDue: Cents;
}

export function invoiceAmounts(index: LedgerIndex, invoice: InvoiceRecord): InvoiceAmounts {
  const amountPaid = sum((index.payments.get(invoice.id) ?? []).map((p) => p.amount));
  const amountCredited = sum((index.credits.get(invoice.id) ?? []).map((c) => c.allocation.amount));
  // A voided or deleted invoice owes nothing, whatever it once said.
  const open = invoice.status !== 'VOIDED' && invoice.status !== 'DELETED';
  return { amountPaid, amountCredited, amountDue: open ? invoice.total - amountPaid - amountCredited : 0 };
}

export function remainingCredit(note: CreditNoteRecord): Cents {
  if (note.status === 'VOIDED') return 0;
  return note.total - sum(note.allocations.map((a) => a.amount));
}

function sum(values: Cents[]): Cents {
  return values.reduce((total, value) => total + value, 0);
}

function amountsOf(data: OrganisationData, invoice: InvoiceRecord): InvoiceAmounts {
  return invoiceAmounts(indexLedger(data), invoice);
}

/**
 * After a payment or credit changed: PAID when nothing is due (FullyPaidOnDate is the date of the
 * money that settled it), otherwise back to AUTHORISED.
 */
export function settle(data: OrganisationData, invoice: InvoiceRecord): void {
  settleWith(indexLedger(data), invoice);
}

/** Settles every invoice against one index: how a generated organisation gets its statuses. */
export function settleAll(data: OrganisationData): void {
  const index = indexLedger(data);
  for (const invoice of data.invoices.values()) settleWith(index, invoice);
}

function settleWith(index: LedgerIndex, invoice: InvoiceRecord): void {
  if (invoice.status !== 'AUTHORISED' && invoice.status !== 'PAID') return;
  const { amountDue } = invoiceAmounts(index, invoice);
  if (amountDue === 0) {
    const dates = [
      ...(index.payments.get(invoice.id) ?? []).map((p) => p.date),
      ...(index.credits.get(invoice.id) ?? []).map((c) => c.allocation.date),
    ].sort();
    invoice.status = 'PAID';
    invoice.fullyPaidOnDate = dates[dates.length - 1] ?? invoice.date;
  } else {
    invoice.status = 'AUTHORISED';
    invoice.fullyPaidOnDate = null;
  }
}

export interface PaymentInput {
  id: string;
  invoice: InvoiceRecord;
  amount: Cents;
  date: CalendarDate;
  reference: string;
  accountId: string;
  now: number;
}

export function applyPayment(data: OrganisationData, input: PaymentInput): PaymentRecord {
  const { invoice } = input;
  if (invoice.status !== 'AUTHORISED') {
    throw new LedgerError('Payments can only be made against Authorised documents');
  }
  if (input.amount <= 0) throw new LedgerError('Payment amount must be greater than zero');
  if (input.amount > amountsOf(data, invoice).amountDue) {
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
    updatedAt: input.now,
  };
  data.payments.set(payment.id, payment);
  settle(data, invoice);
  invoice.updatedAt = input.now;
  return payment;
}

export function reversePayment(data: OrganisationData, payment: PaymentRecord, now: number): void {
  if (payment.status === 'DELETED') throw new LedgerError('This payment has already been deleted');
  payment.status = 'DELETED';
  payment.updatedAt = now;
  const invoice = data.invoices.get(payment.invoiceId);
  if (invoice) {
    settle(data, invoice);
    invoice.updatedAt = now;
  }
}

export function allocateCredit(
  data: OrganisationData,
  note: CreditNoteRecord,
  invoice: InvoiceRecord,
  allocation: AllocationRecord,
  now: number,
): void {
  if (note.status !== 'AUTHORISED')
    throw new LedgerError('Credit can only be allocated from an Authorised credit note');
  if (invoice.status !== 'AUTHORISED') {
    throw new LedgerError('Credit can only be allocated to Authorised documents');
  }
  if (invoice.currencyCode !== note.currencyCode) {
    throw new LedgerError('The credit note and the invoice must be in the same currency');
  }
  if (allocation.amount <= 0) throw new LedgerError('The allocated amount must be greater than zero');
  if (allocation.amount > remainingCredit(note)) {
    throw new LedgerError('The allocated amount exceeds the remaining credit on this credit note');
  }
  if (allocation.amount > amountsOf(data, invoice).amountDue) {
    throw new LedgerError('The allocated amount exceeds the amount outstanding on this document');
  }
  note.allocations.push(allocation);
  if (remainingCredit(note) === 0) {
    note.status = 'PAID';
    note.fullyPaidOnDate = allocation.date;
  }
  note.updatedAt = now;
  settle(data, invoice);
  invoice.updatedAt = now;
}

export function voidInvoice(data: OrganisationData, invoice: InvoiceRecord, now: number): void {
  if (invoice.status === 'VOIDED') return;
  if (invoice.status !== 'AUTHORISED' && invoice.status !== 'SUBMITTED') {
    throw new LedgerError('Only Authorised or Submitted invoices can be voided');
  }
  const { amountPaid, amountCredited } = amountsOf(data, invoice);
  if (amountPaid > 0 || amountCredited > 0) {
    throw new LedgerError('Invoice has payments or credit allocated; remove them before voiding');
  }
  invoice.status = 'VOIDED';
  invoice.updatedAt = now;
}
