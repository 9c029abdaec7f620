// One QuickBooks Online company and the changes made inside QuickBooks rather than through the app:
// a customer pays (or overpays), credit is given and applied, an invoice is voided, deleted or given
// more time, a customer's email changes. Inputs take the Xero sandbox's names and shapes (amounts as
// decimal strings, dates `YYYY-MM-DD`, `contactId` for a customer), and answers carry its keys
// (`PaymentID`, `CreditNoteID`…, holding QuickBooks Ids), so one test can drive either sandbox.
import type { Cents } from '../../shared/sandbox/money';
import {
  addDays,
  calendarDateIn,
  isCalendarDate,
  type CalendarDate,
} from '../../shared/sandbox/calendar-dates';
import {
  allocate,
  creditInvoice,
  deleteAllocation,
  unapplyPayment,
  type AllocateInput,
  type CreditInvoiceInput,
} from './credit-changes';
import { checkInvariants } from './invariants';
import { newCreditMemo, newCustomer, newInvoice, newPayment, positiveCents } from './new-records';
import {
  addPayment,
  deletePayment,
  deleteTransaction,
  indexLedger,
  LedgerError,
  touch,
  voidInvoice,
  type Books,
  type Change,
  type LedgerIndex,
} from './ledger';
import { attachableJson, computeCustomerBalances, customerJson } from './present-parties';
import { creditMemoJson, invoiceJson, paymentJson, type PresentContext } from './present-transactions';
import { QueryViews } from './query-run';
import {
  type CompanyData,
  type CreditMemoRecord,
  type CustomerRecord,
  type InvoiceRecord,
  type PaymentRecord,
} from './records';

type Amount = string | number;

export class CompanyBooks {
  readonly index: LedgerIndex;
  readonly views: QueryViews;
  private revision = 0;
  private balances: { revision: number; map: Map<string, Cents> } | null = null;

  constructor(
    readonly data: CompanyData,
    private readonly clock: () => number,
    private readonly announce: (realmId: string, change: Change) => void,
  ) {
    this.index = indexLedger(data);
    this.views = new QueryViews(() => this.revision);
  }

  get realmId(): string {
    return this.data.realmId;
  }

  get books(): Books {
    return {
      data: this.data,
      index: this.index,
      now: this.clock,
      changed: (change) => {
        this.revision++;
        this.announce(this.data.realmId, change);
      },
    };
  }

  context(): PresentContext {
    return {
      data: this.data,
      index: this.index,
      customerBalances: () => {
        if (this.balances?.revision !== this.revision) {
          this.balances = { revision: this.revision, map: computeCustomerBalances(this) };
        }
        return this.balances.map;
      },
    };
  }

  today(): CalendarDate {
    return calendarDateIn(this.clock(), this.data.info.timeZone);
  }

  // ---- reading, in Intuit's JSON ----------------------------------------------------------------

  invoice(id: string) {
    const invoice = this.data.invoices.get(id);
    return invoice ? invoiceJson(this.context(), invoice) : undefined;
  }

  invoices() {
    const ctx = this.context();
    return [...this.data.invoices.values()].map((i) => invoiceJson(ctx, i));
  }

  contacts() {
    const ctx = this.context();
    return [...this.data.customers.values()].map((c) => customerJson(ctx, c));
  }

  payments() {
    const ctx = this.context();
    return [...this.data.payments.values()].map((p) => paymentJson(ctx, p));
  }

  creditNotes() {
    const ctx = this.context();
    return [...this.data.creditMemos.values()].map((m) => creditMemoJson(ctx, m));
  }

  /** Attachables, or those linked to one invoice. */
  attachables(invoiceId?: string) {
    const ctx = this.context();
    return [...this.data.attachables.values()]
      .filter(
        (a) => invoiceId === undefined || a.refs.some((r) => r.type === 'Invoice' && r.value === invoiceId),
      )
      .map((a) => attachableJson(ctx, a));
  }

  resourceCounts(): Record<'contacts' | 'invoices' | 'payments' | 'creditNotes' | 'attachables', number> {
    const { data } = this;
    return {
      contacts: data.customers.size,
      invoices: data.invoices.size,
      payments: data.payments.size,
      creditNotes: data.creditMemos.size,
      attachables: data.attachables.size,
    };
  }

  checkInvariants(): string[] {
    return checkInvariants(this.data, this.index);
  }

  // ---- changes made in QuickBooks ---------------------------------------------------------------

  createContact(input: { name: string; email?: string; currencyCode?: string; mobile?: string }): {
    ContactID: string;
  } {
    const customer = newCustomer(this.data, input);
    this.data.customers.set(customer.id, customer);
    touch(this.books, 'Customer', customer, 'Create');
    return { ContactID: customer.id };
  }

  createInvoice(input: {
    contactId: string;
    amount: Amount;
    date?: CalendarDate;
    dueDate?: CalendarDate;
    reference?: string;
  }): { InvoiceID: string; InvoiceNumber: string } {
    const customer = this.requireCustomer(input.contactId);
    const txnDate = this.date(input.date);
    const invoice = newInvoice(this.data, customer, {
      txnDate,
      dueDate: input.dueDate === undefined ? addDays(txnDate, 30) : this.date(input.dueDate),
      total: positiveCents(input.amount),
      description: input.reference ?? 'Professional services',
    });
    this.data.invoices.set(invoice.id, invoice);
    touch(this.books, 'Invoice', invoice, 'Create');
    return { InvoiceID: invoice.id, InvoiceNumber: invoice.docNumber };
  }

