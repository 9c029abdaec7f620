// Invoices, credit notes, payments and history records as Xero writes them. Amounts come from the
// ledger at the moment of writing, so AmountDue always equals Total - AmountPaid - AmountCredited
// (a voided or deleted invoice owes nothing, as in the spec's VOIDED example).
import { invoiceAmounts, remainingCredit } from './ledger';
import { toBaseCurrency } from './money';
import { presentContactSummary, type ContactSummaryJson } from './present-contacts';
import {
  lineItem,
  presentAllocation,
  type AllocationJson,
  type LineItemJson,
  type PresentContext,
} from './present-parts';
import type { CreditNoteRecord, HistoryRecord, InvoiceRecord, PaymentRecord } from './records';
import { money, rate, type XeroDecimal } from './xero-json';
import { msDate, utcSeconds, utcSecondsZ, xeroDate, xeroDateString } from './xero-dates';

export type { PresentContext } from './present-parts';

export interface InvoicePaymentJson {
  PaymentID: string;
  Date: string;
  Amount: XeroDecimal;
  Reference: string;
  CurrencyRate: XeroDecimal;
  HasAccount: boolean;
  HasValidationErrors: boolean;
}

export interface InvoiceCreditNoteJson {
  CreditNoteID: string;
  CreditNoteNumber: string;
  ID: string;
  AppliedAmount: XeroDecimal;
  DateString: string;
  Date: string;
  LineItems: never[];
  Total: XeroDecimal;
}

/** An overpayment or prepayment applied to the invoice, listed like a credit note. */
export type InvoiceCashCreditJson = ({ OverpaymentID: string } | { PrepaymentID: string }) & {
  ID: string;
  AppliedAmount: XeroDecimal;
  DateString: string;
  Date: string;
  LineItems: never[];
  Total: XeroDecimal;
};

export interface InvoiceJson {
  Type: string;
  InvoiceID: string;
  InvoiceNumber: string;
  Reference: string;
  Payments: InvoicePaymentJson[];
  CreditNotes: InvoiceCreditNoteJson[];
  Prepayments: InvoiceCashCreditJson[];
  Overpayments: InvoiceCashCreditJson[];
  AmountDue: XeroDecimal;
  AmountPaid: XeroDecimal;
  AmountCredited: XeroDecimal;
  SentToContact: boolean;
  CurrencyRate: XeroDecimal;
  HasErrors: boolean;
  IsDiscounted: boolean;
  HasAttachments: boolean;
  Contact: ContactSummaryJson;
  DateString: string;
  Date: string;
  DueDateString: string;
  DueDate: string;
  Status: string;
  LineAmountTypes: string;
  LineItems: LineItemJson[];
  SubTotal: XeroDecimal;
  TotalTax: XeroDecimal;
  Total: XeroDecimal;
  UpdatedDateUTC: string;
  UpdatedDateUTCString: string;
  CurrencyCode: string;
  FullyPaidOnDate?: string;
}

/**
 * Xero leaves line items out of invoice lists unless the caller pages (or asks for one invoice):
 * `withLines` says which of the two this is.
 */
