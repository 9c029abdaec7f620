// Direct access to the sandbox's organisation for the demo, tests and benchmarks: read it in Xero's
// own JSON shapes, and make the changes that happen inside Xero rather than through this app (a
// customer pays or overpays, credit is allocated or taken off, an invoice is voided, the organisation
// disconnects the app). Helper amounts are decimal strings, as Xero writes them; dates are `YYYY-MM-DD`.
// Change the books through these methods, not by editing `data`: they keep the ledger index, the
// UpdatedDateUTC order and the webhooks in step.
//
// The store also holds the sandbox's powers over the HTTP side: the rate limiter, the faults queued
// for the next calls, and the webhook dispatcher.
import { randomUUID } from 'node:crypto';
import type { Books, Change } from './books';
import { cashCreditRecord, creditNoteRecord, nextCreditNoteNumber, REFERENCE_RATES } from './credits';
import { SandboxPowers } from '../../shared/sandbox/sandbox-powers';
import { FaultInjector, type FaultSpec } from './faults';
import type { Authority } from './grants';
import { checkInvariants } from './invariants';
import { findCredit, indexLedger, LedgerError, type CreditRef, type LedgerIndex } from './ledger';
import {
  addContact,
  addCredit,
  addInvoice,
  allocate,
  allocationProblem,
  applyPayment,
  deleteAllocation,
  editContact,
  moveDueDate,
  reversePayment,
  voidCredit,
  voidInvoice,
} from './ledger-changes';
import { parseCents, UNIT_RATE, type Cents } from '../../shared/sandbox/money';
import { contactRecord, invoiceRecord, nextInvoiceNumber } from './new-records';
import { contactJson, presentOrganisation } from './present-contacts';
import { creditNoteJson } from './present-credit-notes';
import { presentOverpayment, presentPrepayment } from './present-credits';
import { invoiceJson, presentHistory } from './present-invoices';
import type { PresentContext } from './present-parts';
import { paymentJson } from './present-payments';
import { RateLimiter, type RateLimitOption } from './rate-limits';
import type {
  CashCreditKind,
  CashCreditRecord,
  ContactRecord,
  CreditNoteRecord,
  InvoiceRecord,
  OrganisationData,
  PaymentRecord,
} from './records';
import { UpdatedOrder } from './updated-order';
import {
  WebhookDispatcher,
  type IntentToReceiveResult,
  type WebhookDelivery,
  type WebhookTarget,
} from './webhooks';
import { toPlain } from './xero-json';
import { addDays, calendarDateIn, isCalendarDate, type CalendarDate } from './xero-dates';

export type XeroInvoice = ReturnType<SandboxStore['invoices']>[number];
export type XeroContact = ReturnType<SandboxStore['contacts']>[number];
export type XeroPayment = ReturnType<SandboxStore['payments']>[number];
export type XeroCreditNote = ReturnType<SandboxStore['creditNotes']>[number];
export type XeroOverpayment = ReturnType<SandboxStore['overpayments']>[number];
export type XeroPrepayment = ReturnType<SandboxStore['prepayments']>[number];
export type XeroHistoryRecord = ReturnType<SandboxStore['history']>[number];

/** A stored answer to a request that carried an Idempotency-Key. */
export interface StoredResponse {
  method: string;
  path: string;
  status: number;
  contentType: string;
  body: string;
}

export interface SandboxStoreOptions {
  /** Xero's rate limits: default true (Xero's own); false turns them off; an object changes some. */
  limits?: RateLimitOption;
  /** Where webhooks go; none by default. */
  webhook?: WebhookTarget | null;
}

type Amount = string | number;

export interface CollectionOrders {
  invoices: UpdatedOrder<InvoiceRecord>;
  contacts: UpdatedOrder<ContactRecord>;
  payments: UpdatedOrder<PaymentRecord>;
  creditNotes: UpdatedOrder<CreditNoteRecord>;
  overpayments: UpdatedOrder<CashCreditRecord>;
  prepayments: UpdatedOrder<CashCreditRecord>;
}

