// The demo organisation, drawn from a seed and dated relative to the sandbox clock, so that an
// organisation generated today has invoices due tomorrow and invoices 90 days overdue. Sizes are
// parameters: the same generator builds the 300-invoice demo and much larger benchmark books.
//
// Invoices are planned by what happened to them (paid on time, part-paid, credited, overdue by so
// many days...), then given a customer whose payment habits fit the story, then dated and priced.
// Payments and credit notes are added as records; statuses come from ledger.ts, never set by hand.
import {
  eventMs,
  DEMO_TIMEZONE,
  type Builder,
  type Currency,
  type Customer,
  type Habit,
} from './demo-builder';
import { REFERENCE_RATES } from './credits';
import { CREDIT_REASONS, PAYMENT_REFERENCES, PRODUCTS } from './demo-catalogue';
import {
  baseOrganisation,
  finishContacts,
  makeCustomers,
  makeSuppliers,
  type SupplierProfile,
} from './demo-parties';
import { indexLedger, invoiceAmounts, remainingCredit, settleAll, type AppliedCredit } from './ledger';
import {
  centsText,
  divideRounded,
  percentOf,
  UNIT_RATE,
  type Cents,
  type RateMicros,
} from '../../shared/sandbox/money';
import { createRng, type Rng } from '../../shared/sandbox/prng';
import type {
  CreditNoteRecord,
  InvoiceRecord,
  LineItemRecord,
  OrganisationData,
  PaymentRecord,
} from './records';
import { addDays, calendarDateIn, dateMs, type CalendarDate } from './xero-dates';

export { DEMO_TIMEZONE } from './demo-builder';

export interface DemoOrganisationOptions {
  seed: number;
  /** The sandbox clock when the organisation is created (epoch ms): every age is relative to it. */
  now: number;
  /** Customers (default 48). */
  customers?: number;
  /** Sales invoices, Type ACCREC (default 300). */
  invoices?: number;
  /** Supplier bills, Type ACCPAY (default 24). */
  bills?: number;
}

export type Category =
  | 'paid'
  | 'notDue'
  | 'overdue'
  | 'partPaid'
  | 'creditedPartly'
  | 'creditedThenPaid'
  | 'reopened'
  | 'voided'
  | 'draft'
  | 'submitted'
  | 'deleted';

export interface InvoicePlan {
  category: Category;
  /** Due date in days from today; negative is in the past. */
  dueOffset: number;
  customer: Customer | null;
}

/** Shares of the sales invoices; whatever rounding leaves over goes to `paid`. */
const MIX: readonly [Category, number][] = [
  ['notDue', 0.13],
  ['overdue', 0.23],
  ['partPaid', 0.07],
  ['creditedPartly', 0.03],
  ['creditedThenPaid', 0.02],
  ['reopened', 0.01],
  ['voided', 0.03],
  ['draft', 0.02],
  ['submitted', 0.01],
  ['deleted', 0.01],
];

/** Overdue invoices spread over these day ranges (inclusive), by weight. */
const OVERDUE_BANDS: readonly [number, number, number][] = [
  [1, 7, 0.22],
  [8, 30, 0.28],
  [31, 60, 0.22],
  [61, 90, 0.16],
  [91, 120, 0.12],
];

/** How much more likely a customer of each habit is to own an invoice of each story. */
function affinity(plan: InvoicePlan, habit: Habit): number {
  return habitWeights(plan)[habit];
}

function habitWeights(plan: InvoicePlan): Record<Habit, number> {
  switch (plan.category) {
    case 'paid':
      return { prompt: 3, slow: 1.5, troubled: 0.5 };
    case 'overdue':
      return -plan.dueOffset > 30
        ? { prompt: 0.1, slow: 1.5, troubled: 4 }
        : { prompt: 0.6, slow: 2, troubled: 2 };
    case 'partPaid':
    case 'reopened':
      return { prompt: 0.3, slow: 1.5, troubled: 3 };
    default:
      return { prompt: 1, slow: 1, troubled: 1 };
  }
}

export function generateEmptyOrganisation(options: { seed: number; now: number }): OrganisationData {
  return baseOrganisation(createRng(options.seed), options.now);
}

