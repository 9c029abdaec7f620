// How money links records in QuickBooks Online: a Payment's lines apply cash to invoices and take
// credit from credit memos (applying a credit memo to an invoice is a Payment of 0 with one line of
// each). An invoice's Balance is its TotalAmt less every payment line linked to it; a credit memo's
// RemainingCredit likewise; a payment's UnappliedAmt is what its lines leave of its TotalAmt. The
// index keeps those sums in step with every change, so that a page of invoices costs no scan.
import type { Cents } from '../../shared/sandbox/money';
import type {
  CompanyData,
  CreditMemoRecord,
  EntityBase,
  EntityName,
  InvoiceRecord,
  PaymentLine,
  PaymentRecord,
} from './records';

/** A refusal in Intuit's words: the store throws it, the API would answer a ValidationFault. */
export class LedgerError extends Error {
  override name = 'LedgerError';
}

export type Operation = 'Create' | 'Update' | 'Delete' | 'Void';

export interface Change {
  entity: EntityName;
  id: string;
  operation: Operation;
  /** Sandbox clock, epoch ms. */
  at: number;
}

export interface LedgerIndex {
  /** Cents linked to each invoice, by invoice Id. */
  applied: Map<string, Cents>;
  /** Cents taken from each credit memo, by credit memo Id. */
  used: Map<string, Cents>;
  /** Ids of the payments linking each invoice, and each credit memo, in the order they came. */
  linkedBy: Record<PaymentLine['txnType'], Map<string, string[]>>;
}

/** The company's records as changes see them, and whoever hears of a change (webhooks, views). */
export interface Books {
  data: CompanyData;
  index: LedgerIndex;
  now(): number;
  changed(change: Change): void;
}

const key = (line: { txnType: string; txnId: string }) => `${line.txnType}:${line.txnId}`;

export function indexLedger(data: CompanyData): LedgerIndex {
  const index: LedgerIndex = {
    applied: new Map(),
    used: new Map(),
    linkedBy: { Invoice: new Map(), CreditMemo: new Map() },
  };
  for (const payment of data.payments.values()) link(index, payment, 1);
  return index;
}

function link(index: LedgerIndex, payment: PaymentRecord, sign: 1 | -1): void {
  for (const line of payment.lines) {
    const sums = line.txnType === 'Invoice' ? index.applied : index.used;
    sums.set(line.txnId, (sums.get(line.txnId) ?? 0) + sign * line.amount);
    const links = index.linkedBy[line.txnType];
    const payments = links.get(line.txnId);
    if (sign > 0) {
      if (!payments) links.set(line.txnId, [payment.id]);
      else if (!payments.includes(payment.id)) payments.push(payment.id);
    } else if (payments) {
      const left = payments.filter((id) => id !== payment.id);
      if (left.length > 0) links.set(line.txnId, left);
      else links.delete(line.txnId);
    }
  }
}

export function invoiceBalance(index: LedgerIndex, invoice: InvoiceRecord): Cents {
  return invoice.voided ? 0 : invoice.total - (index.applied.get(invoice.id) ?? 0);
}

export function remainingCredit(index: LedgerIndex, memo: CreditMemoRecord): Cents {
  return memo.total - (index.used.get(memo.id) ?? 0);
}

export function unappliedAmount(payment: PaymentRecord): Cents {
  let left = payment.total;
  for (const line of payment.lines) left += line.txnType === 'Invoice' ? -line.amount : line.amount;
  return left;
}

const NONE: readonly string[] = [];

export function paymentsLinking(
  index: LedgerIndex,
  txnType: PaymentLine['txnType'],
  txnId: string,
): readonly string[] {
  return index.linkedBy[txnType].get(txnId) ?? NONE;
}

/** A new record (SyncToken 0) or a change to one (SyncToken + 1), stamped and announced. */
export function touch(books: Books, entity: EntityName, record: EntityBase, operation: Operation): void {
  const at = Math.max(books.now(), record.updatedAt);
  if (operation === 'Create') record.createdAt = at;
  else record.syncToken += 1;
  record.updatedAt = at;
  books.changed({ entity, id: record.id, operation, at });
}

/** Why these payment lines cannot be applied for this customer and currency, or null when they can. */
export function linesProblem(books: Books, payment: PaymentRecord, lines: PaymentLine[]): string | null {
  const { data, index } = books;
  for (const line of lines) {
    if (!Number.isSafeInteger(line.amount) || line.amount <= 0)
      return 'A linked amount must be greater than zero';
    const txn = line.txnType === 'Invoice' ? data.invoices.get(line.txnId) : data.creditMemos.get(line.txnId);
    if (!txn) return `Object Not Found: ${line.txnType} ${line.txnId} does not exist`;
    if (txn.customerId !== payment.customerId)
      return `${line.txnType} ${line.txnId} belongs to another customer`;
    if (txn.currency !== payment.currency) return `${line.txnType} ${line.txnId} is in ${txn.currency}`;
    const open =
      line.txnType === 'Invoice'
        ? invoiceBalance(index, txn as InvoiceRecord)
        : remainingCredit(index, txn as CreditMemoRecord);
    const alsoHere = lines
      .filter((l) => l !== line && key(l) === key(line))
      .reduce((sum, l) => sum + l.amount, 0);
    if ((line.txnType === 'Invoice' && (txn as InvoiceRecord).voided) || line.amount + alsoHere > open) {
      return `The amount applied to ${line.txnType} ${line.txnId} exceeds what is open on it`;
    }
  }
  return null;
}

