// Organisations of any size, for benchmarks and property tests: the demo generator's pieces (its
// customers, invoice drafting, payment and credit stories) driven to exact counts. 100,000 invoices,
// 150,000 payments and 10,000 contacts take a few seconds and about 120 MB. Records stay compact
// (amounts in cents; catalogue strings, and dates through xero-dates' day cache, are shared); Xero JSON is only made when a page is asked
// for. To stay small, invoices carry no history trail of Xero's own; notes the app posts are kept.
//
// Of the invoices, `openInvoices` are AUTHORISED with something still due (plain, part-paid, credited
// in part, reopened after a removed payment, or with an overpayment or prepayment applied); the rest
// are PAID, bar 2% VOIDED. Every paid invoice has at least one payment; the payments left over go
// first to part-paying open invoices, then as second (third…) instalments on paid ones. When there
// are fewer payments than closed invoices, the closed invoices left without one are voided.
import { DEMO_TIMEZONE, eventMs, type Builder, type Customer } from './demo-builder';
import { PAYMENT_REFERENCES } from './demo-catalogue';
import { creditNote, numberCreditNotes } from './demo-credit-notes';
import { draftInvoice } from './demo-invoice-drafts';
import { overdueDays, type Category, type InvoicePlan } from './demo-invoice-plan';
import { addPayment, between, settlementDate, tellStory, wholeDollars } from './demo-invoice-stories';
import { baseOrganisation, finishContacts, makeCustomers } from './demo-parties';
import { cashCreditRecord } from './credits';
import { indexLedger, invoiceAmounts, settleAll } from './ledger';
import { divideRounded, type Cents } from '../../shared/sandbox/money';
import { createRng, type Rng } from '../../shared/sandbox/prng';
import { weightedPicker, whole } from '../../shared/sandbox/generation-parts';
import type { CashCreditKind, InvoiceRecord, OrganisationData } from './records';
import { addDays, calendarDateIn } from './xero-dates';

export interface OrganisationSize {
  /** Sales invoices in all. */
  invoices: number;
  /** Of which AUTHORISED with an amount still due. */
  openInvoices: number;
  /** Payments in all, DELETED ones (reopened invoices) included. */
  payments: number;
  /** Customers; at least one when there are invoices. */
  contacts: number;
  /** Default 1% of the invoices: about half credit open invoices in part, the rest is unapplied credit. */
  creditNotes?: number;
  /** RECEIVE-OVERPAYMENTs; default 0.2% of the invoices, about half applied to open invoices. */
  overpayments?: number;
  /** RECEIVE-PREPAYMENTs; default 0.1% of the invoices, about half applied to open invoices. */
  prepayments?: number;
}

export interface GenerateOrganisationOptions extends OrganisationSize {
  seed: number;
  /** The sandbox clock when the organisation is created (epoch ms): every age is relative to it. */
  now: number;
}

interface Counts {
  open: number;
  partPaid: number;
  reopened: number;
  paid: number;
  voided: number;
  /** Payments on each paid invoice beyond the first, spread evenly. */
  spare: number;
  creditNotes: number;
  overpayments: number;
  prepayments: number;
}

function planCounts(size: OrganisationSize): Counts {
  const invoices = whole('invoices', size.invoices);
  const open = whole('openInvoices', size.openInvoices);
  const payments = whole('payments', size.payments);
  if (open > invoices) throw new RangeError('openInvoices cannot exceed invoices');
  if (invoices > 0 && whole('contacts', size.contacts) === 0) {
    throw new RangeError('Invoices need at least one contact');
  }
  const closed = invoices - open;
  let voided = Math.round(closed * 0.02);
  let paid = closed - voided;
  if (payments < paid) {
    voided += paid - payments;
    paid = payments;
  }
  let spare = payments - paid;
  const partPaid = Math.min(spare, Math.round(open * 0.25));
  spare -= partPaid;
  const reopened = Math.min(spare, Math.round(open * 0.01), open - partPaid);
  spare -= reopened;
  if (spare > 0 && paid === 0) {
    throw new RangeError('More payments than the invoices can take: add paid (closed) invoices');
  }
  return {
    open,
    partPaid,
    reopened,
    paid,
    voided,
    spare,
    creditNotes: whole('creditNotes', size.creditNotes ?? Math.round(invoices * 0.01)),
    overpayments: whole('overpayments', size.overpayments ?? Math.round(invoices * 0.002)),
    prepayments: whole('prepayments', size.prepayments ?? Math.round(invoices * 0.001)),
  };
}

