// Raw QuickBooks invoices and customers (already parsed by schemas.ts) -> canonical records. Pure: no
// I/O, no clock. Amounts become integer minor units in the record's own currency.
import { isoInstant } from '../shared/iso-instant';
import { toMinor } from '../shared/money';
import type { CanonicalContact, CanonicalInvoice, ContactPerson, Instant, InvoiceStatus } from '../types';
import type { RawCustomer, RawInvoice } from './schemas';

export function toInstant(text: string): Instant {
  return isoInstant(Date.parse(text));
}

export function textOrNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** QuickBooks voids an invoice by zeroing it and noting "Voided" in its private note. */
function isVoided(raw: RawInvoice, total: number): boolean {
  return total === 0 && /^voided\b/i.test(raw.PrivateNote?.trim() ?? '');
}

function invoiceStatus(raw: RawInvoice, total: number, balance: number): InvoiceStatus {
  if (isVoided(raw, total)) return 'voided';
  // QuickBooks has no drafts or approvals: a saved invoice is owed until its balance is nil.
  return balance === 0 ? 'paid' : 'authorised';
}

export function mapInvoice(raw: RawInvoice): CanonicalInvoice {
  const currency = raw.CurrencyRef.value;
  const total = toMinor(raw.TotalAmt, currency);
  const amountDue = toMinor(raw.Balance, currency);
  return {
    externalId: raw.Id,
    number: raw.DocNumber?.trim() ?? '',
    reference: null,
    contactExternalId: raw.CustomerRef.value,
    currency,
    issueDate: raw.TxnDate,
    dueDate: raw.DueDate ?? raw.TxnDate,
    status: invoiceStatus(raw, total, amountDue),
    total,
    amountDue,
    // An invoice does not say how much of what was settled was cash and how much credit; the payments
    // that settle it do, and reconciliation counts those.
    amountPaid: total - amountDue,
    amountCredited: 0,
    updatedAt: toInstant(raw.MetaData.LastUpdatedTime),
  };
}

/** QuickBooks keeps several addresses in one field, separated by commas. */
function emailAddresses(raw: RawCustomer): string[] {
  return (raw.PrimaryEmailAddr?.Address ?? '')
    .split(/[,;]/)
    .map((part) => part.trim())
    .filter((part) => part.includes('@'));
}

export function mapCustomer(raw: RawCustomer): CanonicalContact {
  const emails = emailAddresses(raw);
  const firstName = textOrNull(raw.GivenName);
  const lastName = textOrNull(raw.FamilyName);
  const persons: ContactPerson[] = emails.map((email, index) => ({
    firstName: index === 0 ? (firstName ?? '') : '',
    lastName: index === 0 ? (lastName ?? '') : '',
    email,
    // Every address in the field receives the invoices QuickBooks emails.
    includeInEmails: true,
  }));
  return {
    externalId: raw.Id,
    name: raw.DisplayName.trim(),
    email: emails[0] ?? null,
    firstName,
    lastName,
    persons,
    // As typed; storing puts it in E.164 with the organisation's country.
    mobile: textOrNull(raw.Mobile?.FreeFormNumber),
    archived: raw.Active === false,
    updatedAt: toInstant(raw.MetaData.LastUpdatedTime),
  };
}
