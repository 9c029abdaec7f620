// One QuickBooks Online company and the changes made inside QuickBooks rather than through the app:
// a customer pays (or overpays), credit is given and applied, an invoice is voided, deleted or given
// more time, a customer's email changes. Inputs take the Xero sandbox's names and shapes (amounts as
// decimal strings, dates `YYYY-MM-DD`, `contactId` for a customer), and answers carry its keys
// (`PaymentID`, `CreditNoteID`…, holding QuickBooks Ids), so one test can drive either sandbox.
import { parseCents, type Cents } from '../../xero/sandbox/money';
import { addDays, calendarDateIn, isCalendarDate, type CalendarDate } from '../../xero/sandbox/xero-dates';
import { referenceRate } from './company-parts';
import { checkInvariants } from './invariants';
import {
  addPayment,
  deletePayment,
  deleteTransaction,
  extendPayment,
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
  nextId,
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
    const [givenName = '', ...rest] = input.name.split(' ');
    const customer: CustomerRecord = {
      id: nextId(this.data, 'Customer'),
      syncToken: 0,
      createdAt: 0,
      updatedAt: 0,
      displayName: input.name,
      companyName: input.name,
      givenName,
      familyName: rest.join(' '),
      email: input.email ?? null,
      mobile: input.mobile ?? null,
      phone: null,
      active: true,
      currency: input.currencyCode ?? this.data.info.homeCurrency,
    };
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
    const invoice: InvoiceRecord = {
      id: nextId(this.data, 'Invoice'),
      syncToken: 0,
      createdAt: 0,
      updatedAt: 0,
      docNumber: String(1000 + this.data.lastIds.Invoice),
      customerId: customer.id,
      txnDate,
      dueDate: input.dueDate === undefined ? addDays(txnDate, 30) : this.date(input.dueDate),
      total: this.positiveCents(input.amount),
      description: input.reference ?? 'Professional services',
      currency: customer.currency,
      exchangeRate: referenceRate(customer.currency, this.data.info.homeCurrency),
      billEmail: customer.email,
      privateNote: '',
      voided: false,
    };
    this.data.invoices.set(invoice.id, invoice);
    touch(this.books, 'Invoice', invoice, 'Create');
    return { InvoiceID: invoice.id, InvoiceNumber: invoice.docNumber };
  }

  /** A payment applied to one invoice: its Balance and LastUpdatedTime follow. */
  recordPayment(input: { invoiceId: string; amount: Amount; date?: CalendarDate; reference?: string }): {
    PaymentID: string;
  } {
    const invoice = this.requireInvoice(input.invoiceId);
    const amount = this.positiveCents(input.amount);
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
    const payment = this.newPayment(customer.id, customer.currency, this.positiveCents(input.amount), input);
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

  setDueDate(invoiceId: string, dueDate: CalendarDate): void {
    const invoice = this.requireInvoice(invoiceId);
    invoice.dueDate = this.date(dueDate);
    touch(this.books, 'Invoice', invoice, 'Update');
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
      this.positiveCents(input.amount),
      input,
    );
    return { CreditNoteID: memo.id, CreditNoteNumber: memo.docNumber };
  }

  /** A credit memo for part of the invoice, applied to it at once by a payment of 0. */
  creditInvoice(input: { invoiceId: string; amount: Amount; date?: CalendarDate }): { CreditNoteID: string } {
    const invoice = this.requireInvoice(input.invoiceId);
    const amount = this.positiveCents(input.amount);
    const payment = this.newPayment(invoice.customerId, invoice.currency, 0, input);
    const probe = [{ txnType: 'Invoice' as const, txnId: invoice.id, amount }];
    if (invoice.voided || amount > invoice.total - (this.index.applied.get(invoice.id) ?? 0)) {
      throw new LedgerError(`The amount applied to Invoice ${invoice.id} exceeds what is open on it`);
    }
    const memo = this.newCreditMemo(invoice.customerId, invoice.currency, amount, {
      ...input,
      reference: `Credit against invoice ${invoice.docNumber}`,
    });
    payment.lines.push(...probe, { txnType: 'CreditMemo', txnId: memo.id, amount });
    addPayment(this.books, payment);
    return { CreditNoteID: memo.id };
  }

  /**
   * Applies credit to an invoice of the same customer and currency: a credit memo (through a new
   * payment of 0 linking both; its Id is the AllocationID) or, with `creditType: 'Payment'`, a
   * payment's unapplied money (a line added to that payment).
   */
  allocate(input: {
    creditId: string;
    invoiceId: string;
    amount: Amount;
    date?: CalendarDate;
    creditType?: 'CreditMemo' | 'Payment';
  }): { AllocationID: string } {
    const invoice = this.requireInvoice(input.invoiceId);
    const amount = this.positiveCents(input.amount);
    if (input.creditType === 'Payment') {
      const payment = this.data.payments.get(input.creditId);
      if (!payment) throw new LedgerError(`Object Not Found: Payment ${input.creditId} does not exist`);
      extendPayment(this.books, payment, [{ txnType: 'Invoice', txnId: invoice.id, amount }]);
      return { AllocationID: payment.id };
    }
    if (!this.data.creditMemos.has(input.creditId)) {
      throw new LedgerError(`Object Not Found: CreditMemo ${input.creditId} does not exist`);
    }
    const payment = this.newPayment(invoice.customerId, invoice.currency, 0, input);
    payment.lines.push(
      { txnType: 'Invoice', txnId: invoice.id, amount },
      { txnType: 'CreditMemo', txnId: input.creditId, amount },
    );
    addPayment(this.books, payment);
    return { AllocationID: payment.id };
  }

  /** Takes a credit memo's application off: the payment of 0 that applied it is deleted. */
  deleteAllocation(input: { creditId: string; allocationId: string }): void {
    const payment = this.data.payments.get(input.allocationId);
    if (
      !payment?.lines.some((l) => l.txnType === 'CreditMemo' && l.txnId === input.creditId) ||
      payment.total !== 0
    ) {
      throw new LedgerError(`Payment ${input.allocationId} does not apply CreditMemo ${input.creditId}`);
    }
    deletePayment(this.books, payment);
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

  private newPayment(
    customerId: string,
    currency: string,
    total: Cents,
    input: { date?: CalendarDate; reference?: string },
  ): PaymentRecord {
    return {
      id: nextId(this.data, 'Payment'),
      syncToken: 0,
      createdAt: 0,
      updatedAt: 0,
      customerId,
      txnDate: this.date(input.date),
      total,
      currency,
      exchangeRate: referenceRate(currency, this.data.info.homeCurrency),
      reference: input.reference ?? '',
      lines: [],
    };
  }

  private newCreditMemo(
    customerId: string,
    currency: string,
    total: Cents,
    input: { date?: CalendarDate; reference?: string },
  ): CreditMemoRecord {
    const memo: CreditMemoRecord = {
      id: nextId(this.data, 'CreditMemo'),
      syncToken: 0,
      createdAt: 0,
      updatedAt: 0,
      docNumber: `CM-${this.data.lastIds.CreditMemo}`,
      customerId,
      txnDate: this.date(input.date),
      total,
      description: input.reference ?? 'Credit',
      currency,
      exchangeRate: referenceRate(currency, this.data.info.homeCurrency),
      privateNote: '',
    };
    this.data.creditMemos.set(memo.id, memo);
    touch(this.books, 'CreditMemo', memo, 'Create');
    return memo;
  }

  private positiveCents(amount: Amount): Cents {
    const cents = parseCents(amount);
    if (cents === null) throw new LedgerError(`Not an amount with at most two decimals: ${String(amount)}`);
    if (cents <= 0) throw new LedgerError('The amount must be greater than zero');
    return cents;
  }

  private date(date: CalendarDate | undefined): CalendarDate {
    if (date === undefined) return this.today();
    if (!isCalendarDate(date)) throw new LedgerError(`Not a YYYY-MM-DD date: ${date}`);
    return date;
  }
}
