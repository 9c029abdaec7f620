// Direct access to the sandbox's organisation for the demo, tests and benchmarks: read it in Xero's
// own JSON shapes, and make the changes that happen inside Xero rather than through this app (a
// customer pays, a payment is removed, an invoice is voided, the organisation disconnects the app).
// Helper amounts are decimal strings, as Xero writes them; dates are `YYYY-MM-DD`.
import { randomUUID } from 'node:crypto';
import type { Authority } from './grants';
import {
  allocateCredit,
  applyPayment,
  indexLedger,
  LedgerError,
  reversePayment,
  voidInvoice as voidInvoiceRecord,
} from './ledger';
import { divideRounded, parseCents } from './money';
import { presentContact, presentOrganisation } from './present-contacts';
import {
  presentCreditNote,
  presentHistory,
  presentInvoice,
  presentPayment,
  type PresentContext,
} from './present-transactions';
import type { CreditNoteRecord, InvoiceRecord, OrganisationData } from './records';
import { toPlain } from './xero-json';
import { calendarDateIn, isCalendarDate, type CalendarDate } from './xero-dates';

export type XeroInvoice = ReturnType<SandboxStore['invoices']>[number];
export type XeroContact = ReturnType<SandboxStore['contacts']>[number];
export type XeroPayment = ReturnType<SandboxStore['payments']>[number];
export type XeroCreditNote = ReturnType<SandboxStore['creditNotes']>[number];
export type XeroHistoryRecord = ReturnType<SandboxStore['history']>[number];

/** A stored answer to a request that carried an Idempotency-Key. */
export interface StoredResponse {
  method: string;
  path: string;
  status: number;
  contentType: string;
  body: string;
}

export class SandboxStore {
  /** API calls by endpoint, e.g. `{ 'GET /Invoices': 3 }`, whatever their outcome. */
  readonly calls: Record<string, number> = {};
  readonly idempotency = new Map<string, StoredResponse>();

  constructor(
    readonly data: OrganisationData,
    readonly authority: Authority,
    private readonly clock: () => Date,
  ) {}

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

  presentContext(): PresentContext {
    return { data: this.data, index: indexLedger(this.data) };
  }

  organisation() {
    return toPlain(presentOrganisation(this.data.organisation));
  }

  invoice(id: string) {
    const invoice = this.data.invoices.get(id);
    return invoice ? toPlain(presentInvoice(this.presentContext(), invoice, true)) : undefined;
  }

  invoices() {
    const ctx = this.presentContext();
    return [...this.data.invoices.values()].map((invoice) => toPlain(presentInvoice(ctx, invoice, true)));
  }

  /** Archived contacts included (the API leaves them out unless asked). */
  contacts() {
    return [...this.data.contacts.values()].map((contact) => toPlain(presentContact(contact)));
  }

  payments() {
    const ctx = this.presentContext();
    return [...this.data.payments.values()].map((payment) => toPlain(presentPayment(ctx, payment)));
  }

  creditNotes() {
    const ctx = this.presentContext();
    return [...this.data.creditNotes.values()].map((note) => toPlain(presentCreditNote(ctx, note, true)));
  }

  /** The invoice's HistoryRecords, newest first, notes posted through the API included. */
  history(invoiceId: string) {
    return toPlain(presentHistory(this.requireInvoice(invoiceId).history));
  }

  /** As PUT /Payments would: the invoice's amounts, status, FullyPaidOnDate and UpdatedDateUTC follow. */
  recordPayment(input: {
    invoiceId: string;
    amount: string | number;
    date?: CalendarDate;
    reference?: string;
    accountCode?: string;
  }): { PaymentID: string } {
    const invoice = this.requireInvoice(input.invoiceId);
    const account = this.data.bankAccounts.find((a) => a.code === (input.accountCode ?? '090'));
    if (!account) throw new LedgerError(`No bank account with code ${input.accountCode ?? '090'}`);
    const payment = applyPayment(this.data, {
      id: randomUUID(),
      invoice,
      amount: this.cents(input.amount),
      date: this.date(input.date),
      reference: input.reference ?? '',
      accountId: account.id,
      now: this.nowMs(),
    });
    return { PaymentID: payment.id };
  }