export function presentInvoice(ctx: PresentContext, invoice: InvoiceRecord, withLines: boolean): InvoiceJson {
  const amounts = invoiceAmounts(ctx.index, invoice);
  const credits = ctx.index.credits.get(invoice.id) ?? [];
  const cash = (kind: 'overpayment' | 'prepayment'): InvoiceCashCreditJson[] =>
    credits.flatMap((applied) =>
      applied.kind === kind
        ? [
            {
              ...(kind === 'overpayment'
                ? { OverpaymentID: applied.credit.id }
                : { PrepaymentID: applied.credit.id }),
              ID: applied.credit.id,
              AppliedAmount: money(applied.allocation.amount),
              DateString: xeroDateString(applied.credit.date),
              Date: xeroDate(applied.credit.date),
              LineItems: [],
              Total: money(applied.credit.total),
            },
          ]
        : [],
    );
  return {
    Type: invoice.type,
    InvoiceID: invoice.id,
    InvoiceNumber: invoice.number,
    Reference: invoice.reference,
    Payments: (ctx.index.payments.get(invoice.id) ?? []).map((p) => ({
      PaymentID: p.id,
      Date: xeroDate(p.date),
      Amount: money(p.amount),
      Reference: p.reference,
      CurrencyRate: rate(p.currencyRate),
      HasAccount: false,
      HasValidationErrors: false,
    })),
    CreditNotes: credits.flatMap((applied) =>
      applied.kind === 'creditNote'
        ? [
            {
              CreditNoteID: applied.credit.id,
              CreditNoteNumber: applied.credit.number,
              ID: applied.credit.id,
              AppliedAmount: money(applied.allocation.amount),
              DateString: xeroDateString(applied.credit.date),
              Date: xeroDate(applied.credit.date),
              LineItems: [],
              Total: money(applied.credit.total),
            },
          ]
        : [],
    ),
    Prepayments: cash('prepayment'),
    Overpayments: cash('overpayment'),
    AmountDue: money(amounts.amountDue),
    AmountPaid: money(amounts.amountPaid),
    AmountCredited: money(amounts.amountCredited),
    SentToContact: invoice.sentToContact,
    CurrencyRate: rate(invoice.currencyRate),
    HasErrors: false,
    IsDiscounted: false,
    HasAttachments: false,
    Contact: presentContactSummary(ctx.data.contacts.get(invoice.contactId), invoice.contactId),
    DateString: xeroDateString(invoice.date),
    Date: xeroDate(invoice.date),
    DueDateString: xeroDateString(invoice.dueDate),
    DueDate: xeroDate(invoice.dueDate),
    Status: invoice.status,
    LineAmountTypes: 'Exclusive',
    LineItems: withLines ? invoice.lineItems.map(lineItem) : [],
    SubTotal: money(invoice.subTotal),
    TotalTax: money(invoice.totalTax),
    Total: money(invoice.total),
    UpdatedDateUTC: msDate(invoice.updatedAt),
    UpdatedDateUTCString: utcSecondsZ(invoice.updatedAt),
    CurrencyCode: invoice.currencyCode,
    ...(invoice.status === 'PAID' && invoice.fullyPaidOnDate
      ? { FullyPaidOnDate: xeroDate(invoice.fullyPaidOnDate) }
      : {}),
  };
}

export interface CreditNoteJson {
  CreditNoteID: string;
  CreditNoteNumber: string;
  Payments: never[];
  ID: string;
  CurrencyRate: XeroDecimal;
  Type: string;
  Reference: string;
  RemainingCredit: XeroDecimal;
  Allocations: AllocationJson[];
  HasAttachments: boolean;
  Contact: ContactSummaryJson;
  DateString: string;
  Date: string;
  Status: string;
  LineAmountTypes: string;
  LineItems: LineItemJson[];
  SubTotal: XeroDecimal;
  TotalTax: XeroDecimal;
  Total: XeroDecimal;
  UpdatedDateUTC: string;
  UpdatedDateUTCString: string;
  CurrencyCode: string;
  FullyPaidOnDate?: string;
}

