// What happened to each demo invoice after it was issued, told as records: payments dated by the
// customer's habits, credit notes allocated to it, a payment taken off again, voiding or deletion.
// Invoice statuses that follow from the records are left to ledger.ts; only voiding and deletion
// are set here.
import { eventMs, type Builder, type Customer } from './demo-builder';
import { PAYMENT_REFERENCES } from './demo-catalogue';
import { creditNote } from './demo-credit-notes';
import { customerOf, type InvoicePlan } from './demo-invoice-plan';
import { divideRounded, type Cents } from '../../shared/sandbox/money';
import type { Rng } from '../../shared/sandbox/prng';
import type { InvoiceRecord, PaymentRecord } from './records';
import { addDays, dateMs, type CalendarDate } from './xero-dates';

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