export class SandboxStore extends SandboxPowers<WebhookTarget, WebhookDelivery, RateLimitOption, FaultSpec> {
  /** API calls by endpoint, e.g. `{ 'GET /Invoices': 3 }`, whatever their outcome. */
  readonly calls: Record<string, number> = {};
  readonly idempotency = new Map<string, StoredResponse>();
  /** Payments and allocations per invoice, kept in step with every change. */
  readonly index: LedgerIndex;
  /** Each collection in Xero's default list order. */
  readonly order: CollectionOrders;
  readonly limiter: RateLimiter;
  readonly faults: FaultInjector;
  readonly webhooks: WebhookDispatcher;
  private publicUrl = 'https://api.xero.com';
  /** Moves with every change to the books (each goes through `touch`): what the list views hold for. */
  private revision = 0;

  constructor(
    readonly data: OrganisationData,
    readonly authority: Authority,
    private readonly clock: () => Date,
    options: SandboxStoreOptions = {},
  ) {
    super();
    this.index = indexLedger(data);
    const revision = () => this.revision;
    this.order = {
      invoices: new UpdatedOrder(data.invoices, revision),
      contacts: new UpdatedOrder(data.contacts, revision),
      payments: new UpdatedOrder(data.payments, revision),
      creditNotes: new UpdatedOrder(data.creditNotes, revision),
      overpayments: new UpdatedOrder(data.overpayments, revision),
      prepayments: new UpdatedOrder(data.prepayments, revision),
    };
    this.limiter = new RateLimiter(options.limits, () => this.nowMs());
    this.faults = new FaultInjector(() => this.revokeConnections());
    this.webhooks = new WebhookDispatcher(
      () => this.nowMs(),
      data.organisation.id,
      () => `${this.publicUrl}/api.xro/2.0`,
    );
    this.webhooks.configure(options.webhook ?? null);
  }

  get tenantId(): string {
    return this.data.organisation.id;
  }

  /** The sandbox clock, epoch ms. */
  nowMs(): number {
    return this.clock().getTime();
  }

  /** Today in the organisation's time zone. */
  today(): CalendarDate {
    return calendarDateIn(this.nowMs(), this.data.organisation.ianaTimezone);
  }

  count(endpoint: string): void {
    this.calls[endpoint] = (this.calls[endpoint] ?? 0) + 1;
  }

  resetCalls(): void {
    for (const key of Object.keys(this.calls)) delete this.calls[key];
  }

  /** Where the sandbox is reached; webhook resourceUrls point there. Set by startXeroSandbox. */
  setPublicUrl(url: string): void {
    this.publicUrl = url.replace(/\/+$/, '');
  }

  /** Where the sandbox is reached: `https://api.xero.com` until startXeroSandbox says otherwise. */
  get baseUrl(): string {
    return this.publicUrl;
  }

  /** The books as the ledger changes see them; every change is announced to the webhook dispatcher. */
  get books(): Books {
    return {
      data: this.data,
      index: this.index,
      now: () => this.nowMs(),
      changed: (change: Change) => {
        this.revision++;
        this.webhooks.notify(change);
      },
    };
  }

  presentContext(): PresentContext {
    return { data: this.data, index: this.index };
  }

  // ---- reading, in Xero's JSON ------------------------------------------------------------------

  organisation() {
    return toPlain(presentOrganisation(this.data.organisation));
  }

  invoice(id: string) {
    const invoice = this.data.invoices.get(id);
    return invoice ? toPlain(invoiceJson(this.presentContext(), invoice, 'full')) : undefined;
  }

  invoices() {
    const ctx = this.presentContext();
    return [...this.data.invoices.values()].map((invoice) => toPlain(invoiceJson(ctx, invoice, 'full')));
  }

  /** Archived contacts included (the API leaves them out unless asked). */
  contacts() {
    return [...this.data.contacts.values()].map((contact) => toPlain(contactJson(contact)));
  }

  payments() {
    const ctx = this.presentContext();
    return [...this.data.payments.values()].map((payment) => toPlain(paymentJson(ctx, payment)));
  }

  creditNotes() {
    const ctx = this.presentContext();
    return [...this.data.creditNotes.values()].map((note) => toPlain(creditNoteJson(ctx, note, true)));
  }

  overpayments() {
    const ctx = this.presentContext();
    return [...this.data.overpayments.values()].map((o) => toPlain(presentOverpayment(ctx, o, true)));
  }