export function generateDemoOrganisation(options: DemoOrganisationOptions): OrganisationData {
  const rng = createRng(options.seed);
  const data = baseOrganisation(rng, options.now);
  const b: Builder = {
    rng,
    data,
    today: calendarDateIn(options.now, DEMO_TIMEZONE),
    now: options.now,
    userName: `${data.user.givenName} ${data.user.familyName}`,
  };

  const customers = makeCustomers(b, options.customers ?? 48);
  const invoiceCount = customers.length > 0 ? (options.invoices ?? 300) : 0;
  const plans = assignCustomers(b, planInvoices(b, invoiceCount), customers);
  const invoices = plans.map((plan) => draftInvoice(b, plan));
  numberInvoices(invoices.map((i) => i.invoice));
  invoices.sort((x, y) => (x.invoice.number < y.invoice.number ? -1 : 1));
  for (const { invoice } of invoices) data.invoices.set(invoice.id, invoice);
  for (const { invoice, plan } of invoices) tellStory(b, invoice, plan);
  addLooseCredit(b, customers);
  numberCreditNotes(b);
  addBills(b, makeSuppliers(b), options.bills ?? 24);
  settleAll(data);
  writeHistory(b);
  finishContacts(b, customers);
  return data;
}

// ---- planning the sales invoices ------------------------------------------------------------

function planInvoices(b: Builder, total: number): InvoicePlan[] {
  const { rng } = b;
  const plans: InvoicePlan[] = [];
  const add = (category: Category, dueOffset: number) => plans.push({ category, dueOffset, customer: null });
  for (const [category, share] of MIX) {
    const count = Math.round(total * share);
    for (let i = 0; i < count; i++) {
      switch (category) {
        case 'notDue':
          // A fifth fall due within three days: the window for a friendly pre-due nudge.
          add(category, i < Math.max(5, Math.round(count * 0.2)) ? rng.int(0, 3) : rng.int(4, 30));
          break;
        case 'overdue':
          add(category, -overdueDays(rng, i, count));
          break;
        case 'partPaid':
          add(category, rng.int(-90, 20));
          break;
        case 'creditedPartly':
          add(category, rng.int(-75, 15));
          break;
        case 'creditedThenPaid':
          add(category, rng.int(-250, -5));
          break;
        case 'reopened':
          add(category, rng.int(-45, -5));
          break;
        case 'voided':
          add(category, rng.int(-250, 10));
          break;
        default:
          add(category, 0);
      }
    }
  }
  while (plans.length < total) add('paid', rng.int(-330, 15));
  return plans.slice(0, total);
}

/** Walks the bands in order so every band is represented even in a small organisation. */
export function overdueDays(rng: Rng, index: number, count: number): number {
  let cumulative = 0;
  const position = (index + 0.5) / count;
  for (const [from, to, share] of OVERDUE_BANDS) {
    cumulative += share;
    if (position < cumulative) return rng.int(from, to);
  }
  return rng.int(91, 120);
}

function assignCustomers(b: Builder, plans: InvoicePlan[], customers: Customer[]): InvoicePlan[] {
  const { rng } = b;
  const archived = customers.filter((c) => c.archived);
  const active = customers.filter((c) => !c.archived);
  const oldPaid = plans.filter((p) => p.category === 'paid' && p.dueOffset < -150);
  for (const [i, plan] of oldPaid.slice(0, archived.length * 3).entries()) {
    plan.customer = archived[i % archived.length] ?? null;
  }
  for (const plan of plans) {
    if (plan.customer) continue;
    // Export customers are invoiced now and then, and never left with a draft or a dispute.
    const domestic = active.filter((c) => c.currency === 'NZD');
    const pool =
      plan.category === 'paid' ||
      plan.category === 'notDue' ||
      plan.category === 'overdue' ||
      domestic.length === 0
        ? active
        : domestic;
    plan.customer = weightedPick(rng, pool, (c) => c.weight * affinity(plan, c.habit));
  }
  for (const plan of plans) if (plan.customer) plan.customer.invoices++;
  // Everyone on the books has bought something at least once.
  for (const idle of active.filter((c) => c.invoices === 0)) {
    const busiest = active.reduce((a, c) => (c.invoices > a.invoices ? c : a));
    const plan = plans.find(
      (p) => p.customer === busiest && (p.category === 'paid' || p.category === 'notDue'),
    );
    if (!plan || busiest.invoices < 3) break;
    plan.customer = idle;
    busiest.invoices--;
    idle.invoices++;
  }
  return plans;
}