  /** A payment applied to one invoice: its Balance and LastUpdatedTime follow. */
  recordPayment(input: { invoiceId: string; amount: Amount; date?: CalendarDate; reference?: string }): {
    PaymentID: string;
  } {
    const invoice = this.requireInvoice(input.invoiceId);
    const amount = positiveCents(input.amount);
    const payment = this.newPayment(invoice.customerId, invoice.currency, amount, input);
    payment.lines.push({ txnType: 'Invoice', txnId: invoice.id, amount });
    addPayment(this.books, payment);
    return { PaymentID: payment.id };
  }

  /** Money received and applied to nothing yet: a payment whose UnappliedAmt is all of it. */
  recordOverpayment(input: { contactId: string; amount: Amount; date?: CalendarDate; reference?: string }): {
    OverpaymentID: string;
  } {
    const customer = this.requireCustomer(input.contactId);
    const payment = this.newPayment(customer.id, customer.currency, positiveCents(input.amount), input);
    addPayment(this.books, payment);
    return { OverpaymentID: payment.id };
  }

  deletePayment(paymentId: string): void {
    const payment = this.data.payments.get(paymentId);
    if (!payment) throw new LedgerError(`Object Not Found: Payment ${paymentId} does not exist`);
    deletePayment(this.books, payment);
  }

  voidInvoice(invoiceId: string): void {
    voidInvoice(this.books, this.requireInvoice(invoiceId));
  }

  deleteInvoice(invoiceId: string): void {
    deleteTransaction(this.books, 'Invoice', invoiceId);
  }

  deleteCreditNote(creditMemoId: string): void {
    deleteTransaction(this.books, 'CreditMemo', creditMemoId);
  }

  /** A payment edited to leave an invoice out: that money is unapplied on it again. */
  unapplyPayment(input: { paymentId: string; invoiceId: string }): void {
    unapplyPayment(this, input);
  }

  setDueDate(invoiceId: string, dueDate: CalendarDate): void {
    const invoice = this.requireInvoice(invoiceId);
    invoice.dueDate = this.date(dueDate);
    touch(this.books, 'Invoice', invoice, 'Update');
  }

  /** The company starts or stops taking payments online: its invoices' links come and go with it. */
  setOnlinePayments(enabled: boolean): void {
    this.data.info.onlinePayments = enabled;
  }

  setContactEmail(contactId: string, email: string): void {
    const customer = this.requireCustomer(contactId);
    customer.email = email || null;
    touch(this.books, 'Customer', customer, 'Update');
  }

  /** A credit memo not yet applied to anything. */
  createCreditNote(input: {
    contactId: string;
    amount: Amount;
    date?: CalendarDate;
    reference?: string;
    currencyCode?: string;
  }): { CreditNoteID: string; CreditNoteNumber: string } {
    const customer = this.requireCustomer(input.contactId);
    const memo = this.newCreditMemo(
      customer.id,
      input.currencyCode ?? customer.currency,
      positiveCents(input.amount),
      input,
    );
    return { CreditNoteID: memo.id, CreditNoteNumber: memo.docNumber };
  }

  /** A credit memo for part of the invoice, applied to it at once by a payment of 0. */
  creditInvoice(input: CreditInvoiceInput): { CreditNoteID: string } {
    return creditInvoice(this, input);
  }

  /** Applies a credit memo, or a payment's unapplied money, to an invoice (see credit-changes.ts). */
  allocate(input: AllocateInput): { AllocationID: string } {
    return allocate(this, input);
  }

  /** Takes a credit memo's application off: the payment of 0 that applied it is deleted. */
  deleteAllocation(input: { creditId: string; allocationId: string }): void {
    deleteAllocation(this, input);
  }

  // ---- lookups and input checks -----------------------------------------------------------------

  requireInvoice(id: string): InvoiceRecord {
    const invoice = this.data.invoices.get(id);
    if (!invoice) throw new LedgerError(`Object Not Found: Invoice ${id} does not exist`);
    return invoice;
  }

  requireCustomer(id: string): CustomerRecord {
    const customer = this.data.customers.get(id);
    if (!customer) throw new LedgerError(`Object Not Found: Customer ${id} does not exist`);
    return customer;
  }

  newPayment(
    customerId: string,
    currency: string,
    total: Cents,
    input: { date?: CalendarDate; reference?: string },
  ): PaymentRecord {
    return newPayment(this.data, {
      customerId,
      currency,
      total,
      txnDate: this.date(input.date),
      reference: input.reference ?? '',
    });
  }

  newCreditMemo(
    customerId: string,
    currency: string,
    total: Cents,
    input: { date?: CalendarDate; reference?: string },
  ): CreditMemoRecord {
    const memo = newCreditMemo(this.data, {
      customerId,
      currency,
      total,
      txnDate: this.date(input.date),
      description: input.reference ?? 'Credit',
    });
    this.data.creditMemos.set(memo.id, memo);
    touch(this.books, 'CreditMemo', memo, 'Create');
    return memo;
  }

  date(date: CalendarDate | undefined): CalendarDate {
    if (date === undefined) return this.today();
    if (!isCalendarDate(date)) throw new LedgerError(`Not a YYYY-MM-DD date: ${date}`);
    return date;
  }
}