export function generateOrganisation(options: GenerateOrganisationOptions): OrganisationData {
  const counts = planCounts(options);
  const rng = createRng(options.seed);
  const data = baseOrganisation(rng, options.now);
  const b: Builder = {
    rng,
    data,
    today: calendarDateIn(options.now, DEMO_TIMEZONE),
    now: options.now,
    userName: `${data.user.givenName} ${data.user.familyName}`,
  };
  const customers = makeCustomers(b, whole('contacts', options.contacts));
  const active = customers.filter((c) => !c.archived);
  // Slow and troubled payers own most of what is still open; prompt ones most of what is paid.
  const openOwner = weightedPicker(rng, active.length > 0 ? active : customers, (c) =>
    c.habit === 'prompt' ? c.weight * 0.3 : c.habit === 'slow' ? c.weight * 1.5 : c.weight * 3,
  );
  const paidOwner = weightedPicker(rng, customers, (c) =>
    c.habit === 'prompt' ? c.weight * 3 : c.habit === 'slow' ? c.weight * 1.5 : c.weight * 0.5,
  );

  const plans = planInvoices(rng, counts, openOwner, paidOwner);
  const drafted = plans.map((plan) => draftInvoice(b, plan));
  number(drafted.map((d) => d.invoice));
  for (const { invoice } of drafted) data.invoices.set(invoice.id, invoice);

  let spareLeft = counts.spare;
  let paidLeft = counts.paid;
  const plainOpen: InvoiceRecord[] = [];
  for (const { invoice, plan } of drafted) {
    if (plan.category === 'paid') {
      const extra = Math.ceil(spareLeft / paidLeft);
      spareLeft -= extra;
      paidLeft--;
      payInFull(b, invoice, plan, 1 + extra);
    } else {
      tellStory(b, invoice, plan);
      if (plan.category === 'overdue' || plan.category === 'notDue') plainOpen.push(invoice);
    }
  }
  const debtors = rng.shuffle(plainOpen);
  const credited = addCreditNotes(b, debtors, counts.creditNotes);
  numberCreditNotes(b);
  addCashCredits(b, debtors.slice(credited), counts.overpayments, counts.prepayments);
  settleAll(data);
  finishContacts(b, customers);
  return data;
}

function planInvoices(
  rng: Rng,
  counts: Counts,
  openOwner: () => Customer,
  paidOwner: () => Customer,
): InvoicePlan[] {
  const plans: InvoicePlan[] = [];
  const add = (category: Category, dueOffset: number, customer: Customer) =>
    plans.push({ category, dueOffset, customer });
  const plain = counts.open - counts.partPaid - counts.reopened;
  const notDue = Math.round(plain * 0.25);
  for (let i = 0; i < counts.partPaid; i++) add('partPaid', rng.int(-90, 20), openOwner());
  for (let i = 0; i < counts.reopened; i++) add('reopened', rng.int(-45, -5), openOwner());
  for (let i = 0; i < notDue; i++) add('notDue', rng.int(0, 30), openOwner());
  for (let i = 0; i < plain - notDue; i++) {
    add('overdue', -overdueDays(rng, i, plain - notDue), openOwner());
  }
  for (let i = 0; i < counts.paid; i++) add('paid', rng.int(-720, 15), paidOwner());
  for (let i = 0; i < counts.voided; i++) add('voided', rng.int(-500, 10), paidOwner());
  for (const plan of plans) if (plan.customer) plan.customer.invoices++;
  return plans;
}

/** INV-000001 onwards in date order, zero-padded so that text order is number order. */
function number(invoices: InvoiceRecord[]): void {
  const width = Math.max(4, String(invoices.length).length);
  const ordered = [...invoices].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  ordered.forEach((invoice, i) => {
    invoice.number = `INV-${String(i + 1).padStart(width, '0')}`;
  });
}