export function presentCreditNote(
  ctx: PresentContext,
  note: CreditNoteRecord,
  withLines: boolean,
): CreditNoteJson {
  return {
    CreditNoteID: note.id,
    CreditNoteNumber: note.number,
    Payments: [],
    ID: note.id,
    CurrencyRate: rate(note.currencyRate),
    Type: note.type,
    Reference: note.reference,
    RemainingCredit: money(remainingCredit(note)),
    Allocations:
      note.status === 'VOIDED'
        ? []
        : note.allocations.map((allocation) => presentAllocation(ctx, allocation)),
    HasAttachments: false,
    Contact: presentContactSummary(ctx.data.contacts.get(note.contactId), note.contactId),
    DateString: xeroDateString(note.date),
    Date: xeroDate(note.date),
    Status: note.status,
    LineAmountTypes: 'Exclusive',
    LineItems: withLines ? note.lineItems.map(lineItem) : [],
    SubTotal: money(note.subTotal),
    TotalTax: money(note.totalTax),
    Total: money(note.total),
    UpdatedDateUTC: msDate(note.updatedAt),
    UpdatedDateUTCString: utcSecondsZ(note.updatedAt),
    CurrencyCode: note.currencyCode,
    ...(note.status === 'PAID' && note.fullyPaidOnDate
      ? { FullyPaidOnDate: xeroDate(note.fullyPaidOnDate) }
      : {}),
  };
}

export interface PaymentJson {
  PaymentID: string;
  Date: string;
  BankAmount: XeroDecimal;
  Amount: XeroDecimal;
  Reference: string;
  CurrencyRate: XeroDecimal;
  PaymentType: string;
  Status: string;
  UpdatedDateUTC: string;
  UpdatedDateUTCString: string;
  HasAccount: boolean;
  IsReconciled: boolean;
  Account: { AccountID: string; Code: string };
  Invoice: {
    Type: string;
    InvoiceID: string;
    InvoiceNumber: string;
    Payments: never[];
    CreditNotes: never[];
    Prepayments: never[];
    Overpayments: never[];
    HasErrors: boolean;
    IsDiscounted: boolean;
    Contact: ContactSummaryJson & { ContactNumber: string };
    LineItems: never[];
    CurrencyCode: string;
  };
  HasValidationErrors: boolean;
}

export function presentPayment(ctx: PresentContext, payment: PaymentRecord): PaymentJson {
  const invoice = ctx.data.invoices.get(payment.invoiceId);
  const account = ctx.data.bankAccounts.find((a) => a.id === payment.accountId);
  const contactId = invoice?.contactId ?? '';
  return {
    PaymentID: payment.id,
    Date: xeroDate(payment.date),
    BankAmount: money(toBaseCurrency(payment.amount, payment.currencyRate)),
    Amount: money(payment.amount),
    Reference: payment.reference,
    CurrencyRate: rate(payment.currencyRate),
    PaymentType: invoice?.type === 'ACCPAY' ? 'ACCPAYPAYMENT' : 'ACCRECPAYMENT',
    Status: payment.status,
    UpdatedDateUTC: msDate(payment.updatedAt),
    UpdatedDateUTCString: utcSecondsZ(payment.updatedAt),
    HasAccount: true,
    IsReconciled: payment.isReconciled,
    Account: { AccountID: payment.accountId, Code: account?.code ?? '' },
    Invoice: {
      Type: invoice?.type ?? 'ACCREC',
      InvoiceID: payment.invoiceId,
      InvoiceNumber: invoice?.number ?? '',
      Payments: [],
      CreditNotes: [],
      Prepayments: [],
      Overpayments: [],
      HasErrors: false,
      IsDiscounted: false,
      Contact: { ...presentContactSummary(ctx.data.contacts.get(contactId), contactId), ContactNumber: '' },
      LineItems: [],
      CurrencyCode: invoice?.currencyCode ?? ctx.data.organisation.baseCurrency,
    },
    HasValidationErrors: false,
  };
}

export interface HistoryRecordJson {
  Changes: string;
  DateUTCString: string;
  DateUTC: string;
  User: string;
  Details: string;
}

/** Newest first, as Xero lists an invoice's history (entries made in the same instant included). */
export function presentHistory(history: HistoryRecord[]): HistoryRecordJson[] {
  return [...history]
    .reverse()
    .sort((a, b) => b.at - a.at)
    .map((record) => ({
      Changes: record.changes,
      DateUTCString: utcSeconds(record.at),
      DateUTC: msDate(record.at),
      User: record.user,
      Details: record.details,
    }));
}
