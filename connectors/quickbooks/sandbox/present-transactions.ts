// Invoices, payments and credit memos in Intuit's JSON (Accounting API v3, as minorversion 75 writes
// them). Money goes out as JSON numbers in the transaction's currency (`TotalAmt: 150.5`); a
// multicurrency company adds ExchangeRate and the Home* amounts. A voided invoice shows TotalAmt 0,
// Balance 0 and its lines at 0, as QuickBooks keeps it.
import { divideRounded, UNIT_RATE, type Cents } from '../../shared/sandbox/money';
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

export function metaData(ctx: PresentContext, record: EntityBase) {
  const zone = ctx.data.info.timeZone;
  return { CreateTime: qboTime(record.createdAt, zone), LastUpdatedTime: qboTime(record.updatedAt, zone) };
}

/** The common head of every entity, as `...base()` for the colder shapes. */
export function base(ctx: PresentContext, record: EntityBase) {
  return {
    Id: record.id,
    SyncToken: String(record.syncToken),
    domain: 'QBO' as const,
    sparse: false,
    MetaData: metaData(ctx, record),
  };
}

function customerRef(ctx: PresentContext, customerId: string) {
  return { value: customerId, name: ctx.data.customers.get(customerId)?.displayName ?? '' };
}

/** Home-currency figures exist only in a multicurrency company; undefined leaves them out of the JSON. */
function home(ctx: PresentContext, rate: number, cents: Cents): number | undefined {
  return ctx.data.info.multiCurrency ? amount(divideRounded(cents * rate, UNIT_RATE)) : undefined;
}

function rateOf(ctx: PresentContext, rate: number): number | undefined {
  return ctx.data.info.multiCurrency ? rate / UNIT_RATE : undefined;
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

// The shapes below are single literals with a fixed set of keys (absent fields are undefined, which
// JSON leaves out): a page of a thousand of them then serializes on V8's fast path.

export function invoiceJson(ctx: PresentContext, invoice: InvoiceRecord) {
  const total = invoice.voided ? 0 : invoice.total;
  const balance = invoiceBalance(ctx.index, invoice);
  return {
    AllowIPNPayment: false,
    AllowOnlinePayment: false,
    // On for every invoice of a company that takes payments online, as QuickBooks sets them by default.
    AllowOnlineCreditCardPayment: ctx.data.info.onlinePayments,
    AllowOnlineACHPayment: ctx.data.info.onlinePayments,
    Id: invoice.id,
    SyncToken: String(invoice.syncToken),
    domain: 'QBO',
    sparse: false,
    MetaData: metaData(ctx, invoice),
    CustomField: [],
    DocNumber: invoice.docNumber,
    TxnDate: invoice.txnDate,
    CurrencyRef: currencyRef(invoice.currency),
    PrivateNote: invoice.privateNote || undefined,
    LinkedTxn: paymentsLinking(ctx.index, 'Invoice', invoice.id).map((id) => ({
      TxnId: id,
      TxnType: 'Payment',
    })),
    Line: salesLines(total, invoice.description),
    TxnTaxDetail: { TotalTax: 0 },
    CustomerRef: customerRef(ctx, invoice.customerId),
    BillEmail: invoice.billEmail ? { Address: invoice.billEmail } : undefined,
    SalesTermRef: { value: '3', name: 'Net 30' },
    DueDate: invoice.dueDate,
    TotalAmt: amount(total),
    ApplyTaxAfterDiscount: false,
    PrintStatus: 'NotSet',
    EmailStatus: invoice.billEmail ? 'EmailSent' : 'NotSet',
    Balance: amount(balance),
    ExchangeRate: rateOf(ctx, invoice.exchangeRate),
    HomeTotalAmt: home(ctx, invoice.exchangeRate, total),
    HomeBalance: home(ctx, invoice.exchangeRate, balance),
  };
}

export function creditMemoJson(ctx: PresentContext, memo: CreditMemoRecord) {
  const remaining = remainingCredit(ctx.index, memo);
  return {
    Id: memo.id,
    SyncToken: String(memo.syncToken),
    domain: 'QBO',
    sparse: false,
    MetaData: metaData(ctx, memo),
    CustomField: [],
    DocNumber: memo.docNumber,
    TxnDate: memo.txnDate,
    CurrencyRef: currencyRef(memo.currency),
    PrivateNote: memo.privateNote || undefined,
    Line: salesLines(memo.total, memo.description),
    TxnTaxDetail: { TotalTax: 0 },
    CustomerRef: customerRef(ctx, memo.customerId),
    TotalAmt: amount(memo.total),
    RemainingCredit: amount(remaining),
    Balance: amount(remaining),
    PrintStatus: 'NotSet',
    EmailStatus: 'NotSet',
    ExchangeRate: rateOf(ctx, memo.exchangeRate),
    HomeTotalAmt: home(ctx, memo.exchangeRate, memo.total),
  };
}

export function paymentJson(ctx: PresentContext, payment: PaymentRecord) {
  return {
    Id: payment.id,
    SyncToken: String(payment.syncToken),
    domain: 'QBO',
    sparse: false,
    MetaData: metaData(ctx, payment),
    CustomerRef: customerRef(ctx, payment.customerId),
    DepositToAccountRef: { value: '35', name: 'Checking' },
    TotalAmt: amount(payment.total),
    UnappliedAmt: amount(unappliedAmount(payment)),
    ProcessPayment: false,
    TxnDate: payment.txnDate,
    CurrencyRef: currencyRef(payment.currency),
    PaymentRefNum: payment.reference || undefined,
    Line: payment.lines.map((line) => ({
      Amount: amount(line.amount),
      LinkedTxn: [{ TxnId: line.txnId, TxnType: line.txnType }],
    })),
    ExchangeRate: rateOf(ctx, payment.exchangeRate),
    HomeTotalAmt: home(ctx, payment.exchangeRate, payment.total),
  };
}
