// QuickBooks credit and what settles invoices -> canonical payments and credits. Pure: no I/O, no clock.
//
// A QuickBooks Payment is the one record of how invoices were settled: its lines link invoices (money
// in) and credit memos (credit used), and TotalAmt is the cash received. An invoice paid partly with a
// credit memo and partly in cash appears as one invoice line; the payment does not say which invoice the
// credit went to when it links several, so credit is attributed to the invoice lines in order. Per
// invoice, cash + credit always equals what the payment applied to it, so total − payments − credits
// still equals the invoice's Balance.
//
// A credit memo's own record says how much of it is left (RemainingCredit) but not where the rest went;
// that is recorded once per payment that used it, as a credit of its own (`payment-<id>-creditmemo-<id>`)
// allocated to the invoices, with nothing remaining. Money received beyond the invoices (UnappliedAmt)
// is an overpayment credit (`payment-<id>`), remaining until applied.
import { toMinor } from '../shared/money';
import type { CanonicalCredit, CanonicalPayment } from '../types';
import { textOrNull, toInstant } from './map';
import type { RawCreditMemo, RawPayment } from './schemas';

export function mapCreditMemo(raw: RawCreditMemo): CanonicalCredit {
  const currency = raw.CurrencyRef.value;
  return {
    externalId: raw.Id,
    kind: 'credit_note',
    number: textOrNull(raw.DocNumber),
    contactExternalId: raw.CustomerRef.value,
    currency,
    date: raw.TxnDate,
    status: 'active',
    total: toMinor(raw.TotalAmt, currency),
    remaining: toMinor(raw.RemainingCredit ?? raw.Balance ?? 0, currency),
    // Where it went is recorded by the payments that applied it (see above).
    allocations: [],
    platformPaymentId: null,
    updatedAt: toInstant(raw.MetaData.LastUpdatedTime),
  };
}

interface Applied {
  id: string;
  amount: number;
}

/** The amounts a payment applies to each linked transaction of one type, summed per transaction. */
function linked(raw: RawPayment, txnType: string, currency: string): Applied[] {
  const byId = new Map<string, number>();
  for (const line of raw.Line ?? []) {
    for (const txn of line.LinkedTxn ?? []) {
      if (txn.TxnType !== txnType) continue;
      byId.set(txn.TxnId, (byId.get(txn.TxnId) ?? 0) + toMinor(line.Amount, currency));
    }
  }
  return [...byId].map(([id, amount]) => ({ id, amount }));
}

export interface SettledByPayment {
  payments: CanonicalPayment[];
  credits: CanonicalCredit[];
}

export function paymentCreditId(paymentId: string): string {
  return `payment-${paymentId}`;
}

export function mapPayment(raw: RawPayment): SettledByPayment {
  const currency = raw.CurrencyRef.value;
  const updatedAt = toInstant(raw.MetaData.LastUpdatedTime);
  const invoices = linked(raw, 'Invoice', currency);
  const memos = linked(raw, 'CreditMemo', currency);

  // Credit covers the invoice lines in order; what it does not cover was paid in cash.
  const cash = invoices.map((invoice) => ({ ...invoice }));
  const credits: CanonicalCredit[] = [];
  let next = 0;
  for (const memo of memos) {
    let left = memo.amount;
    const allocations: CanonicalCredit['allocations'] = [];
    while (left > 0 && next < cash.length) {
      const line = cash[next];
      if (line === undefined) break;
      const used = Math.min(left, line.amount);
      if (used > 0) allocations.push({ invoiceExternalId: line.id, amount: used, date: raw.TxnDate });
      line.amount -= used;
      left -= used;
      if (line.amount === 0) next += 1;
    }
    credits.push({
      externalId: `${paymentCreditId(raw.Id)}-creditmemo-${memo.id}`,
      kind: 'credit_note',
      number: null,
      contactExternalId: raw.CustomerRef.value,
      currency,
      date: raw.TxnDate,
      status: 'active',
      total: memo.amount - left,
      remaining: 0,
      allocations,
      platformPaymentId: raw.Id,
      updatedAt,
    });
  }

  const unapplied = toMinor(raw.UnappliedAmt ?? 0, currency);
  // A payment created fully applied never had anything unapplied; one edited since may have had.
  const edited = raw.MetaData.CreateTime != null && raw.MetaData.CreateTime !== raw.MetaData.LastUpdatedTime;
  if (unapplied > 0 || edited) {
    credits.push({
      externalId: paymentCreditId(raw.Id),
      kind: 'overpayment',
      number: null,
      contactExternalId: raw.CustomerRef.value,
      currency,
      date: raw.TxnDate,
      status: 'active',
      total: unapplied,
      remaining: unapplied,
      allocations: [],
      platformPaymentId: raw.Id,
      updatedAt,
    });
  }

  const payments = cash
    .filter((line) => line.amount > 0)
    .map((line) => ({
      externalId: `${raw.Id}:${line.id}`,
      invoiceExternalId: line.id,
      amount: line.amount,
      currency,
      date: raw.TxnDate,
      status: 'active' as const,
      platformPaymentId: raw.Id,
      updatedAt,
    }));
  return { payments, credits };
}
