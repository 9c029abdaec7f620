// Invoices and their history records as Xero writes them. Amounts come from the ledger at the moment
// of writing, so AmountDue always equals Total - AmountPaid - AmountCredited (a voided or deleted
// invoice owes nothing, as in the spec's VOIDED example). Invoices are listed by the thousand, so they
// are written straight to JSON text (see present-parts.ts).
import { invoiceAmounts, type AppliedCredit } from './ledger';
import { centsText, scaledText } from '../../shared/sandbox/money';
import { contactSummaryText, type ContactSummaryJson } from './present-contacts';
import { lineItemsText, type LineItemJson, type PresentContext } from './present-parts';
import type { HistoryRecord, InvoiceRecord, PaymentRecord } from './records';
import { arrayText, jsonString as s, RawJson, type XeroDecimal } from './xero-json';
import { msDate, utcSeconds, utcSecondsZ, xeroDate, xeroDateString } from './xero-dates';

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

const NONE: readonly never[] = [];

function paymentText(payment: PaymentRecord): string {
  return (
    `{"PaymentID":${s(payment.id)},"Date":"${xeroDate(payment.date)}",` +
    `"Amount":${centsText(payment.amount)},"Reference":${s(payment.reference)},` +
    `"CurrencyRate":${scaledText(payment.currencyRate, 6)},"HasAccount":false,"HasValidationErrors":false}`
  );
}

/** The credit of one kind applied to the invoice, in the order it was applied. */
function appliedText(credits: readonly AppliedCredit[], kind: AppliedCredit['kind']): string {
  let out = '';
  for (const applied of credits) {
    if (applied.kind !== kind) continue;
    const { credit, allocation } = applied;
    const id = s(credit.id);
    const source =
      applied.kind === 'creditNote'
        ? `"CreditNoteID":${id},"CreditNoteNumber":${s(applied.credit.number)}`
        : `"${applied.kind === 'overpayment' ? 'OverpaymentID' : 'PrepaymentID'}":${id}`;
    out +=
      (out === '' ? '' : ',') +
      `{${source},"ID":${id},"AppliedAmount":${centsText(allocation.amount)},` +
      `"DateString":"${xeroDateString(credit.date)}","Date":"${xeroDate(credit.date)}",` +
      `"LineItems":[],"Total":${centsText(credit.total)}}`;
  }
  return `[${out}]`;
}

/**
 * How much of an invoice a response carries. Xero leaves line items out of unpaged lists (`list`),
 * includes them when the caller pages or asks for one invoice (`full`), and with `summaryOnly=true`
 * drops everything computed from other records: line items and the payments and credits applied.
 */
export type InvoiceDetail = 'summary' | 'list' | 'full';

/** The lightweight fields `summaryOnly=true` keeps. */
export type InvoiceSummaryJson = Omit<
  InvoiceJson,
  'Payments' | 'CreditNotes' | 'Prepayments' | 'Overpayments' | 'LineItems'
>;

export function invoiceJson(
  ctx: PresentContext,
  invoice: InvoiceRecord,
  detail: 'full',
): RawJson<InvoiceJson>;
export function invoiceJson(
  ctx: PresentContext,
  invoice: InvoiceRecord,
  detail: InvoiceDetail,
): RawJson<InvoiceJson | InvoiceSummaryJson>;
export function invoiceJson(
  ctx: PresentContext,
  invoice: InvoiceRecord,
  detail: InvoiceDetail,
): RawJson<InvoiceJson | InvoiceSummaryJson> {
  const amounts = invoiceAmounts(ctx.index, invoice);
  const credits = ctx.index.credits.get(invoice.id) ?? NONE;
  const contact = ctx.data.contacts.get(invoice.contactId);
  const fullyPaid =
    invoice.status === 'PAID' && invoice.fullyPaidOnDate
      ? `,"FullyPaidOnDate":"${xeroDate(invoice.fullyPaidOnDate)}"`
      : '';
  return new RawJson(
    `{"Type":${s(invoice.type)},"InvoiceID":${s(invoice.id)},"InvoiceNumber":${s(invoice.number)},` +
      `"Reference":${s(invoice.reference)},` +
      (detail === 'summary'
        ? ''
        : `"Payments":${arrayText(ctx.index.payments.get(invoice.id) ?? NONE, paymentText)},` +
          `"CreditNotes":${appliedText(credits, 'creditNote')},` +
          `"Prepayments":${appliedText(credits, 'prepayment')},` +
          `"Overpayments":${appliedText(credits, 'overpayment')},`) +
      `"AmountDue":${centsText(amounts.amountDue)},"AmountPaid":${centsText(amounts.amountPaid)},` +
      `"AmountCredited":${centsText(amounts.amountCredited)},"SentToContact":${invoice.sentToContact},` +
      `"CurrencyRate":${scaledText(invoice.currencyRate, 6)},` +
      `"HasErrors":false,"IsDiscounted":false,"HasAttachments":false,` +
      `"Contact":${contactSummaryText(contact, invoice.contactId)},` +
      `"DateString":"${xeroDateString(invoice.date)}","Date":"${xeroDate(invoice.date)}",` +
      `"DueDateString":"${xeroDateString(invoice.dueDate)}","DueDate":"${xeroDate(invoice.dueDate)}",` +
      `"Status":${s(invoice.status)},"LineAmountTypes":"Exclusive",` +
      (detail === 'summary' ? '' : `"LineItems":${lineItemsText(invoice.lineItems, detail === 'full')},`) +
      `"SubTotal":${centsText(invoice.subTotal)},"TotalTax":${centsText(invoice.totalTax)},` +
      `"Total":${centsText(invoice.total)},"UpdatedDateUTC":"${msDate(invoice.updatedAt)}",` +
      `"UpdatedDateUTCString":"${utcSecondsZ(invoice.updatedAt)}",` +
      `"CurrencyCode":${s(invoice.currencyCode)}${fullyPaid}}`,
  );
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