function weightedPick<T>(rng: Rng, items: readonly T[], weight: (item: T) => number): T {
  const total = items.reduce((sum, item) => sum + weight(item), 0);
  let roll = rng.next() * total;
  for (const item of items) {
    roll -= weight(item);
    if (roll < 0) return item;
  }
  return rng.pick(items);
}

// ---- the invoices ---------------------------------------------------------------------------

export interface Drafted {
  invoice: InvoiceRecord;
  plan: InvoicePlan;
}

function customerOf(plan: InvoicePlan): Customer {
  if (!plan.customer) throw new Error('Every planned invoice has a customer by now');
  return plan.customer;
}

export function draftInvoice(b: Builder, plan: InvoicePlan): Drafted {
  const { rng, today } = b;
  const customer = customerOf(plan);
  let date: CalendarDate;
  let dueDate: CalendarDate;
  if (plan.category === 'draft' || plan.category === 'submitted' || plan.category === 'deleted') {
    date = addDays(today, -rng.int(0, 6));
    dueDate = addDays(date, customer.termsDays);
  } else {
    // Issued no later than today: an invoice due further out than its terms was issued today.
    const offset = Math.min(plan.dueOffset, customer.termsDays);
    dueDate = addDays(today, offset);
    date = addDays(dueDate, -customer.termsDays);
  }
  const currencyRate =
    customer.currency === 'NZD'
      ? UNIT_RATE
      : (REFERENCE_RATES[customer.currency] ?? UNIT_RATE) + rng.int(-15_000, 15_000);
  const lineItems = salesLines(rng, customer.currency, currencyRate);
  const subTotal = lineItems.reduce((sum, line) => sum + line.lineAmount, 0);
  const totalTax = lineItems.reduce((sum, line) => sum + line.taxAmount, 0);
  const status =
    plan.category === 'draft' ? 'DRAFT' : plan.category === 'submitted' ? 'SUBMITTED' : 'AUTHORISED';
  const invoice: InvoiceRecord = {
    id: rng.uuid(),
    type: 'ACCREC',
    number: '',
    reference: rng.chance(0.35)
      ? `PO ${rng.int(1000, 9999)}`
      : rng.chance(0.2)
        ? `Job ${rng.int(200, 999)}`
        : '',
    contactId: customer.record.id,
    date,
    dueDate,
    status,
    currencyCode: customer.currency,
    currencyRate,
    lineItems,
    subTotal,
    totalTax,
    total: subTotal + totalTax,
    sentToContact: status === 'AUTHORISED',
    fullyPaidOnDate: null,
    updatedAt: eventMs(b, date),
    history: [],
  };
  return { invoice, plan };
}

function salesLines(rng: Rng, currency: Currency, currencyRate: RateMicros): LineItemRecord[] {
  const roll = rng.next();
  const count = roll < 0.4 ? 1 : roll < 0.7 ? 2 : roll < 0.9 ? 3 : 4;
  return rng
    .shuffle(PRODUCTS)
    .slice(0, count)
    .map((product) => {
      const quantity = rng.int(product.minQty, product.maxQty);
      // Export prices are the NZD list price at the day's rate, rounded to the cent.
      const unitAmount =
        currency === 'NZD' ? product.unitCents : divideRounded(product.unitCents * currencyRate, UNIT_RATE);
      const lineAmount = quantity * unitAmount;
      const domestic = currency === 'NZD';
      return {
        id: rng.uuid(),
        itemCode: product.code,
        description: product.description,
        quantity,
        unitAmount,
        accountCode: '200',
        taxType: domestic ? 'OUTPUT2' : 'ZERORATED',
        taxAmount: domestic ? percentOf(lineAmount, 15) : 0,
        lineAmount,
      };
    });
}

function numberInvoices(invoices: InvoiceRecord[]): void {
  const ordered = [...invoices].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  ordered.forEach((invoice, i) => {
    invoice.number = `INV-${String(i + 1).padStart(4, '0')}`;
  });
}