  prepayments() {
    const ctx = this.presentContext();
    return [...this.data.prepayments.values()].map((p) => toPlain(presentPrepayment(ctx, p, true)));
  }

  /** The invoice's HistoryRecords, newest first, notes posted through the API included. */
  history(invoiceId: string) {
    return toPlain(presentHistory(this.requireInvoice(invoiceId).history));
  }

  /** How many records of each resource the organisation holds (archived contacts, deleted payments included). */
  resourceCounts(): Record<
    'contacts' | 'invoices' | 'payments' | 'creditNotes' | 'overpayments' | 'prepayments',
    number
  > {
    const { data } = this;
    return {
      contacts: data.contacts.size,
      invoices: data.invoices.size,
      payments: data.payments.size,
      creditNotes: data.creditNotes.size,
      overpayments: data.overpayments.size,
      prepayments: data.prepayments.size,
    };
  }

  /** What is broken in the books, in words (see invariants.ts); empty when all is well. */
  checkInvariants(): string[] {
    return checkInvariants(this.data, this.index);
  }

  // ---- changes made in Xero ---------------------------------------------------------------------

  /** A sales invoice for a GST-inclusive amount, approved at once (webhook: INVOICE CREATE). */
  createInvoice(input: {
    contactId: string;
    amount: Amount;
    date?: CalendarDate;
    dueDate?: CalendarDate;
    reference?: string;
  }): { InvoiceID: string; InvoiceNumber: string } {
    const contact = this.requireContact(input.contactId);
    const currencyCode = contact.defaultCurrency ?? this.data.organisation.baseCurrency;
    const date = this.date(input.date);
    const invoice = invoiceRecord({
      id: randomUUID(),
      lineId: randomUUID(),
      number: nextInvoiceNumber(this.data),
      contactId: contact.id,
      currencyCode,
      currencyRate: REFERENCE_RATES[currencyCode] ?? UNIT_RATE,
      total: this.positiveCents(input.amount),
      domestic: currencyCode === this.data.organisation.baseCurrency,
      date,
      dueDate: input.dueDate === undefined ? addDays(date, 20) : this.date(input.dueDate),
      reference: input.reference ?? '',
      description: 'Print and signage work',
      now: this.nowMs(),
      user: `${this.data.user.givenName} ${this.data.user.familyName}`,
    });
    addInvoice(this.books, invoice);
    return { InvoiceID: invoice.id, InvoiceNumber: invoice.number };
  }

  /** A new customer (webhook: CONTACT CREATE). */
  createContact(input: {
    name: string;
    email?: string;
    currencyCode?: string;
    /** As typed into Xero's mobile field: area code and number, and the country code if given. */
    mobile?: { countryCode?: string; areaCode?: string; number: string };
  }): { ContactID: string } {
    const contact = contactRecord({
      id: randomUUID(),
      name: input.name,
      email: input.email ?? '',
      currencyCode: input.currencyCode ?? null,
      now: this.nowMs(),
    });
    if (input.mobile) contact.phones.push({ type: 'MOBILE', areaCode: '', ...input.mobile });
    addContact(this.books, contact);
    return { ContactID: contact.id };
  }

  /** As PUT /Payments would: the invoice's amounts, status, FullyPaidOnDate and UpdatedDateUTC follow. */
  recordPayment(input: {
    invoiceId: string;
    amount: Amount;
    date?: CalendarDate;
    reference?: string;
    accountCode?: string;
  }): { PaymentID: string } {
    const invoice = this.requireInvoice(input.invoiceId);
    const account = this.data.bankAccounts.find((a) => a.code === (input.accountCode ?? '090'));
    if (!account) throw new LedgerError(`No bank account with code ${input.accountCode ?? '090'}`);
    const payment = applyPayment(this.books, {
      id: randomUUID(),
      invoice,
      amount: this.cents(input.amount),
      date: this.date(input.date),
      reference: input.reference ?? '',
      accountId: account.id,
    });
    return { PaymentID: payment.id };
  }

  /** As POST /Payments/{id} with Status DELETED: the payment stays, DELETED, and the invoice reopens. */
  deletePayment(paymentId: string): void {
    const payment = this.data.payments.get(paymentId);
    if (!payment) throw new LedgerError(`No payment ${paymentId}`);
    reversePayment(this.books, payment);
  }

