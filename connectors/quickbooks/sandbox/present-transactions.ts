// Invoices, payments and credit memos in Intuit's JSON (Accounting API v3, as minorversion 75 writes
// them). Money goes out as JSON numbers in the transaction's currency (`TotalAmt: 150.5`); a
// multicurrency company adds ExchangeRate and the Home* amounts. A voided invoice shows TotalAmt 0,
// Balance 0 and its lines at 0, as QuickBooks keeps it.
import { divideRounded, UNIT_RATE, type Cents } from '../../xero/sandbox/money';
import {
  invoiceBalance,
  paymentsLinking,
  remainingCredit,
  unappliedAmount,
  type LedgerIndex,
} from './ledger';
import type { CompanyData, CreditMemoRecord, EntityBase, InvoiceRecord, PaymentRecord } from './records';
import { qboTime } from './qbo-time';

export interface PresentContext {
  data: CompanyData;
  index: LedgerIndex;
  /** Each customer's open balance (invoices less unapplied credit), kept until the books change. */
  customerBalances(): Map<string, Cents>;
}

const CURRENCY_NAMES: Record<string, string> = {
  USD: 'United States Dollar',
  CAD: 'Canadian Dollar',
  EUR: 'Euro',
  GBP: 'British Pound Sterling',
};

export const amount = (cents: Cents): number => cents / 100;

export function currencyRef(code: string) {
  return { value: code, name: CURRENCY_NAMES[code] ?? code };
}

export function base(ctx: PresentContext, record: EntityBase) {
  const zone = ctx.data.info.timeZone;
  return {
    Id: record.id,
    SyncToken: String(record.syncToken),
    domain: 'QBO' as const,
    sparse: false,
    MetaData: {
      CreateTime: qboTime(record.createdAt, zone),
      LastUpdatedTime: qboTime(record.updatedAt, zone),
    },
  };
}

function customerRef(ctx: PresentContext, customerId: string) {
  return { value: customerId, name: ctx.data.customers.get(customerId)?.displayName ?? '' };
}

/** ExchangeRate and the home-currency figures, in a multicurrency company only. */
function multiCurrency(ctx: PresentContext, rate: number, figures: Record<string, Cents>) {
  if (!ctx.data.info.multiCurrency) return {};
  const home: Record<string, number> = {};
  for (const [name, cents] of Object.entries(figures)) {
    home[`Home${name}`] = amount(divideRounded(cents * rate, UNIT_RATE));
  }
  return { ExchangeRate: rate / UNIT_RATE, ...home };
}

function salesLines(total: Cents, description: string) {
  return [
    {
      Id: '1',
      LineNum: 1,
      Description: description,
      Amount: amount(total),
      DetailType: 'SalesItemLineDetail',
      SalesItemLineDetail: {
        ItemRef: { value: '1', name: 'Services' },
        UnitPrice: amount(total),
        Qty: 1,
        TaxCodeRef: { value: 'NON' },
      },
    },
    { Amount: amount(total), DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} },
  ];
}

export function invoiceJson(ctx: PresentContext, invoice: InvoiceRecord) {
  const total = invoice.voided ? 0 : invoice.total;
  const balance = invoiceBalance(ctx.index, invoice);
  return {
    AllowIPNPayment: false,
    AllowOnlinePayment: false,
    AllowOnlineCreditCardPayment: false,
    AllowOnlineACHPayment: false,
    ...base(ctx, invoice),
    CustomField: [],
    DocNumber: invoice.docNumber,
    TxnDate: invoice.txnDate,
    CurrencyRef: currencyRef(invoice.currency),
    ...(invoice.privateNote ? { PrivateNote: invoice.privateNote } : {}),
    LinkedTxn: paymentsLinking(ctx.index, 'Invoice', invoice.id).map((id) => ({
      TxnId: id,
      TxnType: 'Payment',
    })),
    Line: salesLines(total, invoice.description),
    TxnTaxDetail: { TotalTax: 0 },
    CustomerRef: customerRef(ctx, invoice.customerId),
    ...(invoice.billEmail ? { BillEmail: { Address: invoice.billEmail } } : {}),
    SalesTermRef: { value: '3', name: 'Net 30' },
    DueDate: invoice.dueDate,
    TotalAmt: amount(total),
    ApplyTaxAfterDiscount: false,
    PrintStatus: 'NotSet',
    EmailStatus: invoice.billEmail ? 'EmailSent' : 'NotSet',
    Balance: amount(balance),
    ...multiCurrency(ctx, invoice.exchangeRate, { TotalAmt: total, Balance: balance }),
  };
}

export function creditMemoJson(ctx: PresentContext, memo: CreditMemoRecord) {
  const remaining = remainingCredit(ctx.index, memo);
  return {
    ...base(ctx, memo),
    CustomField: [],
    DocNumber: memo.docNumber,
    TxnDate: memo.txnDate,
    CurrencyRef: currencyRef(memo.currency),
    ...(memo.privateNote ? { PrivateNote: memo.privateNote } : {}),
    Line: salesLines(memo.total, memo.description),
    TxnTaxDetail: { TotalTax: 0 },
    CustomerRef: customerRef(ctx, memo.customerId),
    TotalAmt: amount(memo.total),
    RemainingCredit: amount(remaining),
    Balance: amount(remaining),
    PrintStatus: 'NotSet',
    EmailStatus: 'NotSet',
    ...multiCurrency(ctx, memo.exchangeRate, { TotalAmt: memo.total }),
  };
}

export function paymentJson(ctx: PresentContext, payment: PaymentRecord) {
  return {
    ...base(ctx, payment),
    CustomerRef: customerRef(ctx, payment.customerId),
    DepositToAccountRef: { value: '35', name: 'Checking' },
    TotalAmt: amount(payment.total),
    UnappliedAmt: amount(unappliedAmount(payment)),
    ProcessPayment: false,
    TxnDate: payment.txnDate,
    CurrencyRef: currencyRef(payment.currency),
    ...(payment.reference ? { PaymentRefNum: payment.reference } : {}),
    Line: payment.lines.map((line) => ({
      Amount: amount(line.amount),
      LinkedTxn: [{ TxnId: line.txnId, TxnType: line.txnType }],
    })),
    ...multiCurrency(ctx, payment.exchangeRate, { TotalAmt: payment.total }),
  };
}