/** What happened to the invoice after it was issued: its payments, credit, voiding or deletion. */
export function tellStory(b: Builder, invoice: InvoiceRecord, plan: InvoicePlan): void {
  const { rng, today } = b;
  const customer = customerOf(plan);
  switch (plan.category) {
    case 'paid': {
      const settled = settlementDate(b, customer, invoice);
      if (invoice.total > 20_000 && rng.chance(0.25)) {
        const first = wholeDollars(divideRounded(invoice.total * rng.int(30, 60), 100));
        const firstDate = between(rng, invoice.date, settled);
        addPayment(b, invoice, first, firstDate);
        addPayment(b, invoice, invoice.total - first, settled);
      } else {
        addPayment(b, invoice, invoice.total, settled);
      }
      break;
    }
    case 'partPaid': {
      const part = wholeDollars(divideRounded(invoice.total * rng.int(20, 60), 100));
      addPayment(b, invoice, Math.max(part, 100), between(rng, invoice.date, today));
      break;
    }
    case 'creditedPartly':
      addCredit(b, invoice, rng.int(10, 40), between(rng, invoice.date, today));
      break;
    case 'creditedThenPaid': {
      const credited = addCredit(b, invoice, rng.int(10, 40), between(rng, invoice.date, invoice.dueDate));
      addPayment(b, invoice, invoice.total - credited, settlementDate(b, customer, invoice));
      break;
    }
    case 'reopened': {
      // Paid, then the payment was taken off (a dishonoured direct credit): open again.
      const paidOn = between(rng, invoice.date, addDays(invoice.dueDate, -1));
      const payment = addPayment(b, invoice, invoice.total, paidOn);
      const removedOn = clampDate(addDays(paidOn, rng.int(2, 6)), paidOn, today);
      payment.status = 'DELETED';
      payment.updatedAt = eventMs(b, removedOn);
      invoice.updatedAt = Math.max(invoice.updatedAt, payment.updatedAt);
      break;
    }
    case 'voided':
      invoice.status = 'VOIDED';
      invoice.sentToContact = rng.chance(0.5);
      invoice.updatedAt = eventMs(b, clampDate(addDays(invoice.date, rng.int(1, 20)), invoice.date, today));
      break;
    case 'deleted':
      invoice.status = 'DELETED';
      invoice.sentToContact = false;
      invoice.updatedAt = eventMs(b, clampDate(addDays(invoice.date, rng.int(0, 2)), invoice.date, today));
      break;
    default:
      break;
  }
}

/** When a customer of this habit settles: prompt ones by the due date, troubled ones weeks late. */
export function settlementDate(b: Builder, customer: Customer, invoice: InvoiceRecord): CalendarDate {
  const { rng } = b;
  const lateness =
    customer.habit === 'prompt'
      ? -rng.int(0, 8)
      : customer.habit === 'slow'
        ? rng.int(1, 25)
        : rng.int(15, 60);
  return clampDate(addDays(invoice.dueDate, lateness), invoice.date, b.today);
}

export function between(rng: Rng, from: CalendarDate, to: CalendarDate): CalendarDate {
  if (to <= from) return from;
  const span = Math.round((dateMs(to) - dateMs(from)) / 86_400_000);
  return addDays(from, rng.int(0, span));
}

export function clampDate(date: CalendarDate, min: CalendarDate, max: CalendarDate): CalendarDate {
  if (date < min) return min;
  return date > max ? max : date;
}

export function wholeDollars(cents: Cents): Cents {
  return Math.floor(cents / 100) * 100;
}

export function addPayment(
  b: Builder,
  invoice: InvoiceRecord,
  amount: Cents,
  date: CalendarDate,
): PaymentRecord {
  const { rng, data } = b;
  const account = data.bankAccounts[0];
  if (!account) throw new Error('The organisation has a bank account');
  const payment: PaymentRecord = {
    id: rng.uuid(),
    invoiceId: invoice.id,
    amount,
    date,
    status: 'AUTHORISED',
    reference: invoice.type === 'ACCREC' ? rng.pick([...PAYMENT_REFERENCES, invoice.number]) : invoice.number,
    accountId: account.id,
    currencyRate: invoice.currencyRate,
    isReconciled: date < addDays(b.today, -3),
    updatedAt: eventMs(b, date),
  };
  data.payments.set(payment.id, payment);
  invoice.updatedAt = Math.max(invoice.updatedAt, payment.updatedAt);
  return payment;
}

