// What the sandbox keeps for one QuickBooks Online company (realm). Amounts are integer cents,
// exchange rates integer millionths, dates `YYYY-MM-DD`, instants epoch milliseconds; Intuit's JSON is
// made from these on the way out. What an invoice or credit memo still has open is never stored: it
// is derived from the payments that link to it (see ledger.ts), so it cannot drift from them.
import type { Cents, RateMicros } from '../../shared/sandbox/money';
import type { CalendarDate } from '../../shared/sandbox/calendar-dates';

/** The entities the sandbox serves, by Intuit's names. */
export type EntityName = 'Invoice' | 'Payment' | 'CreditMemo' | 'Customer' | 'Attachable';
export const ENTITY_NAMES: readonly EntityName[] = [
  'Invoice',
  'Payment',
  'CreditMemo',
  'Customer',
  'Attachable',
];

/** Every stored entity has these: Intuit's Id (a per-entity sequence), SyncToken and MetaData. */
export interface EntityBase {
  id: string;
  syncToken: number;
  createdAt: number;
  updatedAt: number;
}

export interface CompanyInfoRecord {
  name: string;
  legalName: string;
  /** `US` or `CA`, as CompanyInfo.Country writes it. */
  country: 'US' | 'CA';
  homeCurrency: string;
  multiCurrency: boolean;
  /** The company takes payments online: its open invoices sent by email carry a link to pay them. */
  onlinePayments: boolean;
  /** IANA zone: the offset every MetaData time and response `time` carries. Not a CompanyInfo field. */
  timeZone: string;
  email: string;
  phone: string;
  address: { line1: string; city: string; region: string; postalCode: string };
  createdAt: number;
}

/** The sandbox's own QuickBooks user: who consents, and whom userinfo describes. */
export interface IntuitUser {
  sub: string;
  email: string;
  givenName: string;
  familyName: string;
  phone: string;
}

export interface CustomerRecord extends EntityBase {
  displayName: string;
  companyName: string;
  givenName: string;
  familyName: string;
  /** Null when the customer has no address on file: Intuit then leaves PrimaryEmailAddr out. */
  email: string | null;
  mobile: string | null;
  phone: string | null;
  active: boolean;
  currency: string;
}

export interface InvoiceRecord extends EntityBase {
  docNumber: string;
  customerId: string;
  txnDate: CalendarDate;
  dueDate: CalendarDate;
  /** Before any void: a voided invoice shows TotalAmt 0 but keeps what it was for the record. */
  total: Cents;
  description: string;
  currency: string;
  exchangeRate: RateMicros;
  billEmail: string | null;
  privateNote: string;
  voided: boolean;
}

export interface CreditMemoRecord extends EntityBase {
  docNumber: string;
  customerId: string;
  txnDate: CalendarDate;
  total: Cents;
  description: string;
  currency: string;
  exchangeRate: RateMicros;
  privateNote: string;
}

/** One line of a payment: money applied to an invoice, or credit taken from a credit memo. */
export interface PaymentLine {
  txnType: 'Invoice' | 'CreditMemo';
  txnId: string;
  amount: Cents;
}

export interface PaymentRecord extends EntityBase {
  customerId: string;
  txnDate: CalendarDate;
  /** Cash received: invoice lines − credit memo lines + whatever is left unapplied. */
  total: Cents;
  currency: string;
  exchangeRate: RateMicros;
  reference: string;
  lines: PaymentLine[];
}

export interface AttachableRecord extends EntityBase {
  note: string;
  refs: { type: string; value: string }[];
}

/** What CDC reports of an entity that is gone: its name, Id and when it went. */
export interface Tombstone {
  entity: EntityName;
  id: string;
  at: number;
}

export interface CompanyData {
  realmId: string;
  info: CompanyInfoRecord;
  user: IntuitUser;
  customers: Map<string, CustomerRecord>;
  invoices: Map<string, InvoiceRecord>;
  creditMemos: Map<string, CreditMemoRecord>;
  payments: Map<string, PaymentRecord>;
  attachables: Map<string, AttachableRecord>;
  tombstones: Tombstone[];
  /** The last Id handed out per entity: Intuit numbers each entity on its own. */
  lastIds: Record<EntityName, number>;
}

export function nextId(data: CompanyData, entity: EntityName): string {
  data.lastIds[entity] += 1;
  return String(data.lastIds[entity]);
}
