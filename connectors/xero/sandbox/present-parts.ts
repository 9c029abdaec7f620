// The pieces of Xero's JSON that several documents share: line items, and an allocation of credit to
// an invoice (as a credit note, overpayment or prepayment lists it).
import type { LedgerIndex } from './ledger';
import type { AllocationRecord, LineItemRecord, OrganisationData } from './records';
import { money, quantity, type XeroDecimal } from './xero-json';
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

export function lineItem(line: LineItemRecord): LineItemJson {
  return {
    LineItemID: line.id,
    ...(line.itemCode ? { ItemCode: line.itemCode } : {}),
    Description: line.description,
    UnitAmount: money(line.unitAmount),
    TaxType: line.taxType,
    TaxAmount: money(line.taxAmount),
    LineAmount: money(line.lineAmount),
    AccountCode: line.accountCode,
    Tracking: [],
    Quantity: quantity(line.quantity),
    ValidationErrors: [],
  };
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

export function allocatedInvoice(ctx: PresentContext, invoiceId: string): AllocatedInvoiceJson {
  return {
    InvoiceID: invoiceId,
    InvoiceNumber: ctx.data.invoices.get(invoiceId)?.number ?? '',
    Payments: [],
    CreditNotes: [],
    Prepayments: [],
    Overpayments: [],
    HasErrors: false,
    IsDiscounted: false,
    LineItems: [],
  };
}

export function presentAllocation(ctx: PresentContext, allocation: AllocationRecord): AllocationJson {
  return {
    AllocationID: allocation.id,
    Amount: money(allocation.amount),
    Date: xeroDate(allocation.date),
    Invoice: allocatedInvoice(ctx, allocation.invoiceId),
  };
}