/** Records a payment whose lines fit; every transaction it links changes with it. */
export function addPayment(books: Books, payment: PaymentRecord): PaymentRecord {
  const problem = linesProblem(books, payment, payment.lines);
  if (problem) throw new LedgerError(problem);
  if (unappliedAmount(payment) < 0)
    throw new LedgerError('The lines apply more than the payment and credits hold');
  books.data.payments.set(payment.id, payment);
  link(books.index, payment, 1);
  touch(books, 'Payment', payment, 'Create');
  touchLinked(books, payment.lines);
  return payment;
}

/** Adds lines to a payment that holds unapplied money (applying an overpayment later). */
export function extendPayment(books: Books, payment: PaymentRecord, lines: PaymentLine[]): void {
  const problem = linesProblem(books, payment, lines);
  if (problem) throw new LedgerError(problem);
  const applied = lines.reduce((sum, l) => sum + (l.txnType === 'Invoice' ? l.amount : -l.amount), 0);
  if (applied > unappliedAmount(payment)) throw new LedgerError('The payment has not that much unapplied');
  link(books.index, payment, -1);
  payment.lines.push(...lines);
  link(books.index, payment, 1);
  touch(books, 'Payment', payment, 'Update');
  touchLinked(books, lines);
}

/** Takes lines off a payment (an invoice unticked on it): their money is unapplied again. */
export function dropPaymentLines(
  books: Books,
  payment: PaymentRecord,
  dropped: (line: PaymentLine) => boolean,
) {
  const kept = payment.lines.filter((line) => !dropped(line));
  const gone = payment.lines.filter(dropped);
  if (gone.length === 0) throw new LedgerError(`Payment ${payment.id} links no such transaction`);
  if (unappliedAmount({ ...payment, lines: kept }) < 0)
    throw new LedgerError('The lines apply more than the payment and credits hold');
  link(books.index, payment, -1);
  payment.lines = kept;
  link(books.index, payment, 1);
  touch(books, 'Payment', payment, 'Update');
  touchLinked(books, gone);
}

/** Deletes a payment: it leaves a tombstone for CDC, and what it linked opens again. */
export function deletePayment(books: Books, payment: PaymentRecord): void {
  link(books.index, payment, -1);
  books.data.payments.delete(payment.id);
  tombstone(books, 'Payment', payment.id);
  touchLinked(books, payment.lines);
}

export function tombstone(books: Books, entity: EntityName, id: string): void {
  const at = books.now();
  books.data.tombstones.push({ entity, id, at });
  books.changed({ entity, id, operation: 'Delete', at });
}

function touchLinked(books: Books, lines: PaymentLine[]): void {
  const seen = new Set<string>();
  for (const line of lines) {
    if (seen.has(key(line))) continue;
    seen.add(key(line));
    const record =
      line.txnType === 'Invoice'
        ? books.data.invoices.get(line.txnId)
        : books.data.creditMemos.get(line.txnId);
    if (record) touch(books, line.txnType, record, 'Update');
  }
}

/** Voids an invoice with nothing applied to it: TotalAmt and Balance become 0, the note says so. */
export function voidInvoice(books: Books, invoice: InvoiceRecord): void {
  if (invoice.voided) throw new LedgerError(`Invoice ${invoice.id} is already voided`);
  if (paymentsLinking(books.index, 'Invoice', invoice.id).length > 0) {
    throw new LedgerError(`Invoice ${invoice.id} has payments linked: delete them first`);
  }
  invoice.voided = true;
  invoice.privateNote = invoice.privateNote ? `Voided - ${invoice.privateNote}` : 'Voided';
  touch(books, 'Invoice', invoice, 'Void');
}

/** Deletes a transaction nothing is linked to. */
export function deleteTransaction(books: Books, entity: 'Invoice' | 'CreditMemo', id: string): void {
  const map = entity === 'Invoice' ? books.data.invoices : books.data.creditMemos;
  if (!map.has(id)) throw new LedgerError(`Object Not Found: ${entity} ${id} does not exist`);
  if (paymentsLinking(books.index, entity, id).length > 0) {
    throw new LedgerError(`${entity} ${id} has payments linked: delete them first`);
  }
  map.delete(id);
  tombstone(books, entity, id);
}
