// Overpayments and prepayments as Xero writes them (GET /Overpayments, GET /Prepayments): the credit,
// what of it is left, and the invoices it went to.
import { remainingCredit } from './ledger';
import { contactSummaryJson, type ContactSummaryJson } from './present-contacts';
import {
  allocationJson,
  lineItemJson,
  type AllocationJson,
  type LineItemJson,
  type PresentContext,
} from './present-parts';
import type { CashCreditRecord } from './records';
import { money, rate, type RawJson, type XeroDecimal } from './xero-json';
import { msDate, utcSecondsZ, xeroDate, xeroDateString } from './xero-dates';

interface CashCreditBodyJson {
  ID: string;
  CurrencyRate: XeroDecimal;
  Type: 'RECEIVE-OVERPAYMENT' | 'RECEIVE-PREPAYMENT';
  Reference: string;
  RemainingCredit: XeroDecimal;
  Allocations: RawJson<AllocationJson>[];
  Payments: never[];
  HasAttachments: boolean;
  Contact: RawJson<ContactSummaryJson>;
  DateString: string;
  Date: string;
  Status: string;
  LineAmountTypes: 'NoTax' | 'Exclusive';
  LineItems: RawJson<LineItemJson>[];
  SubTotal: XeroDecimal;
  TotalTax: XeroDecimal;
  Total: XeroDecimal;
  UpdatedDateUTC: string;
  UpdatedDateUTCString: string;
  CurrencyCode: string;
}

export type OverpaymentJson = { OverpaymentID: string } & CashCreditBodyJson;
/** A receive prepayment also shows its number as InvoiceNumber. */
export type PrepaymentJson = { PrepaymentID: string; InvoiceNumber: string } & CashCreditBodyJson;

function body(ctx: PresentContext, credit: CashCreditRecord, withLines: boolean): CashCreditBodyJson {
  return {
    ID: credit.id,
    CurrencyRate: rate(credit.currencyRate),
    Type: credit.kind === 'overpayment' ? 'RECEIVE-OVERPAYMENT' : 'RECEIVE-PREPAYMENT',
    Reference: credit.reference,
    RemainingCredit: money(remainingCredit(credit)),
    Allocations: credit.status === 'VOIDED' ? [] : credit.allocations.map((a) => allocationJson(ctx, a)),
    Payments: [],
    HasAttachments: false,
    Contact: contactSummaryJson(ctx.data.contacts.get(credit.contactId), credit.contactId),
    DateString: xeroDateString(credit.date),
    Date: xeroDate(credit.date),
    Status: credit.status,
    // Overpayments never carry tax; prepayments are priced like the sales they pay for.
    LineAmountTypes: credit.kind === 'overpayment' ? 'NoTax' : 'Exclusive',
    LineItems: withLines ? credit.lineItems.map(lineItemJson) : [],
    SubTotal: money(credit.subTotal),
    TotalTax: money(credit.totalTax),
    Total: money(credit.total),
    UpdatedDateUTC: msDate(credit.updatedAt),
    UpdatedDateUTCString: utcSecondsZ(credit.updatedAt),
    CurrencyCode: credit.currencyCode,
  };
}

export function presentOverpayment(
  ctx: PresentContext,
  credit: CashCreditRecord,
  withLines: boolean,
): OverpaymentJson {
  return { OverpaymentID: credit.id, ...body(ctx, credit, withLines) };
}

export function presentPrepayment(
  ctx: PresentContext,
  credit: CashCreditRecord,
  withLines: boolean,
): PrepaymentJson {
  return { PrepaymentID: credit.id, InvoiceNumber: credit.reference, ...body(ctx, credit, withLines) };
}