/** A credit note for `percent` of the invoice, fully allocated to it. Returns the amount credited. */
function addCredit(b: Builder, invoice: InvoiceRecord, percent: number, date: CalendarDate): Cents {
  const subTotal = Math.max(100, wholeDollars(divideRounded(invoice.subTotal * percent, 100)));
  const note = creditNote(b, invoice.contactId, invoice.currencyCode, invoice.currencyRate, subTotal, date);
  note.allocations.push({ id: b.rng.uuid(), invoiceId: invoice.id, amount: note.total, date });
  note.status = 'PAID';
  note.fullyPaidOnDate = date;
  invoice.updatedAt = Math.max(invoice.updatedAt, note.updatedAt);
  return note.total;
}

export function creditNote(
  b: Builder,
  contactId: string,
  currencyCode: string,
  currencyRate: RateMicros,
  subTotal: Cents,
  date: CalendarDate,
): CreditNoteRecord {
  const { rng } = b;
  const domestic = currencyCode === 'NZD';
  const taxAmount = domestic ? percentOf(subTotal, 15) : 0;
  const note: CreditNoteRecord = {
    id: rng.uuid(),
    type: 'ACCRECCREDIT',
    number: '',
    reference: '',
    contactId,
    date,
    status: 'AUTHORISED',
    currencyCode,
    currencyRate,
    lineItems: [
      {
        id: rng.uuid(),
        itemCode: null,
        description: rng.pick(CREDIT_REASONS),
        quantity: 1,
        unitAmount: subTotal,
        accountCode: '200',
        taxType: domestic ? 'OUTPUT2' : 'ZERORATED',
        taxAmount,
        lineAmount: subTotal,
      },
    ],
    subTotal,
    totalTax: taxAmount,
    total: subTotal + taxAmount,
    allocations: [],
    fullyPaidOnDate: null,
    updatedAt: eventMs(b, date),
  };
  b.data.creditNotes.set(note.id, note);
  return note;
}

/**
 * Credit not (fully) applied to any invoice: the unapplied credit a careful chaser must notice, one
 * credit note applied only in part, and one voided.
 */
function addLooseCredit(b: Builder, customers: Customer[]): void {
  const { rng, data, today } = b;
  const index = indexLedger(data);
  const openInvoices = [...data.invoices.values()].filter(
    (i) => i.status === 'AUTHORISED' && i.currencyCode === 'NZD' && invoiceAmounts(index, i).amountDue > 0,
  );
  const debtors = rng.shuffle([...new Set(openInvoices.map((i) => i.contactId))]);
  const unapplied = Math.max(2, Math.round(customers.length / 16));
  for (const contactId of debtors.slice(0, unapplied)) {
    creditNote(b, contactId, 'NZD', UNIT_RATE, rng.int(5, 40) * 1000, addDays(today, -rng.int(3, 60)));
  }
  const partial = debtors[unapplied];
  const target = openInvoices.find((i) => i.contactId === partial);
  if (partial && target) {
    const date = addDays(today, -rng.int(1, 20));
    const note = creditNote(b, partial, 'NZD', UNIT_RATE, rng.int(10, 30) * 1000, date);
    const amount = Math.min(divideRounded(note.total, 2), invoiceAmounts(index, target).amountDue);
    note.allocations.push({
      id: rng.uuid(),
      invoiceId: target.id,
      amount,
      date: date > target.date ? date : target.date,
    });
    target.updatedAt = Math.max(target.updatedAt, note.updatedAt);
  }
  const voided = debtors[unapplied + 1];
  if (voided) {
    const note = creditNote(
      b,
      voided,
      'NZD',
      UNIT_RATE,
      rng.int(3, 15) * 1000,
      addDays(today, -rng.int(10, 90)),
    );
    note.status = 'VOIDED';
  }
  for (const note of data.creditNotes.values()) {
    if (note.status === 'AUTHORISED' && remainingCredit(note) === 0) note.status = 'PAID';
  }
}

