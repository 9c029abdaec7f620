// Credit notes as Xero writes them: what of the credit is left, and the invoices it went to. The
// customer credit notes are listed by the thousand, so they are written straight to JSON text (see
// present-parts.ts).
import { remainingCredit } from './ledger';
import { centsText, scaledText } from '../../shared/sandbox/money';
import { contactSummaryText, type ContactSummaryJson } from './present-contacts';
import {
  lineItemsText,
  allocationJson,
  type AllocationJson,
  type LineItemJson,
  type PresentContext,
} from './present-parts';
import type { CreditNoteRecord } from './records';
import { arrayText, jsonString as s, RawJson, type XeroDecimal } from './xero-json';
import { msDate, utcSecondsZ, xeroDate, xeroDateString } from './xero-dates';

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

export function creditNoteJson(
  ctx: PresentContext,
  note: CreditNoteRecord,
  withLines: boolean,
): RawJson<CreditNoteJson> {
  const id = s(note.id);
  // A voided note lists no allocations, whatever it once had.
  const allocations =
    note.status === 'VOIDED'
      ? '[]'
      : arrayText(note.allocations, (allocation) => allocationJson(ctx, allocation).text);
  const fullyPaid =
    note.status === 'PAID' && note.fullyPaidOnDate
      ? `,"FullyPaidOnDate":"${xeroDate(note.fullyPaidOnDate)}"`
      : '';
  return new RawJson(
    `{"CreditNoteID":${id},"CreditNoteNumber":${s(note.number)},"Payments":[],"ID":${id},` +
      `"CurrencyRate":${scaledText(note.currencyRate, 6)},"Type":${s(note.type)},` +
      `"Reference":${s(note.reference)},"RemainingCredit":${centsText(remainingCredit(note))},` +
      `"Allocations":${allocations},"HasAttachments":false,` +
      `"Contact":${contactSummaryText(ctx.data.contacts.get(note.contactId), note.contactId)},` +
      `"DateString":"${xeroDateString(note.date)}","Date":"${xeroDate(note.date)}",` +
      `"Status":${s(note.status)},"LineAmountTypes":"Exclusive",` +
      `"LineItems":${lineItemsText(note.lineItems, withLines)},` +
      `"SubTotal":${centsText(note.subTotal)},"TotalTax":${centsText(note.totalTax)},` +
      `"Total":${centsText(note.total)},"UpdatedDateUTC":"${msDate(note.updatedAt)}",` +
      `"UpdatedDateUTCString":"${utcSecondsZ(note.updatedAt)}",` +
      `"CurrencyCode":${s(note.currencyCode)}${fullyPaid}}`,
  );
}
