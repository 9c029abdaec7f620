// The contract every accounting platform implements, and the canonical records it produces.
// Services speak only this language; nothing here knows about follow-ups.

// The registry must cover every member.
export type Platform = 'xero' | 'quickbooks';

/** Integer minor units (cents, pence, yen). Never a float in arithmetic. */
export type Minor = number;

/** A calendar date, `YYYY-MM-DD`, with no time zone. */
export type CalendarDate = string;

/** An instant, ISO 8601 in UTC (`2026-11-24T10:00:00.000Z`). */
export type Instant = string;

export interface ContactPerson {
  firstName: string;
  lastName: string;
  email: string;
  /** The platform says this person receives invoices by email. */
  includeInEmails: boolean;
}

export interface CanonicalContact {
  externalId: string;
  name: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  persons: ContactPerson[];
  /**
   * The customer's mobile, for texts: E.164 (`+64215550101`) when the platform records its country,
   * otherwise as written, in the organisation's own country (completed with `toE164` once that is known).
   */
  mobile: string | null;
  archived: boolean;
  updatedAt: Instant;
}

export type InvoiceStatus = 'draft' | 'submitted' | 'authorised' | 'paid' | 'voided' | 'deleted';

export interface CanonicalInvoice {
  externalId: string;
  number: string;
  reference: string | null;
  contactExternalId: string;
  currency: string;
  issueDate: CalendarDate;
  dueDate: CalendarDate;
  status: InvoiceStatus;
  total: Minor;
  /** What the platform says is still due; compared with our own figure, never trusted blindly. */
  amountDue: Minor;
  amountPaid: Minor;
  amountCredited: Minor;
  updatedAt: Instant;
}

export interface CanonicalPayment {
  externalId: string;
  invoiceExternalId: string;
  /** In the invoice's currency. */
  amount: Minor;
  currency: string;
  date: CalendarDate;
  /** A deleted (reversed) payment no longer reduces what the invoice owes. */
  status: 'active' | 'deleted';
  /** The platform's payment this row was read from: one payment settling several invoices gives a row
   * per invoice (QBO), all naming it. */
  platformPaymentId: string;
  updatedAt: Instant;
}

export type CreditKind = 'credit_note' | 'overpayment' | 'prepayment';

/** A credit note (or over/prepayment) and how much of it is allocated to which invoices. */
export interface CanonicalCredit {
  externalId: string;
  kind: CreditKind;
  number: string | null;
  contactExternalId: string;
  currency: string;
  date: CalendarDate;
  status: 'active' | 'voided' | 'deleted';
  total: Minor;
  remaining: Minor;
  allocations: { invoiceExternalId: string; amount: Minor; date: CalendarDate }[];
  /** The platform's payment this credit was read from (QBO records credit applications and unapplied
   * cash on payments); null for a credit that is a record of its own. */
  platformPaymentId: string | null;
  updatedAt: Instant;
}

export interface TokenSet {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds at which the access token stops working. */
  expiresAt: number;
  idToken?: string;
  scope?: string;
  /** Epoch milliseconds at which the refresh token stops working unless used (QBO: about 100 days,
   * renewed by each refresh); absent when the platform does not say. */
  refreshExpiresAt?: number;
  /** Epoch milliseconds after which no refresh succeeds however often it is used: a person must
   * connect again by then (QBO's hard expiry); absent when the platform has none. */
  refreshHardExpiresAt?: number;
}

export interface Tenant {
  /** The platform's id for the organisation (Xero tenantId, QBO realmId). */
  tenantId: string;
  /** The platform's id for this app's link to it (Xero connection id), used to disconnect. */
  connectionRef: string | null;
  name: string;
}

export interface Identity {
  /** The platform user's stable id. */
  subject: string;
  email: string | null;
  name: string | null;
}

export interface OrganisationProfile {
  name: string;
  baseCurrency: string;
  /** IANA time zone, e.g. `Pacific/Auckland`. */
  timezone: string;
  /** ISO 3166-1 alpha-2. */
  countryCode: string;
}

/** Where a pass over one resource stands; stored after each committed page. */
export interface SyncCursor {
  /** Only records modified at or after this instant are asked for; null asks for everything. */
  modifiedSince: Instant | null;
  /** The next page to ask for within the pass that started at `modifiedSince`. */
  nextPage: number;
  /** The newest modification seen so far in this pass. */
  highWater: Instant | null;
}

export interface Page<T> {
  records: T[];
  /** The cursor to store once these records are committed. */
  cursor: SyncCursor;
  /** True when no further page follows in this pass. */
  last: boolean;
}

/** What a connector needs for one call against one organisation. */
export interface ApiContext {
  accessToken: string;
  tenantId: string;
}

/** The kinds of canonical record a pull can yield; each platform reads them from its own resources. */
export type RecordKind = 'contacts' | 'invoices' | 'payments' | 'credits';

export interface RecordOfKind {
  contacts: CanonicalContact;
  invoices: CanonicalInvoice;
  payments: CanonicalPayment;
  credits: CanonicalCredit;
}