export function numberCreditNotes(b: Builder): void {
  const notes = [...b.data.creditNotes.values()].sort((x, y) =>
    x.date < y.date ? -1 : x.date > y.date ? 1 : 0,
  );
  notes.forEach((note, i) => {
    note.number = `CN-${String(i + 1).padStart(4, '0')}`;
  });
}

// ---- bills from suppliers -------------------------------------------------------------------

function addBills(b: Builder, suppliers: SupplierProfile[], count: number): void {
  const { rng, data, today } = b;
  for (let i = 0; i < count; i++) {
    const { supplier, record } = suppliers[i % suppliers.length] as SupplierProfile;
    const date = addDays(today, -rng.int(0, 180));
    const dueDate = addDays(date, 20);
    const subTotal =
      supplier.minCents === supplier.maxCents
        ? supplier.minCents
        : rng.int(supplier.minCents, supplier.maxCents);
    const taxAmount = percentOf(subTotal, 15);
    const bill: InvoiceRecord = {
      id: rng.uuid(),
      type: 'ACCPAY',
      number: `${supplier.billPrefix}-${rng.int(10_000, 99_999)}`,
      reference: '',
      contactId: record.id,
      date,
      dueDate,
      status: 'AUTHORISED',
      currencyCode: 'NZD',
      currencyRate: UNIT_RATE,
      lineItems: [
        {
          id: rng.uuid(),
          itemCode: null,
          description: supplier.description,
          quantity: 1,
          unitAmount: subTotal,
          accountCode: supplier.accountCode,
          taxType: 'INPUT2',
          taxAmount,
          lineAmount: subTotal,
        },
      ],
      subTotal,
      totalTax: taxAmount,
      total: subTotal + taxAmount,
      sentToContact: false,
      fullyPaidOnDate: null,
      updatedAt: eventMs(b, date),
      history: [],
    };
    data.invoices.set(bill.id, bill);
    if (dueDate < addDays(today, -3)) addPayment(b, bill, bill.total, addDays(dueDate, -rng.int(0, 5)));
  }
}

// ---- history and finishing touches ----------------------------------------------------------

export function amountText(cents: Cents): string {
  const [whole = '0', fraction = '00'] = centsText(cents).split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction}`;
}

function longDate(date: CalendarDate): string {
  return new Date(dateMs(date)).toLocaleDateString('en-NZ', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

function creditLabel(applied: AppliedCredit): string {
  if (applied.kind === 'creditNote') return applied.credit.number;
  return applied.kind === 'overpayment' ? 'Overpayment' : 'Prepayment';
}

/** Xero's own trail on each invoice; every entry is at or before the invoice's UpdatedDateUTC. */
function writeHistory(b: Builder): void {
  const { data, userName } = b;
  const index = indexLedger(data);
  for (const invoice of data.invoices.values()) {
    const contactName = data.contacts.get(invoice.contactId)?.name ?? '';
    const summary = `${invoice.number} to ${contactName} for ${amountText(invoice.total)}.`;
    const latest = invoice.updatedAt;
    const created = Math.min(eventMs(b, invoice.date), latest - 120_000);
    invoice.history.push({ changes: 'Created', at: created, user: userName, details: summary });
    if (invoice.status !== 'DRAFT' && invoice.status !== 'DELETED') {
      invoice.history.push({ changes: 'Approved', at: created + 60_000, user: userName, details: summary });
    }
    const events = [
      ...(index.payments.get(invoice.id) ?? []).map((p) => ({
        at: p.updatedAt,
        changes: 'Payment Received',
        details: `Payment received from ${contactName} on ${longDate(p.date)} for ${amountText(p.amount)}.`,
      })),
      ...(index.credits.get(invoice.id) ?? []).map((applied) => ({
        at: Math.min(Math.max(eventMs(b, applied.allocation.date), created + 120_000), latest),
        changes: 'Credit Applied',
        details: `${creditLabel(applied)} applied for ${amountText(applied.allocation.amount)}.`,
      })),
    ].sort((x, y) => x.at - y.at);
    for (const event of events) invoice.history.push({ ...event, user: userName });
    if (invoice.status === 'VOIDED' || invoice.status === 'DELETED') {
      const changes = invoice.status === 'VOIDED' ? 'Voided' : 'Deleted';
      invoice.history.push({ changes, at: latest, user: userName, details: summary });
    }
  }
}
