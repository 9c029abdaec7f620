// Companies of any size, deterministic from a seed, dated relative to the sandbox clock. Of the
// invoices, `open` still have a Balance (not yet due, due soon, 1–120 days overdue, part-paid,
// credited in part, or reopened after a payment was deleted); the rest are paid in full, in one or
// more payments, bar 2% voided. `payments` counts the payments that carry money to invoices; applying
// a credit memo adds a payment of 0 beside them, and `unappliedPayments` (money received and not yet
// applied) come on top. A few invoices and payments were deleted recently: CDC reports them.
// 100,000 invoices, 150,000 payments and 10,000 customers take a second or two.
import { divideRounded, type Cents } from '../../shared/sandbox/money';
import { createRng } from '../../shared/sandbox/prng';
import { weightedPicker, whole } from '../../shared/sandbox/generation-parts';
import { addDays, calendarDateIn, type CalendarDate } from '../../shared/sandbox/calendar-dates';
import {
  baseCompany,
  businessMs,
  makeCustomers,
  referenceRate,
  type Country,
  type Customer,
} from './company-parts';
import type { CompanyData, CreditMemoRecord, InvoiceRecord, PaymentLine, PaymentRecord } from './records';

export interface CompanySize {
  invoices: number;
  /** Invoices with a Balance still open (`openInvoices` is the Xero sandbox's name for it). */
  open?: number;
  openInvoices?: number;
  /** Payments carrying money to invoices. */
  payments: number;
  /** Customers; at least one when there are invoices. */
  contacts: number;
  /** Default 1% of the invoices: half applied in part to open invoices, half left as credit. */
  creditMemos?: number;
  /** Default 0.1% of the invoices, at least one when there are invoices. */
  unappliedPayments?: number;
  /** Invoices deleted in the last few weeks; default 0.2% of the invoices. */
  deletedInvoices?: number;
}

export interface GenerateCompanyOptions extends CompanySize {
  seed: number;
  /** The sandbox clock when the company is made (epoch ms): every age is relative to it. */
  now: number;
  /** Default 'US'. */
  country?: Country;
}

type Category = 'notDue' | 'overdue' | 'partPaid' | 'reopened' | 'paid' | 'voided';

interface Draft {
  invoice: InvoiceRecord;
  category: Category;
  customer: Customer;
}

function plan(size: CompanySize): Category[] {
  const invoices = whole('invoices', size.invoices);
  const open = whole('open', size.open ?? size.openInvoices ?? Math.round(invoices * 0.3));
  const payments = whole('payments', size.payments);
  if (open > invoices) throw new RangeError('open cannot exceed invoices');
  if (invoices > 0 && whole('contacts', size.contacts) === 0)
    throw new RangeError('Invoices need at least one contact');
  const closed = invoices - open;
  let voided = Math.round(closed * 0.02);
  let paid = closed - voided;
  if (payments < paid) {
    voided += paid - payments;
    paid = payments;
  }
  const spare = payments - paid;
  const partPaid = Math.min(spare, Math.round(open * 0.25));
  if (spare - partPaid > 0 && paid === 0) throw new RangeError('More payments than the invoices can take');
  const reopened = Math.min(open - partPaid, Math.round(open * 0.01));
  const plain = open - partPaid - reopened;
  const notDue = Math.round(plain * 0.25);
  const counts: [Category, number][] = [
    ['partPaid', partPaid],
    ['reopened', reopened],
    ['notDue', notDue],
    ['overdue', plain - notDue],
    ['paid', paid],
    ['voided', voided],
  ];
  return counts.flatMap(([category, n]) => Array.from({ length: n }, () => category));
}