  voidInvoice(invoiceId: string): void {
    voidInvoice(this.books, this.requireInvoice(invoiceId));
  }

  /** The due date moved (the bookkeeper agreed an extension in Xero). */
  setDueDate(invoiceId: string, dueDate: CalendarDate): void {
    moveDueDate(this.books, this.requireInvoice(invoiceId), this.date(dueDate));
  }

  /** An AUTHORISED credit note for a GST-inclusive amount, not yet allocated to anything. */
  createCreditNote(input: {
    contactId: string;
    amount: Amount;
    date?: CalendarDate;
    reference?: string;
    currencyCode?: string;
  }): { CreditNoteID: string; CreditNoteNumber: string } {
    const contact = this.requireContact(input.contactId);
    const currencyCode = input.currencyCode ?? contact.defaultCurrency ?? this.data.organisation.baseCurrency;
    const note = creditNoteRecord({
      ...this.creditBasics(contact.id, currencyCode, input),
      number: nextCreditNoteNumber(this.data),
      description: input.reference ? `Credit: ${input.reference}` : 'Credit',
    });
    addCredit(this.books, { kind: 'creditNote', credit: note });
    return { CreditNoteID: note.id, CreditNoteNumber: note.number };
  }

  /**
   * A credit note for `amount` (GST inclusive, as the customer sees it) applied to the invoice, as
   * when the bookkeeper credits part of a job. Returns the new credit note's id.
   */
  creditInvoice(input: { invoiceId: string; amount: Amount; date?: CalendarDate }): {
    CreditNoteID: string;
  } {
    const invoice = this.requireInvoice(input.invoiceId);
    const total = this.cents(input.amount);
    const date = this.date(input.date);
    const note = creditNoteRecord({
      id: randomUUID(),
      lineId: randomUUID(),
      type: invoice.type === 'ACCPAY' ? 'ACCPAYCREDIT' : 'ACCRECCREDIT',
      number: nextCreditNoteNumber(this.data),
      contactId: invoice.contactId,
      currencyCode: invoice.currencyCode,
      currencyRate: invoice.currencyRate,
      total,
      date,
      reference: invoice.number,
      description: `Credit against ${invoice.number}`,
      domestic: invoice.currencyCode === this.data.organisation.baseCurrency,
      updatedAt: this.nowMs(),
    });
    const ref: CreditRef = { kind: 'creditNote', credit: note };
    // Checked before the note exists, so that a refused credit leaves nothing behind.
    const problem = allocationProblem(this.books, ref, invoice, total);
    if (problem) throw new LedgerError(problem);
    addCredit(this.books, ref);
    allocate(this.books, ref, invoice, { id: randomUUID(), amount: total, date });
    return { CreditNoteID: note.id };
  }

  /** Money received beyond what was owed, held as credit for the contact (RECEIVE-OVERPAYMENT). */
  recordOverpayment(input: CashCreditInput): { OverpaymentID: string } {
    return { OverpaymentID: this.recordCashCredit('overpayment', input) };
  }

  /** Money received before an invoice was raised (RECEIVE-PREPAYMENT). */
  recordPrepayment(input: CashCreditInput): { PrepaymentID: string } {
    return { PrepaymentID: this.recordCashCredit('prepayment', input) };
  }

  /**
   * Allocates a credit note, overpayment or prepayment to an invoice of the same contact and currency:
   * the invoice's AmountCredited, AmountDue, Status and UpdatedDateUTC follow, as in Xero.
   */
  allocate(input: { creditId: string; invoiceId: string; amount: Amount; date?: CalendarDate }): {
    AllocationID: string;
  } {
    const ref = this.requireCredit(input.creditId);
    const invoice = this.requireInvoice(input.invoiceId);
    const allocation = allocate(this.books, ref, invoice, {
      id: randomUUID(),
      amount: this.cents(input.amount),
      date: this.date(input.date),
    });
    return { AllocationID: allocation.id };
  }

  /** As DELETE /CreditNotes/{id}/Allocations/{AllocationID} (and the same for the other two). */
  deleteAllocation(input: { creditId: string; allocationId: string }): void {
    deleteAllocation(this.books, this.requireCredit(input.creditId), input.allocationId);
  }