  /** As POST /Payments/{id} with Status DELETED: the payment stays, DELETED, and the invoice reopens. */
  deletePayment(paymentId: string): void {
    const payment = this.data.payments.get(paymentId);
    if (!payment) throw new LedgerError(`No payment ${paymentId}`);
    reversePayment(this.data, payment, this.nowMs());
  }

  voidInvoice(invoiceId: string): void {
    voidInvoiceRecord(this.data, this.requireInvoice(invoiceId), this.nowMs());
  }

  /** The due date moved (the bookkeeper agreed an extension in Xero). */
  setDueDate(invoiceId: string, dueDate: CalendarDate): void {
    const invoice = this.requireInvoice(invoiceId);
    invoice.dueDate = this.date(dueDate);
    invoice.updatedAt = this.nowMs();
  }

  /**
   * A credit note for `amount` (GST inclusive, as the customer sees it) applied to the invoice, as
   * when the bookkeeper credits part of a job. Returns the new credit note's id.
   */
  creditInvoice(input: { invoiceId: string; amount: string | number; date?: CalendarDate }): {
    CreditNoteID: string;
  } {
    const invoice = this.requireInvoice(input.invoiceId);
    const total = this.cents(input.amount);
    const domestic = invoice.currencyCode === this.data.organisation.baseCurrency;
    // Back the GST out of the inclusive amount, so that SubTotal + TotalTax = Total exactly.
    const subTotal = domestic ? divideRounded(total * 100, 115) : total;
    const taxAmount = total - subTotal;
    const date = this.date(input.date);
    const now = this.nowMs();
    const numbers = [...this.data.creditNotes.values()].map((n) => Number(n.number.replace(/\D/g, '')) || 0);
    const note: CreditNoteRecord = {
      id: randomUUID(),
      type: invoice.type === 'ACCPAY' ? 'ACCPAYCREDIT' : 'ACCRECCREDIT',
      number: `CN-${String(Math.max(0, ...numbers) + 1).padStart(4, '0')}`,
      reference: invoice.number,
      contactId: invoice.contactId,
      date,
      status: 'AUTHORISED',
      currencyCode: invoice.currencyCode,
      currencyRate: invoice.currencyRate,
      lineItems: [
        {
          id: randomUUID(),
          itemCode: null,
          description: `Credit against ${invoice.number}`,
          quantity: 1,
          unitAmount: subTotal,
          accountCode: invoice.lineItems[0]?.accountCode ?? '200',
          taxType: invoice.lineItems[0]?.taxType ?? 'OUTPUT2',
          taxAmount,
          lineAmount: subTotal,
        },
      ],
      subTotal,
      totalTax: taxAmount,
      total,
      allocations: [],
      fullyPaidOnDate: null,
      updatedAt: now,
    };
    this.data.creditNotes.set(note.id, note);
    try {
      allocateCredit(
        this.data,
        note,
        invoice,
        { id: randomUUID(), invoiceId: invoice.id, amount: total, date },
        now,
      );
    } catch (err) {
      this.data.creditNotes.delete(note.id);
      throw err;
    }
    return { CreditNoteID: note.id };
  }

  /** Changes a contact's primary email (the customer told the bookkeeper of a new address). */
  setContactEmail(contactId: string, email: string): void {
    const contact = this.data.contacts.get(contactId);
    if (!contact) throw new LedgerError(`No contact ${contactId}`);
    contact.email = email;
    contact.updatedAt = this.nowMs();
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

  requireInvoice(id: string): InvoiceRecord {
    const invoice = this.data.invoices.get(id);
    if (!invoice) throw new LedgerError(`No invoice ${id}`);
    return invoice;
  }

  private cents(amount: string | number): number {
    const cents = parseCents(amount);
    if (cents === null) throw new LedgerError(`Not an amount with at most two decimals: ${String(amount)}`);
    return cents;
  }

  private date(date: CalendarDate | undefined): CalendarDate {
    if (date === undefined) return this.today();
    if (!isCalendarDate(date)) throw new LedgerError(`Not a YYYY-MM-DD date: ${date}`);
    return date;
  }
}
