// What must hold of a company's books whatever happened to them, for property tests: every Balance
// is TotalAmt less the payment lines linked to it, in whole cents, never below zero; no credit memo
// gives more than it holds; no payment applies more than it received plus the credit it used; links
// stay within one customer and currency; and a transaction changed by a payment was stamped no
// earlier than that payment (so CDC and LastUpdatedTime queries find it). Empty when all is well.
import { centsText } from '../../shared/sandbox/money';
import { indexLedger, invoiceBalance, remainingCredit, unappliedAmount, type LedgerIndex } from './ledger';
import type { CompanyData } from './records';

export function checkInvariants(data: CompanyData, index: LedgerIndex): string[] {
  const problems: string[] = [];
  const fresh = indexLedger(data);
  const same = (a: Map<string, number>, b: Map<string, number>, id: string) =>
    (a.get(id) ?? 0) === (b.get(id) ?? 0);

  for (const invoice of data.invoices.values()) {
    const name = `Invoice ${invoice.id} (${invoice.docNumber})`;
    if (!same(index.applied, fresh.applied, invoice.id))
      problems.push(`${name}: the ledger index disagrees with the payments`);
    const applied = fresh.applied.get(invoice.id) ?? 0;
    const balance = invoiceBalance(fresh, invoice);
    if (!Number.isSafeInteger(invoice.total) || !Number.isSafeInteger(balance)) {
      problems.push(`${name}: an amount is not a whole number of cents`);
    }
    if (invoice.voided) {
      if (applied !== 0) problems.push(`${name}: voided with payments still linked`);
      continue;
    }
    if (balance !== invoice.total - applied) problems.push(`${name}: Balance is not TotalAmt - payments`);
    if (balance < 0) problems.push(`${name}: Balance ${centsText(balance)} is negative`);
  }

  for (const memo of data.creditMemos.values()) {
    const name = `CreditMemo ${memo.id}`;
    if (!same(index.used, fresh.used, memo.id))
      problems.push(`${name}: the ledger index disagrees with the payments`);
    const left = remainingCredit(fresh, memo);
    if (left < 0) problems.push(`${name}: applied beyond its total (${centsText(left)} left)`);
  }

  for (const payment of data.payments.values()) {
    const name = `Payment ${payment.id}`;
    if (unappliedAmount(payment) < 0) problems.push(`${name}: applies more than it received and used`);
    for (const line of payment.lines) {
      const txn =
        line.txnType === 'Invoice' ? data.invoices.get(line.txnId) : data.creditMemos.get(line.txnId);
      if (!txn) {
        problems.push(`${name}: linked to missing ${line.txnType} ${line.txnId}`);
        continue;
      }
      if (!Number.isSafeInteger(line.amount) || line.amount <= 0) {
        problems.push(`${name}: a line is not a positive whole number of cents`);
      }
      if (txn.customerId !== payment.customerId || txn.currency !== payment.currency) {
        problems.push(`${name}: linked to ${line.txnType} ${line.txnId} of another customer or currency`);
      }
      if (txn.updatedAt < payment.createdAt) {
        problems.push(`${line.txnType} ${line.txnId}: changed by ${name} after its LastUpdatedTime`);
      }
    }
  }
  return problems;
}