  /** Voids a credit note, overpayment or prepayment with nothing allocated. */
  voidCredit(creditId: string): void {
    voidCredit(this.books, this.requireCredit(creditId));
  }

  /** Changes a contact's primary email (the customer told the bookkeeper of a new address). */
  setContactEmail(contactId: string, email: string): void {
    editContact(this.books, this.requireContact(contactId), (contact) => {
      contact.email = email;
    });
  }

  /** The organisation disconnects the app: API calls get 403 and refresh gets invalid_grant. */
  revokeConnections(): void {
    this.authority.disconnectEverything();
  }

  /** The next consent is given by another Xero user (a fresh user id and subject), once. */
  useNextIdentity(identity: { email: string; name?: string; givenName?: string; familyName?: string }): void {
    const [first = identity.email.split('@')[0] ?? 'Xero', ...rest] = (identity.name ?? '')
      .split(' ')
      .filter(Boolean);
    this.authority.useNextIdentity({
      userId: randomUUID(),
      subject: randomUUID().replace(/-/g, ''),
      email: identity.email,
      givenName: identity.givenName ?? first,
      familyName: identity.familyName ?? rest.join(' '),
    });
  }

  // ---- webhooks, rate limits, faults ------------------------------------------------------------

  /** Xero's intent-to-receive check: a good and a badly signed empty payload (expects 200, then 401). */
  sendIntentToReceive(): Promise<IntentToReceiveResult> {
    return this.webhooks.intentToReceive();
  }

  // ---- lookups and input checks -----------------------------------------------------------------

  requireInvoice(id: string): InvoiceRecord {
    const invoice = this.data.invoices.get(id.toLowerCase());
    if (!invoice) throw new LedgerError(`No invoice ${id}`);
    return invoice;
  }

  requireContact(id: string): ContactRecord {
    const contact = this.data.contacts.get(id.toLowerCase());
    if (!contact) throw new LedgerError(`No contact ${id}`);
    return contact;
  }

  requireCredit(id: string): CreditRef {
    const ref = findCredit(this.data, id);
    if (!ref) throw new LedgerError(`No credit note, overpayment or prepayment ${id}`);
    return ref;
  }

  private recordCashCredit(kind: CashCreditKind, input: CashCreditInput): string {
    const contact = this.requireContact(input.contactId);
    const currencyCode = input.currencyCode ?? contact.defaultCurrency ?? this.data.organisation.baseCurrency;
    const credit = cashCreditRecord({
      ...this.creditBasics(contact.id, currencyCode, input),
      kind,
      description: kind === 'overpayment' ? 'Overpayment' : 'Payment in advance',
    });
    addCredit(this.books, { kind, credit });
    return credit.id;
  }

  private creditBasics(
    contactId: string,
    currencyCode: string,
    input: { amount: Amount; date?: CalendarDate; reference?: string },
  ) {
    return {
      id: randomUUID(),
      lineId: randomUUID(),
      contactId,
      currencyCode,
      currencyRate: REFERENCE_RATES[currencyCode] ?? UNIT_RATE,
      total: this.positiveCents(input.amount),
      date: this.date(input.date),
      reference: input.reference ?? '',
      domestic: currencyCode === this.data.organisation.baseCurrency,
      updatedAt: this.nowMs(),
    };
  }

  private cents(amount: Amount): Cents {
    const cents = parseCents(amount);
    if (cents === null) throw new LedgerError(`Not an amount with at most two decimals: ${String(amount)}`);
    return cents;
  }

  private positiveCents(amount: Amount): Cents {
    const cents = this.cents(amount);
    if (cents <= 0) throw new LedgerError('The amount must be greater than zero');
    return cents;
  }

  private date(date: CalendarDate | undefined): CalendarDate {
    if (date === undefined) return this.today();
    if (!isCalendarDate(date)) throw new LedgerError(`Not a YYYY-MM-DD date: ${date}`);
    return date;
  }
}

export interface CashCreditInput {
  contactId: string;
  amount: Amount;
  date?: CalendarDate;
  reference?: string;
  /** Default the contact's currency, or the organisation's. */
  currencyCode?: string;
}