/** Settled in `count` instalments, the last on the day the customer's habit says. */
function payInFull(b: Builder, invoice: InvoiceRecord, plan: InvoicePlan, count: number): void {
  if (!plan.customer) throw new Error('Every planned invoice has a customer');
  const settled = settlementDate(b, plan.customer, invoice);
  const parts = Math.min(count, invoice.total);
  const even = Math.floor(invoice.total / parts);
  // Instalments in whole dollars where the amount allows; the last one takes the rest.
  const share = wholeDollars(even) || even;
  for (let i = 0; i < parts - 1; i++) addPayment(b, invoice, share, between(b.rng, invoice.date, settled));
  addPayment(b, invoice, invoice.total - share * (parts - 1), settled);
}

/** Part of them credit an open invoice in part (10–40%); the rest is credit not yet applied. */
function addCreditNotes(b: Builder, debtors: InvoiceRecord[], count: number): number {
  const { rng, today } = b;
  const applied = Math.min(Math.round(count * 0.5), debtors.length);
  for (let i = 0; i < count; i++) {
    const invoice = i < applied ? debtors[i] : debtors.length > 0 ? rng.pick(debtors) : undefined;
    const contactId = invoice?.contactId ?? rng.pick([...b.data.contacts.keys()]);
    if (i < applied && invoice) {
      const date = between(rng, invoice.date, today);
      const subTotal = Math.max(100, wholeDollars(divideRounded(invoice.subTotal * rng.int(10, 40), 100)));
      const note = creditNote(b, contactId, invoice.currencyCode, invoice.currencyRate, subTotal, date);
      note.allocations.push({ id: rng.uuid(), invoiceId: invoice.id, amount: note.total, date });
      note.status = 'PAID';
      note.fullyPaidOnDate = date;
      invoice.updatedAt = Math.max(invoice.updatedAt, note.updatedAt);
    } else {
      const currency = invoice ?? { currencyCode: 'NZD', currencyRate: 1_000_000 };
      creditNote(
        b,
        contactId,
        currency.currencyCode,
        currency.currencyRate,
        rng.int(5, 40) * 1000,
        addDays(today, -rng.int(3, 60)),
      );
    }
  }
  return applied;
}

/** Overpayments and prepayments: about half applied to an open invoice, the rest held as credit. */
function addCashCredits(
  b: Builder,
  debtors: InvoiceRecord[],
  overpayments: number,
  prepayments: number,
): void {
  const { rng, data, today } = b;
  const index = indexLedger(data);
  const due = (invoice: InvoiceRecord): Cents => invoiceAmounts(index, invoice).amountDue;
  let next = 0;
  const make = (kind: CashCreditKind, n: number) => {
    const invoice = debtors.length > 0 ? debtors[next++ % debtors.length] : undefined;
    const contactId = invoice?.contactId ?? rng.pick([...data.contacts.keys()]);
    const date = invoice ? between(rng, invoice.date, today) : addDays(today, -rng.int(1, 90));
    const credit = cashCreditRecord({
      id: rng.uuid(),
      lineId: rng.uuid(),
      kind,
      contactId,
      currencyCode: invoice?.currencyCode ?? 'NZD',
      currencyRate: invoice?.currencyRate ?? 1_000_000,
      total: rng.int(2, 60) * 1000 + rng.pick([0, 0, 50, 99]),
      date,
      reference:
        kind === 'overpayment' ? rng.pick(PAYMENT_REFERENCES) : `PP-${String(n + 1).padStart(4, '0')}`,
      description: kind === 'overpayment' ? 'Overpayment' : 'Payment in advance',
      domestic: (invoice?.currencyCode ?? 'NZD') === data.organisation.baseCurrency,
      updatedAt: eventMs(b, date),
    });
    // Applied to about half, leaving the invoice with something still due.
    const room = invoice ? due(invoice) - 100 : 0;
    if (invoice && rng.chance(0.5) && room > 0) {
      const amount = Math.min(credit.total, room);
      const allocation = { id: rng.uuid(), invoiceId: invoice.id, amount, date };
      credit.allocations.push(allocation);
      if (amount === credit.total) credit.status = 'PAID';
      index.credits.set(invoice.id, [...(index.credits.get(invoice.id) ?? []), { kind, credit, allocation }]);
      invoice.updatedAt = Math.max(invoice.updatedAt, credit.updatedAt);
    }
    (kind === 'overpayment' ? data.overpayments : data.prepayments).set(credit.id, credit);
  };
  for (let i = 0; i < overpayments; i++) make('overpayment', i);
  for (let i = 0; i < prepayments; i++) make('prepayment', i);
}