export function generateCompany(options: GenerateCompanyOptions): CompanyData {
  const categories = plan(options);
  const { now } = options;
  const rng = createRng(options.seed);
  const data = baseCompany(rng, now, options.country ?? 'US');
  const zone = data.info.timeZone;
  const today = calendarDateIn(now, zone);
  const at = (date: CalendarDate) => businessMs(rng, date, zone, now);
  const customers = makeCustomers(rng, data, whole('contacts', options.contacts), now);
  const active = customers.filter((c) => c.record.active);
  const openOwner = weightedPicker(
    rng,
    active.length > 0 ? active : customers,
    (c) => c.weight * (c.habit === 'prompt' ? 0.3 : 2),
  );
  const paidOwner = weightedPicker(rng, customers, (c) => c.weight * (c.habit === 'prompt' ? 3 : 1));
  const home = data.info.homeCurrency;

  const drafts: Draft[] = categories.map((category) => {
    const customer = category === 'paid' || category === 'voided' ? paidOwner() : openOwner();
    const dueOffset =
      category === 'notDue'
        ? rng.int(0, 30)
        : category === 'overdue'
          ? -(1 + Math.floor(119 * rng.next() ** 2))
          : category === 'partPaid'
            ? rng.int(-90, 20)
            : category === 'reopened'
              ? rng.int(-45, -5)
              : rng.int(-720, 10);
    const terms = rng.chance(0.7) ? 30 : 15;
    const dueDate = addDays(today, dueOffset);
    const txnDate = addDays(dueDate, -terms);
    const record = customer.record;
    const total = rng.int(2, 400) * 2500 + rng.pick([0, 0, 0, 50, 99, 1250]);
    const invoice: InvoiceRecord = {
      id: '',
      syncToken: 0,
      createdAt: at(txnDate < today ? txnDate : today),
      updatedAt: 0,
      docNumber: '',
      customerId: record.id,
      txnDate: txnDate < today ? txnDate : today,
      dueDate,
      total,
      description: rng.pick([
        'Vinyl banners',
        'Shopfront signage',
        'Vehicle wrap',
        'Event posters',
        'Menu boards',
        'Wayfinding signs',
      ]),
      currency: record.currency,
      exchangeRate: referenceRate(record.currency, home),
      billEmail: record.email,
      privateNote: '',
      voided: category === 'voided',
    };
    invoice.updatedAt = invoice.createdAt;
    return { invoice, category, customer };
  });
  drafts.sort((a, b) =>
    a.invoice.txnDate < b.invoice.txnDate ? -1 : a.invoice.txnDate > b.invoice.txnDate ? 1 : 0,
  );
  for (const { invoice } of drafts) {
    invoice.id = String(++data.lastIds.Invoice);
    invoice.docNumber = String(1000 + data.lastIds.Invoice);
    data.invoices.set(invoice.id, invoice);
  }

  const payments: PaymentRecord[] = [];
  /** A payment by the invoice's customer; the invoices its lines link change with it. */
  const pay = (
    invoice: InvoiceRecord,
    amount: Cents,
    date: CalendarDate,
    lines: PaymentLine[],
  ): PaymentRecord => {
    const time = at(date);
    const payment: PaymentRecord = {
      id: '',
      syncToken: 0,
      createdAt: time,
      updatedAt: time,
      customerId: invoice.customerId,
      txnDate: date,
      total: amount,
      currency: invoice.currency,
      exchangeRate: invoice.exchangeRate,
      reference: rng.chance(0.6) ? `CHK ${rng.int(1000, 9999)}` : '',
      lines,
    };
    for (const line of lines) {
      const linked =
        line.txnType === 'Invoice' ? data.invoices.get(line.txnId) : data.creditMemos.get(line.txnId);
      if (linked) linked.updatedAt = Math.max(linked.updatedAt, time);
    }
    payments.push(payment);
    return payment;
  };
  const applied = (invoice: InvoiceRecord, amount: Cents): PaymentLine[] => [
    { txnType: 'Invoice', txnId: invoice.id, amount },
  ];
  const between = (from: CalendarDate, to: CalendarDate): CalendarDate =>
    to <= from
      ? from
      : addDays(from, rng.int(0, Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000)));

  const paid = drafts.filter((d) => d.category === 'paid');
  let spare = options.payments - paid.length - drafts.filter((d) => d.category === 'partPaid').length;
  let paidLeft = paid.length;
  for (const { invoice, category, customer } of drafts) {
    if (category === 'paid') {
      const extra = Math.ceil(Math.max(0, spare) / paidLeft--);
      spare -= extra;
      const lag =
        customer.habit === 'prompt'
          ? rng.int(-10, 3)
          : customer.habit === 'slow'
            ? rng.int(5, 45)
            : rng.int(20, 90);
      const settled = addDays(invoice.dueDate, lag);
      const last = settled > today ? today : settled < invoice.txnDate ? invoice.txnDate : settled;
      const parts = Math.min(1 + extra, invoice.total);
      const share = Math.floor(invoice.total / parts);
      const rest = invoice.total - share * (parts - 1);
      for (let i = 0; i < parts - 1; i++)
        pay(invoice, share, between(invoice.txnDate, last), applied(invoice, share));
      pay(invoice, rest, last, applied(invoice, rest));
    } else if (category === 'partPaid') {
      const amount = Math.max(100, divideRounded(invoice.total * rng.int(20, 80), 100));
      pay(invoice, amount, between(invoice.txnDate, today), applied(invoice, amount));
    } else if (category === 'reopened') {
      const deletedAt = now - rng.int(1, 20) * 86_400_000;
      data.tombstones.push({ entity: 'Payment', id: String(-1), at: deletedAt });
      invoice.updatedAt = Math.max(invoice.updatedAt, deletedAt);
    }
  }

  const plainOpen = rng.shuffle(drafts.filter((d) => d.category === 'overdue' || d.category === 'notDue'));
  const memoCount = whole('creditMemos', options.creditMemos ?? Math.round(drafts.length * 0.01));
  const memos: { memo: CreditMemoRecord; invoice?: InvoiceRecord }[] = [];
  for (let i = 0; i < memoCount; i++) {
    const target = i % 2 === 0 ? plainOpen[i >> 1]?.invoice : undefined;
    const owner = target ? data.customers.get(target.customerId) : rng.pick(customers).record;
    if (!owner) continue;
    const total = target
      ? Math.max(100, divideRounded(target.total * rng.int(10, 40), 100))
      : rng.int(5, 40) * 1000;
    const date = target ? between(target.txnDate, today) : addDays(today, -rng.int(3, 60));
    const time = at(date);
    const memo: CreditMemoRecord = {
      id: '',
      syncToken: 0,
      createdAt: time,
      updatedAt: time,
      docNumber: '',
      customerId: owner.id,
      txnDate: date,
      total,
      description: target ? 'Credit for reprint' : 'Goodwill credit',
      currency: owner.currency,
      exchangeRate: referenceRate(owner.currency, home),
      privateNote: '',
    };
    memos.push({ memo, ...(target ? { invoice: target } : {}) });
  }
  memos.sort((a, b) => a.memo.createdAt - b.memo.createdAt);
  for (const { memo, invoice } of memos) {
    memo.id = String(++data.lastIds.CreditMemo);
    memo.docNumber = `CM-${memo.id}`;
    data.creditMemos.set(memo.id, memo);
    if (!invoice) continue;
    const application = pay(invoice, 0, memo.txnDate, [
      ...applied(invoice, memo.total),
      { txnType: 'CreditMemo', txnId: memo.id, amount: memo.total },
    ]);
    application.reference = '';
  }

  const unapplied = whole(
    'unappliedPayments',
    options.unappliedPayments ?? (drafts.length > 0 ? Math.max(1, Math.round(drafts.length * 0.001)) : 0),
  );
  for (let i = 0; i < unapplied; i++) {
    const owner = plainOpen[i % Math.max(1, plainOpen.length)]?.invoice ?? drafts[i % drafts.length]?.invoice;
    if (owner) pay(owner, rng.int(2, 30) * 1000, addDays(today, -rng.int(1, 25)), []);
  }

  payments.sort((a, b) => a.createdAt - b.createdAt);
  for (const payment of payments) {
    payment.id = String(++data.lastIds.Payment);
    data.payments.set(payment.id, payment);
  }
  // Deleted payments behind reopened invoices, and deleted invoices, took Ids of their own.
  for (const tomb of data.tombstones) tomb.id = String(++data.lastIds.Payment);
  const deleted = whole('deletedInvoices', options.deletedInvoices ?? Math.round(drafts.length * 0.002));
  for (let i = 0; i < deleted; i++) {
    data.tombstones.push({
      entity: 'Invoice',
      id: String(++data.lastIds.Invoice),
      at: now - rng.int(1, 20) * 86_400_000,
    });
  }
  data.tombstones.sort((a, b) => a.at - b.at);
  return data;
}
