// Raw Xero records (already parsed by schemas.ts) -> canonical records. Pure: no I/O, no clock.
// Amounts become integer minor units in the record's own currency, date-only fields calendar dates.
import { toMinor } from '../shared/money';
import { fromNational } from '../shared/phone';
import type {
  CanonicalContact,
  CanonicalInvoice,
  CanonicalPayment,
  ContactPerson,
  InvoiceStatus,
  OrganisationProfile,
  Tenant,
} from '../types';
import type {
  RawConnection,
  RawContact,
  RawContactPerson,
  RawInvoice,
  RawOrganisation,
  RawPayment,
  RawPhone,
} from './schemas';
import { ianaTimezone } from './timezones';

const INVOICE_STATUS: Record<RawInvoice['Status'], InvoiceStatus> = {
  DRAFT: 'draft',
  SUBMITTED: 'submitted',
  AUTHORISED: 'authorised',
  PAID: 'paid',
  VOIDED: 'voided',
  DELETED: 'deleted',
};

export function textOrNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** Sales invoices only: bills (ACCPAY) are somebody else's collections problem. */
export function isSalesInvoice(raw: Pick<RawInvoice, 'Type'>): boolean {
  return raw.Type === 'ACCREC';
}

export function mapInvoice(raw: RawInvoice): CanonicalInvoice {
  const currency = raw.CurrencyCode;
  const issueDate = raw.Date;
  return {
    externalId: raw.InvoiceID,
    number: raw.InvoiceNumber ?? '',
    reference: textOrNull(raw.Reference),
    contactExternalId: raw.Contact.ContactID,
    currency,
    issueDate,
    // Only unapproved (or since voided/deleted) invoices may lack a due date; nothing chases those.
    dueDate: raw.DueDate ?? issueDate,
    status: INVOICE_STATUS[raw.Status],
    total: toMinor(raw.Total, currency),
    amountDue: toMinor(raw.AmountDue, currency),
    amountPaid: toMinor(raw.AmountPaid, currency),
    amountCredited: toMinor(raw.AmountCredited, currency),
    updatedAt: raw.UpdatedDateUTC,
  };
}

function mapPerson(raw: RawContactPerson): ContactPerson | null {
  const email = textOrNull(raw.EmailAddress);
  // A person without an address cannot be written to, so they are no use to collections.
  if (email === null) return null;
  return {
    firstName: raw.FirstName?.trim() ?? '',
    lastName: raw.LastName?.trim() ?? '',
    email,
    includeInEmails: raw.IncludeInEmails === true,
  };
}

/**
 * The MOBILE entry of a contact's Phones: E.164 when Xero has its country code; otherwise area code and
 * number as typed, national to the organisation (whose country the mapping does not know).
 */
export function mobileOf(phones: readonly RawPhone[] | null | undefined): string | null {
  const mobile = phones?.find((p) => p.PhoneType === 'MOBILE' && textOrNull(p.PhoneNumber));
  if (!mobile) return null;
  const national = [mobile.PhoneAreaCode, mobile.PhoneNumber].map((part) => part?.trim() ?? '').join(' ');
  const country = textOrNull(mobile.PhoneCountryCode);
  return country ? fromNational(national, country) : national.trim();
}

export function mapContact(raw: RawContact): CanonicalContact {
  return {
    externalId: raw.ContactID,
    name: raw.Name,
    email: textOrNull(raw.EmailAddress),
    firstName: textOrNull(raw.FirstName),
    lastName: textOrNull(raw.LastName),
    persons: (raw.ContactPersons ?? []).flatMap((person) => mapPerson(person) ?? []),
    mobile: mobileOf(raw.Phones),
    // A GDPR erasure request means: never contact again, exactly like an archived contact.
    archived: raw.ContactStatus !== 'ACTIVE',
    updatedAt: raw.UpdatedDateUTC,
  };
}

/** Payments against sales invoices; refunds of credit and of over/prepayments are not invoice payments. */
export function isInvoicePayment(raw: Pick<RawPayment, 'PaymentType'>): boolean {
  return raw.PaymentType === 'ACCRECPAYMENT';
}

export function mapPayment(raw: RawPayment): CanonicalPayment {
  const currency = raw.Invoice.CurrencyCode;
  return {
    externalId: raw.PaymentID,
    invoiceExternalId: raw.Invoice.InvoiceID,
    amount: toMinor(raw.Amount, currency),
    currency,
    date: raw.Date,
    status: raw.Status === 'DELETED' ? 'deleted' : 'active',
    platformPaymentId: raw.PaymentID,
    updatedAt: raw.UpdatedDateUTC,
  };
}

export function mapOrganisation(raw: RawOrganisation): OrganisationProfile {
  return {
    name: raw.Name,
    baseCurrency: raw.BaseCurrency,
    timezone: ianaTimezone(raw.Timezone),
    countryCode: raw.CountryCode,
  };
}

/** Only organisations can hold invoices; practice (Xero HQ) connections are skipped. */
export function mapTenants(raw: RawConnection[]): Tenant[] {
  return raw
    .filter((connection) => connection.tenantType === 'ORGANISATION')
    .map((connection) => ({
      tenantId: connection.tenantId,
      connectionRef: connection.id,
      name: connection.tenantName ?? '',
    }));
}
