// New credit records (credit notes, overpayments, prepayments) for an amount the customer sees, tax
// included: the helpers and the generators both make them here, so their shapes cannot differ.
import { divideRounded, UNIT_RATE, type Cents, type RateMicros } from '../../shared/sandbox/money';
import type {
  CashCreditKind,
  CashCreditRecord,
  CreditNoteRecord,
  LineItemRecord,
  OrganisationData,
} from './records';
import type { CalendarDate } from './xero-dates';

/** Rough NZD rates of the demo's export currencies (foreign units per NZD, in millionths). */
export const REFERENCE_RATES: Readonly<Record<string, RateMicros>> = {
  NZD: UNIT_RATE,
  AUD: 905_000,
  USD: 585_000,
};

export interface CreditDraft {
  id: string;
  lineId: string;
  contactId: string;
  currencyCode: string;
  currencyRate: RateMicros;
  /** What the customer sees, GST included. */
  total: Cents;
  date: CalendarDate;
  reference: string;
  description: string;
  /** Domestic sales carry 15% GST; exports are zero-rated. */
  domestic: boolean;
  updatedAt: number;
}

/** Backs the GST out of a GST-inclusive amount, so that SubTotal + TotalTax = Total exactly. */
export function splitGst(total: Cents, domestic: boolean): { subTotal: Cents; totalTax: Cents } {
  const subTotal = domestic ? divideRounded(total * 100, 115) : total;
  return { subTotal, totalTax: total - subTotal };
}

function line(
  draft: CreditDraft,
  amounts: { subTotal: Cents; totalTax: Cents },
  accountCode: string,
  taxType: LineItemRecord['taxType'],
): LineItemRecord {
  return {
    id: draft.lineId,
    itemCode: null,
    description: draft.description,
    quantity: 1,
    unitAmount: amounts.subTotal,
    accountCode,
    taxType,
    taxAmount: amounts.totalTax,
    lineAmount: amounts.subTotal,
  };
}

export function creditNoteRecord(
  draft: CreditDraft & { number: string; type?: CreditNoteRecord['type'] },
): CreditNoteRecord {
  const amounts = splitGst(draft.total, draft.domestic);
  return {
    id: draft.id,
    type: draft.type ?? 'ACCRECCREDIT',
    number: draft.number,
    reference: draft.reference,
    contactId: draft.contactId,
    date: draft.date,
    status: 'AUTHORISED',
    currencyCode: draft.currencyCode,
    currencyRate: draft.currencyRate,
    lineItems: [line(draft, amounts, '200', draft.domestic ? 'OUTPUT2' : 'ZERORATED')],
    subTotal: amounts.subTotal,
    totalTax: amounts.totalTax,
    total: draft.total,
    allocations: [],
    fullyPaidOnDate: null,
    updatedAt: draft.updatedAt,
  };
}

/**
 * An overpayment is money beyond what was owed, so it carries no tax and sits against Accounts
 * Receivable (610); a prepayment is a sale paid in advance and carries GST like one.
 */
export function cashCreditRecord(draft: CreditDraft & { kind: CashCreditKind }): CashCreditRecord {
  const taxed = draft.kind === 'prepayment' && draft.domestic;
  const amounts = splitGst(draft.total, taxed);
  const taxType = draft.kind === 'overpayment' ? 'NONE' : draft.domestic ? 'OUTPUT2' : 'ZERORATED';
  return {
    id: draft.id,
    kind: draft.kind,
    reference: draft.reference,
    contactId: draft.contactId,
    date: draft.date,
    status: 'AUTHORISED',
    currencyCode: draft.currencyCode,
    currencyRate: draft.currencyRate,
    lineItems: [line(draft, amounts, draft.kind === 'overpayment' ? '610' : '200', taxType)],
    subTotal: amounts.subTotal,
    totalTax: amounts.totalTax,
    total: draft.total,
    allocations: [],
    updatedAt: draft.updatedAt,
  };
}

/** `CN-0042` after the highest number so far. */
export function nextCreditNoteNumber(data: OrganisationData): string {
  let highest = 0;
  for (const note of data.creditNotes.values()) {
    highest = Math.max(highest, Number(note.number.replace(/\D/g, '')) || 0);
  }
  return `CN-${String(highest + 1).padStart(4, '0')}`;
}