/** A record the platform removed or rewrote, as of the change that did it (null: whenever that was). */
export interface Removal {
  externalId: string;
  updatedAt: Instant | null;
}

/** What is gone at the platform though no record says so (QBO names a deleted entity by id alone). */
export interface Removals {
  invoices: Removal[];
  /** Credits that are records of their own (credit notes, credit memos). */
  credits: Removal[];
  /**
   * Platform payments (by `platformPaymentId`) whose every row, payments and credits read from them,
   * comes with these records: a stored row of one of them that is not repeated no longer exists (a
   * payment edited to settle one invoice fewer). A deleted payment is listed with no rows at all.
   */
  payments: Removal[];
}

/** One page of one resource, tagged with the kind of record it holds. Credit that the page's records
 * reveal travels with them (QBO records credit memo applications and unapplied amounts on its payments). */
export type PulledPage = { [K in RecordKind]: { kind: K; page: Page<RecordOfKind[K]> } }[RecordKind] & {
  credits?: CanonicalCredit[];
  removed?: Removals;
};

/** A platform resource that is synced with a cursor of its own (Xero: Overpayments; QBO: CreditMemo). */
export interface SyncResource {
  /** Stable name, used as the cursor's key: `contacts`, `invoices`, `overpayments`… */
  name: string;
  kind: RecordKind;
}

/** Records changed at the platform, by id, fetched together (webhooks say what changed, not how). */
export interface ChangedIds {
  invoices: string[];
  contacts: string[];
  credits: string[];
  /** Platform payments (QBO); what they settle is read from them. Xero sends no payment webhooks. */
  payments: string[];
}

export interface ChangedRecords {
  invoices: CanonicalInvoice[];
  contacts: CanonicalContact[];
  credits: CanonicalCredit[];
  payments: CanonicalPayment[];
  removed?: Removals;
}

/** What a platform's webhook delivery says changed, for one organisation. */
export interface WebhookEvent {
  /** The platform's own id for this event, when it has one: replays carry the same. */
  eventId: string | null;
  tenantId: string;
  kind: keyof ChangedIds;
  externalId: string;
  /** `Xero: UPDATE/CREATE`; QBO: `Update/Create/Delete/Void/Merge`. */
  operation: string;
}

export interface WebhookVerifier {
  /** Checks the signature over the exact raw body, in constant time. */
  verify(rawBody: Buffer, headers: Record<string, string | string[] | undefined>): boolean;
  /** Parses a verified body; throws a ConnectorError('malformed_payload') naming what was wrong. */
  parse(rawBody: Buffer): WebhookEvent[];
}

export interface NoteRequest {
  invoiceExternalId: string;
  text: string;
  /** Stable for one note: the platform drops a repeat carrying the same key. */
  idempotencyKey: string;
}

export interface AccountingConnector {
  readonly platform: Platform;
  /** Longest note the platform keeps on an invoice. */
  readonly noteMaxLength: number;
  /** False when the app holds no credentials for this platform: it is not offered to anyone, and
   * starting or renewing a connection is refused. */
  readonly configured: boolean;

  authorizationUrl(input: { state: string; codeVerifier: string; redirectUri: string }): Promise<string>;
  exchangeCode(input: {
    callbackUrl: string;
    state: string;
    codeVerifier: string;
    redirectUri: string;
  }): Promise<{
    tokens: TokenSet;
    identity: Identity | null;
    /** The organisations the grant reaches: Xero lists them (`/connections`), QBO names its one
     * company in the callback itself (`realmId`). */
    tenants: Tenant[];
  }>;
  refresh(refreshToken: string): Promise<TokenSet>;
  revoke(refreshToken: string): Promise<void>;
  organisation(ctx: ApiContext): Promise<OrganisationProfile>;

  /** The resources to sync. Each has a cursor of its own, so the services choose the order: customers
   * first, then the money, then the invoices it settles. */
  readonly syncResources: readonly SyncResource[];
  /** One page of one resource, from the cursor on. */
  pull(resource: SyncResource, ctx: ApiContext, cursor: SyncCursor): Promise<PulledPage>;
  /** Fresh copies of these invoices, straight from the platform (used before sending). */
  fetchInvoices(ctx: ApiContext, externalIds: string[]): Promise<CanonicalInvoice[]>;
  /** Fresh copies of whatever a webhook said changed, in as few calls as the platform allows. */
  fetchChanged(ctx: ApiContext, ids: ChangedIds): Promise<ChangedRecords>;
  /** Absent when the platform's webhook key is not configured. */
  readonly webhooks: WebhookVerifier | null;

  postNote(ctx: ApiContext, note: NoteRequest): Promise<void>;
  /**
   * Where the customer can view this invoice and pay it online, if the books offer such a page: Xero's
   * online invoice, QuickBooks' invoice link (when the company takes payments online). Null when there
   * is none for this invoice (a draft, a voided one, online payment switched off).
   */
  onlineInvoiceUrl(ctx: ApiContext, invoiceExternalId: string): Promise<string | null>;
}
