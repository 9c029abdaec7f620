// Drafting the demo's sales invoices from their plans: dates that fit the customer's terms and the
// story's due date, export prices at the day's rate, a few catalogue lines each, and INV- numbers in
// date order (as Xero numbers them) once every invoice is drafted.
import { eventMs, type Builder, type Currency } from './demo-builder';
import { REFERENCE_RATES } from './credits';
import { PRODUCTS } from './demo-catalogue';
import { customerOf, type InvoicePlan } from './demo-invoice-plan';
import { divideRounded, percentOf, UNIT_RATE, type RateMicros } from '../../shared/sandbox/money';
import type { Rng } from '../../shared/sandbox/prng';
import type { InvoiceRecord, LineItemRecord } from './records';
import { addDays, type CalendarDate } from './xero-dates';

export interface Drafted {
  invoice: InvoiceRecord;
  plan: InvoicePlan;
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

export function numberInvoices(invoices: InvoiceRecord[]): void {
  const ordered = [...invoices].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  ordered.forEach((invoice, i) => {
    invoice.number = `INV-${String(i + 1).padStart(4, '0')}`;
  });
}
