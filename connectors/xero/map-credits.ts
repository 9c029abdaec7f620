// Credit a customer holds against their invoices (credit notes, overpayments, prepayments) -> one
// canonical shape: how much of it is allocated to which invoice, and how much is still unapplied.
// Pure: no I/O, no clock.
import { toMinor } from '../shared/money';
import type { CanonicalCredit, CreditKind } from '../types';
import { textOrNull } from './map';
import type { RawAllocation, RawCreditNote, RawOverpayment, RawPrepayment } from './schemas';

/** The fields every kind of Xero credit shares. */
type RawCredit = Pick<
  RawCreditNote,
  'Contact' | 'CurrencyCode' | 'Date' | 'Total' | 'RemainingCredit' | 'Allocations' | 'UpdatedDateUTC'
> & { Status: string };

function creditStatus(status: string): CanonicalCredit['status'] {
  if (status === 'VOIDED') return 'voided';
  if (status === 'DELETED') return 'deleted';
  return 'active';
}

function allocations(
  raw: RawAllocation[] | null | undefined,
  currency: string,
): CanonicalCredit['allocations'] {
  return (raw ?? [])
    .filter((allocation) => allocation.IsDeleted !== true)
    .map((allocation) => ({
      invoiceExternalId: allocation.Invoice.InvoiceID,
      // Xero allocates only within one currency, so the credit's currency is the invoice's.
      amount: toMinor(allocation.Amount, currency),
      date: allocation.Date,
    }));
}

function mapCredit(
  kind: CreditKind,
  externalId: string,
  number: string | null,
  raw: RawCredit,
): CanonicalCredit {
  const currency = raw.CurrencyCode;
  const status = creditStatus(raw.Status);
  const live = status === 'active';
  return {
    externalId,
    kind,
    number,
    contactExternalId: raw.Contact.ContactID,
    currency,
    date: raw.Date,
    status,
    total: toMinor(raw.Total, currency),
    // A voided or deleted credit offers nothing and settles nothing, whatever balance and allocations
    // it was left showing; saying so here keeps every consumer from having to know it.
    remaining: live ? toMinor(raw.RemainingCredit ?? 0, currency) : 0,
    allocations: live ? allocations(raw.Allocations, currency) : [],
    platformPaymentId: null,
    updatedAt: raw.UpdatedDateUTC,
  };
}

/**
 * Customer credit notes that can carry credit. Drafts and submitted ones cannot be allocated to
 * anything yet, and the canonical record has no status for them; they arrive once approved (approval
 * changes UpdatedDateUTC, so the next pass picks them up).
 */
export function isCustomerCredit(raw: Pick<RawCreditNote, 'Type' | 'Status'>): boolean {
  return raw.Type === 'ACCRECCREDIT' && raw.Status !== 'DRAFT' && raw.Status !== 'SUBMITTED';
}

export function mapCreditNote(raw: RawCreditNote): CanonicalCredit {
  return mapCredit('credit_note', raw.CreditNoteID, textOrNull(raw.CreditNoteNumber), raw);
}

/** Money a customer paid beyond an invoice; a supplier's (SPEND-) is not ours to collect against. */
export function isReceivedOverpayment(raw: Pick<RawOverpayment, 'Type'>): boolean {
  return raw.Type === 'RECEIVE-OVERPAYMENT';
}

/** An overpayment has no number of its own; its Reference is free text, not an identifier. */
export function mapOverpayment(raw: RawOverpayment): CanonicalCredit {
  return mapCredit('overpayment', raw.OverpaymentID, null, raw);
}

/** Money a customer paid before being invoiced. */
export function isReceivedPrepayment(raw: Pick<RawPrepayment, 'Type'>): boolean {
  return raw.Type === 'RECEIVE-PREPAYMENT';
}

export function mapPrepayment(raw: RawPrepayment): CanonicalCredit {
  return mapCredit('prepayment', raw.PrepaymentID, textOrNull(raw.InvoiceNumber), raw);
}
