// The pieces of Xero's JSON that several documents share: line items, and an allocation of credit to
// an invoice (as a credit note, overpayment or prepayment lists it).
//
// Records that lists carry by the thousand (invoices, payments, contacts, credit notes and their line
// items) are written straight to JSON text by template: building an object per record and walking it
// again to serialize took most of a list page's time. Each writer follows its interface's fields in
// order (the order Xero writes them); smaller answers are built as objects and serialized.
import type { LedgerIndex } from './ledger';
import { centsText } from '../../shared/sandbox/money';
import type { AllocationRecord, LineItemRecord, OrganisationData } from './records';
import { arrayText, jsonString as s, quantityText, RawJson, type XeroDecimal } from './xero-json';
import { xeroDate } from './xero-dates';

export interface PresentContext {
  data: OrganisationData;
  index: LedgerIndex;
}

export interface LineItemJson {
  LineItemID: string;
  ItemCode?: string;
  Description: string;
  UnitAmount: XeroDecimal;
  TaxType: string;
  TaxAmount: XeroDecimal;
  LineAmount: XeroDecimal;
  AccountCode: string;
  Tracking: never[];
  Quantity: XeroDecimal;
  ValidationErrors: never[];
}

export function lineItemText(line: LineItemRecord): string {
  return (
    `{"LineItemID":${s(line.id)},${line.itemCode ? `"ItemCode":${s(line.itemCode)},` : ''}` +
    `"Description":${s(line.description)},"UnitAmount":${centsText(line.unitAmount)},` +
    `"TaxType":${s(line.taxType)},"TaxAmount":${centsText(line.taxAmount)},` +
    `"LineAmount":${centsText(line.lineAmount)},"AccountCode":${s(line.accountCode)},"Tracking":[],` +
    `"Quantity":${quantityText(line.quantity)},"ValidationErrors":[]}`
  );
}

/** The document's line items, or none: lists leave them out unless the caller pages. */
export function lineItemsText(lines: readonly LineItemRecord[], withLines: boolean): string {
  return withLines ? arrayText(lines, lineItemText) : '[]';
}

export function lineItemJson(line: LineItemRecord): RawJson<LineItemJson> {
  return new RawJson(lineItemText(line));
}

/** The invoice stub inside an allocation. */
export interface AllocatedInvoiceJson {
  InvoiceID: string;
  InvoiceNumber: string;
  Payments: never[];
  CreditNotes: never[];
  Prepayments: never[];
  Overpayments: never[];
  HasErrors: boolean;
  IsDiscounted: boolean;
  LineItems: never[];
}

export interface AllocationJson {
  AllocationID: string;
  Amount: XeroDecimal;
  Date: string;
  Invoice: AllocatedInvoiceJson;
}

/**
 * An allocation as a credit lists it. The answer to making one also gives its invoice stub
 * ValidationErrors (`invoiceErrors`).
 */
export function allocationJson(
  ctx: PresentContext,
  allocation: AllocationRecord,
  invoiceErrors = false,
): RawJson<AllocationJson> {
  const number = ctx.data.invoices.get(allocation.invoiceId)?.number ?? '';
  return new RawJson(
    `{"AllocationID":${s(allocation.id)},"Amount":${centsText(allocation.amount)},` +
      `"Date":"${xeroDate(allocation.date)}","Invoice":{"InvoiceID":${s(allocation.invoiceId)},` +
      `"InvoiceNumber":${s(number)},"Payments":[],"CreditNotes":[],"Prepayments":[],"Overpayments":[],` +
      `"HasErrors":false,"IsDiscounted":false,"LineItems":[]${invoiceErrors ? ',"ValidationErrors":[]' : ''}}}`,
  );
}
