// Xero's money rules for receivables: AmountDue = Total - AmountPaid - AmountCredited, where
// AmountCredited sums the credit notes, overpayments and prepayments allocated to the invoice; an
// invoice is PAID exactly when nothing is due, and removing a payment or an allocation reopens it.
// Everything here works in integer cents on the records, so the figures the API writes always add up.
import type { Cents } from '../../shared/sandbox/money';
import type {
  AllocationRecord,
  CashCreditRecord,
  CreditNoteRecord,
  InvoiceRecord,
  OrganisationData,
  PaymentRecord,
} from './records';

/** A change Xero would refuse; the message is what Xero's ValidationException carries. */
export class LedgerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LedgerError';
  }
}

/** Where credit comes from. The three kinds are allocated to invoices alike. */
export type CreditRef =
  | { kind: 'creditNote'; credit: CreditNoteRecord }
  | { kind: 'overpayment' | 'prepayment'; credit: CashCreditRecord };
export type CreditKind = CreditRef['kind'];
export type AppliedCredit = CreditRef & { allocation: AllocationRecord };

/**
 * Payments and allocations per invoice. The store keeps one up to date as the books change, so that a
 * request over 100,000 invoices does not regather 150,000 payments first.
 */
export interface LedgerIndex {
  /** AUTHORISED payments only: a deleted payment no longer counts. */
  payments: Map<string, PaymentRecord[]>;
  /** Allocations of credit that counts: not DRAFT, not VOIDED. */
  credits: Map<string, AppliedCredit[]>;
}

export function* creditRefs(data: OrganisationData): Generator<CreditRef> {
  for (const credit of data.creditNotes.values()) yield { kind: 'creditNote', credit };
  for (const credit of data.overpayments.values()) yield { kind: 'overpayment', credit };
  for (const credit of data.prepayments.values()) yield { kind: 'prepayment', credit };
}

export function findCredit(data: OrganisationData, id: string): CreditRef | undefined {
  const key = id.toLowerCase();
  const note = data.creditNotes.get(key);
  if (note) return { kind: 'creditNote', credit: note };
  const overpayment = data.overpayments.get(key);
  if (overpayment) return { kind: 'overpayment', credit: overpayment };
  const prepayment = data.prepayments.get(key);
  return prepayment ? { kind: 'prepayment', credit: prepayment } : undefined;
}

export function creditCounts(ref: CreditRef): boolean {
  return ref.credit.status !== 'VOIDED' && ref.credit.status !== 'DRAFT';
}

/** A fresh index, built from the records alone. */
export function indexLedger(data: OrganisationData): LedgerIndex {
  const index: LedgerIndex = { payments: new Map(), credits: new Map() };
  for (const payment of data.payments.values()) {
    if (payment.status === 'AUTHORISED') indexPayment(index, payment);
  }
  for (const ref of creditRefs(data)) {
    if (!creditCounts(ref)) continue;
    for (const allocation of ref.credit.allocations) indexAllocation(index, { ...ref, allocation });
  }
  return index;
}

export function indexPayment(index: LedgerIndex, payment: PaymentRecord): void {
  const list = index.payments.get(payment.invoiceId);
  if (list) list.push(payment);
  else index.payments.set(payment.invoiceId, [payment]);
}

export function unindexPayment(index: LedgerIndex, payment: PaymentRecord): void {
  const list = index.payments.get(payment.invoiceId) ?? [];
  const remaining = list.filter((p) => p !== payment);
  if (remaining.length > 0) index.payments.set(payment.invoiceId, remaining);
  else index.payments.delete(payment.invoiceId);
}

export function indexAllocation(index: LedgerIndex, applied: AppliedCredit): void {
  const list = index.credits.get(applied.allocation.invoiceId);
  if (list) list.push(applied);
  else index.credits.set(applied.allocation.invoiceId, [applied]);
}

export function unindexAllocation(index: LedgerIndex, allocation: AllocationRecord): void {
  const list = index.credits.get(allocation.invoiceId) ?? [];
  const remaining = list.filter((c) => c.allocation !== allocation);
  if (remaining.length > 0) index.credits.set(allocation.invoiceId, remaining);
  else index.credits.delete(allocation.invoiceId);
}

export interface InvoiceAmounts {
  amountPaid: Cents;
  amountCredited: Cents;
  amountDue: Cents;
}

export function invoiceAmounts(index: LedgerIndex, invoice: InvoiceRecord): InvoiceAmounts {
  let amountPaid = 0;
  for (const payment of index.payments.get(invoice.id) ?? []) amountPaid += payment.amount;
  let amountCredited = 0;
  for (const { allocation } of index.credits.get(invoice.id) ?? []) amountCredited += allocation.amount;
  // A voided or deleted invoice owes nothing, whatever it once said.
  const open = invoice.status !== 'VOIDED' && invoice.status !== 'DELETED';
  return { amountPaid, amountCredited, amountDue: open ? invoice.total - amountPaid - amountCredited : 0 };
}

export function remainingCredit(credit: CreditNoteRecord | CashCreditRecord): Cents {
  if (credit.status === 'VOIDED') return 0;
  let allocated = 0;
  for (const allocation of credit.allocations) allocated += allocation.amount;
  return credit.total - allocated;
}

/** Settles every invoice against one index: how a generated organisation gets its statuses. */
export function settleAll(data: OrganisationData): void {
  const index = indexLedger(data);
  for (const invoice of data.invoices.values()) settle(index, invoice);
}

/**
 * After a payment or credit changed: PAID when nothing is due (FullyPaidOnDate is the date of the
 * money that settled it), otherwise back to AUTHORISED.
 */
export function settle(index: LedgerIndex, invoice: InvoiceRecord): void {
  if (invoice.status !== 'AUTHORISED' && invoice.status !== 'PAID') return;
  const { amountDue } = invoiceAmounts(index, invoice);
  if (amountDue === 0) {
    let latest: string | null = null;
    for (const payment of index.payments.get(invoice.id) ?? []) {
      if (latest === null || payment.date > latest) latest = payment.date;
    }
    for (const { allocation } of index.credits.get(invoice.id) ?? []) {
      if (latest === null || allocation.date > latest) latest = allocation.date;
    }
    invoice.status = 'PAID';
    invoice.fullyPaidOnDate = latest ?? invoice.date;
  } else {
    invoice.status = 'AUTHORISED';
    invoice.fullyPaidOnDate = null;
  }
}
