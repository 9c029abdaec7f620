// Direct access to the sandbox for the demo, tests and benchmarks: its companies (read them in
// Intuit's JSON, and make the changes that happen inside QuickBooks), and its powers over the HTTP
// side: the OAuth service's connections, the throttle, faults queued for the next calls, webhooks.
// The change methods take the Xero sandbox's names and argument shapes and act on the first company
// (`store.company(realmId)` reaches any other), so that one test can drive either sandbox.
import { randomUUID } from 'node:crypto';
import type { CalendarDate } from '../../shared/sandbox/calendar-dates';
import { CompanyBooks } from './company';
import { SandboxPowers } from '../../shared/sandbox/sandbox-powers';
import { FaultInjector, type FaultSpec } from './faults';
import { LedgerError } from './ledger';
import type { OAuthAuthority } from './oauth';
import { companyInfoJson, preferencesJson } from './present-parties';
import { qboTime } from './qbo-time';
import { RateLimiter, type RateLimitOption } from './rate-limits';
import type { CompanyData } from './records';
import { WebhookDispatcher, type WebhookDelivery, type WebhookTarget } from './webhooks';

export interface StoreOptions {
  limits?: RateLimitOption;
  webhook?: WebhookTarget | null;
}

/** An attachable's answer kept under its requestid: the same requestid gets the same answer. */
export interface StoredAnswer {
  status: number;
  body: string;
}

type Amount = string | number;
type Books = CompanyBooks;

export class QuickBooksSandboxStore extends SandboxPowers<
  WebhookTarget,
  WebhookDelivery,
  RateLimitOption,
  FaultSpec
> {
  /** API calls by route, e.g. `{ 'GET /query': 3 }`, whatever their outcome. */
  readonly calls: Record<string, number> = {};
  readonly companies = new Map<string, CompanyBooks>();
  readonly answers = new Map<string, StoredAnswer>();
  readonly limiter: RateLimiter;
  readonly faults: FaultInjector;
  readonly webhooks: WebhookDispatcher;

  constructor(
    companies: CompanyData[],
    readonly authority: OAuthAuthority,
    private readonly clock: () => Date,
    options: StoreOptions = {},
  ) {
    super();
    this.webhooks = new WebhookDispatcher(() => this.nowMs());
    this.webhooks.configure(options.webhook ?? null);
    for (const data of companies) {
      if (this.companies.has(data.realmId)) throw new RangeError(`Two companies share realm ${data.realmId}`);
      const books = new CompanyBooks(
        data,
        () => this.nowMs(),
        (realmId, change) => this.webhooks.notify(realmId, change),
      );
      this.companies.set(data.realmId, books);
    }
    this.limiter = new RateLimiter(options.limits, () => this.nowMs());
    this.faults = new FaultInjector(
      (realmId) => this.revokeConnections(realmId),
      (realmId) => this.time(realmId),
    );
  }

  /** The first company's realm: where consent lands unless told otherwise. */
  get realmId(): string {
    const first = this.companies.keys().next();
    if (first.done) throw new Error('The sandbox holds no company');
    return first.value;
  }

  company(realmId: string = this.realmId): CompanyBooks {
    const books = this.companies.get(realmId);
    if (!books) throw new LedgerError(`No company with realm ${realmId}`);
    return books;
  }

  nowMs(): number {
    return this.clock().getTime();
  }

  /** Now as the company writes it: its local time and offset. */
  time(realmId?: string): string {
    const books = realmId ? this.companies.get(realmId) : undefined;
    return qboTime(this.nowMs(), (books ?? this.company()).data.info.timeZone);
  }

  count(endpoint: string): void {
    this.calls[endpoint] = (this.calls[endpoint] ?? 0) + 1;
  }

  resetCalls(): void {
    for (const key of Object.keys(this.calls)) delete this.calls[key];
  }

  // ---- the first company, read in Intuit's JSON -------------------------------------------------

  companyInfo = () => companyInfoJson(this.company().data);
  preferences = () => preferencesJson(this.company().data);
  invoice = (id: string) => this.company().invoice(id);
  invoices = () => this.company().invoices();
  contacts = () => this.company().contacts();
  payments = () => this.company().payments();
  creditNotes = () => this.company().creditNotes();
  attachables = (invoiceId?: string) => this.company().attachables(invoiceId);
  resourceCounts = () => this.company().resourceCounts();

  /** What does not add up in any company (see invariants.ts); empty when all is well. */
  checkInvariants(): string[] {
    return [...this.companies.values()].flatMap((books) =>
      books
        .checkInvariants()
        .map((problem) => (this.companies.size > 1 ? `${books.realmId}: ${problem}` : problem)),
    );
  }

  // ---- changes made in QuickBooks (first company) -----------------------------------------------

  createInvoice = (input: Parameters<Books['createInvoice']>[0]) => this.company().createInvoice(input);
  createContact = (input: Parameters<Books['createContact']>[0]) => this.company().createContact(input);
  recordPayment = (input: { invoiceId: string; amount: Amount; date?: CalendarDate; reference?: string }) =>
    this.company().recordPayment(input);
  recordOverpayment = (input: Parameters<Books['recordOverpayment']>[0]) =>
    this.company().recordOverpayment(input);
  deletePayment = (id: string) => this.company().deletePayment(id);
  voidInvoice = (id: string) => this.company().voidInvoice(id);
  deleteInvoice = (id: string) => this.company().deleteInvoice(id);
  deleteCreditNote = (id: string) => this.company().deleteCreditNote(id);
  unapplyPayment = (input: { paymentId: string; invoiceId: string }) => this.company().unapplyPayment(input);
  setDueDate = (id: string, date: CalendarDate) => this.company().setDueDate(id, date);
  setContactEmail = (id: string, email: string) => this.company().setContactEmail(id, email);
  setOnlinePayments = (enabled: boolean) => this.company().setOnlinePayments(enabled);
  createCreditNote = (input: Parameters<Books['createCreditNote']>[0]) =>
    this.company().createCreditNote(input);
  creditInvoice = (input: Parameters<Books['creditInvoice']>[0]) => this.company().creditInvoice(input);
  allocate = (input: Parameters<Books['allocate']>[0]) => this.company().allocate(input);
  deleteAllocation = (input: Parameters<Books['deleteAllocation']>[0]) =>
    this.company().deleteAllocation(input);

  // ---- connections ------------------------------------------------------------------------------

  /** The company disconnects the app in QuickBooks (every company, without a realm). */
  revokeConnections(realmId?: string): void {
    this.authority.disconnect(realmId);
  }

  /** The next consent is another Intuit user's (a fresh `sub`), once; `realmId` picks the company. */
  useNextIdentity(identity: {
    email: string;
    name?: string;
    givenName?: string;
    familyName?: string;
    realmId?: string;
  }): void {
    const [first = identity.email.split('@')[0] ?? 'Intuit', ...rest] = (identity.name ?? '')
      .split(' ')
      .filter(Boolean);
    if (identity.realmId !== undefined) this.company(identity.realmId);
    this.authority.useNextIdentity(
      {
        sub: randomUUID(),
        email: identity.email,
        givenName: identity.givenName ?? first,
        familyName: identity.familyName ?? rest.join(' '),
        phone: '',
      },
      identity.realmId ?? null,
    );
  }
}
