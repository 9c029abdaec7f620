// What the sandbox keeps for one organisation. Amounts are integer cents, dates are calendar dates,
// instants are epoch milliseconds; the Xero JSON shapes are produced from these on the way out.
// What an invoice still owes is never stored: it is derived from payments and allocations
// (see ledger.ts), so it cannot drift from them.
import type { Cents, RateMicros } from '../../shared/sandbox/money';
import type { CalendarDate } from './xero-dates';

export type InvoiceType = 'ACCREC' | 'ACCPAY';
export type InvoiceStatus = 'DRAFT' | 'SUBMITTED' | 'AUTHORISED' | 'PAID' | 'VOIDED' | 'DELETED';
export type CreditNoteType = 'ACCRECCREDIT' | 'ACCPAYCREDIT';
export type CreditNoteStatus = 'DRAFT' | 'AUTHORISED' | 'PAID' | 'VOIDED';
/** Money received before (prepayment) or beyond (overpayment) what was invoiced, held as credit. */
export type CashCreditKind = 'overpayment' | 'prepayment';
export type CashCreditStatus = 'AUTHORISED' | 'PAID' | 'VOIDED';
export type TaxType = 'OUTPUT2' | 'INPUT2' | 'ZERORATED' | 'NONE';

export interface OrganisationRecord {
  /** Also the tenant id: Xero uses the OrganisationID as the tenantId of a connection. */
  id: string;
  name: string;
  legalName: string;
  shortCode: string;
  taxNumber: string;
  lineOfBusiness: string;
  baseCurrency: string;
  countryCode: string;
  /** Xero's Windows-style zone name, and the IANA zone the sandbox computes dates in. */
  timezone: string;
  ianaTimezone: string;
  address: AddressRecord;
  phone: PhoneRecord;
  createdAt: number;
}

export interface AddressRecord {
  type: 'STREET' | 'POBOX';
  line1: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
}

export interface PhoneRecord {
  type: 'DEFAULT' | 'MOBILE';
  areaCode: string;
  number: string;
  /** Xero leaves it empty unless the user filled it in (`64`). */
  countryCode?: string;
}

export interface ContactPersonRecord {
  firstName: string;
  lastName: string;
  email: string;
  includeInEmails: boolean;
}

export interface ContactRecord {
  id: string;
  name: string;
  accountNumber: string;
  firstName: string;
  lastName: string;
  /** Empty when the contact has no address on file, as Xero writes it. */
  email: string;
  persons: ContactPersonRecord[];
  status: 'ACTIVE' | 'ARCHIVED';
  isCustomer: boolean;
  isSupplier: boolean;
  defaultCurrency: string | null;
  taxNumber: string;
  addresses: AddressRecord[];
  phones: PhoneRecord[];
  updatedAt: number;
}

export interface LineItemRecord {
  id: string;
  itemCode: string | null;
  description: string;
  /** Whole units. */
  quantity: number;
  unitAmount: Cents;
  accountCode: string;
  taxType: TaxType;
  taxAmount: Cents;
  lineAmount: Cents;
}

export interface HistoryRecord {
  changes: string;
  at: number;
  user: string;
  details: string;
}

export interface InvoiceRecord {
  id: string;
  type: InvoiceType;
  number: string;
  reference: string;
  contactId: string;
  date: CalendarDate;
  dueDate: CalendarDate;
  status: InvoiceStatus;
  currencyCode: string;
  currencyRate: RateMicros;
  lineItems: LineItemRecord[];
  subTotal: Cents;
  totalTax: Cents;
  total: Cents;
  sentToContact: boolean;
  fullyPaidOnDate: CalendarDate | null;
  updatedAt: number;
  /** Newest last; written out newest first, as Xero lists them. */
  history: HistoryRecord[];
}

export interface PaymentRecord {
  id: string;
  invoiceId: string;
  amount: Cents;
  date: CalendarDate;
  status: 'AUTHORISED' | 'DELETED';
  reference: string;
  accountId: string;
  currencyRate: RateMicros;
  isReconciled: boolean;
  updatedAt: number;
}

export interface AllocationRecord {
  id: string;
  invoiceId: string;
  amount: Cents;
  date: CalendarDate;
}

export interface CreditNoteRecord {
  id: string;
  type: CreditNoteType;
  number: string;
  reference: string;
  contactId: string;
  date: CalendarDate;
  status: CreditNoteStatus;
  currencyCode: string;
  currencyRate: RateMicros;
  lineItems: LineItemRecord[];
  subTotal: Cents;
  totalTax: Cents;
  total: Cents;
  allocations: AllocationRecord[];
  fullyPaidOnDate: CalendarDate | null;
  updatedAt: number;
}

/**
 * A RECEIVE-OVERPAYMENT or RECEIVE-PREPAYMENT: credit the customer holds, allocated to their invoices
 * like a credit note's. Overpayments carry no tax; a domestic prepayment carries GST.
 */
export interface CashCreditRecord {
  id: string;
  kind: CashCreditKind;
  reference: string;
  contactId: string;
  date: CalendarDate;
  status: CashCreditStatus;
  currencyCode: string;
  currencyRate: RateMicros;
  lineItems: LineItemRecord[];
  subTotal: Cents;
  totalTax: Cents;
  total: Cents;
  allocations: AllocationRecord[];
  updatedAt: number;
}

export interface BankAccountRecord {
  id: string;
  code: string;
  name: string;
}

/** The person who "uses" the sandbox: consents, and is named on the history of what they did. */
export interface SandboxUser {
  /** Xero's `xero_userid`, a GUID. */
  userId: string;
  /** The OpenID subject: 32 hex digits, as Xero issues them. */
  subject: string;
  email: string;
  givenName: string;
  familyName: string;
}

export interface OrganisationData {
  organisation: OrganisationRecord;
  user: SandboxUser;
  bankAccounts: BankAccountRecord[];
  contacts: Map<string, ContactRecord>;
  invoices: Map<string, InvoiceRecord>;
  payments: Map<string, PaymentRecord>;
  creditNotes: Map<string, CreditNoteRecord>;
  overpayments: Map<string, CashCreditRecord>;
  prepayments: Map<string, CashCreditRecord>;
}
