// The demo's credit notes: how one is made, the loose credit a careful chaser must notice (credit
// left unapplied, applied in part, or voided), and CN- numbers in date order once all are made.
import { eventMs, type Builder, type Customer } from './demo-builder';
import { CREDIT_REASONS } from './demo-catalogue';
import { indexLedger, invoiceAmounts, remainingCredit } from './ledger';
import { divideRounded, percentOf, UNIT_RATE, type Cents, type RateMicros } from '../../shared/sandbox/money';
import type { CreditNoteRecord } from './records';
import { addDays, type CalendarDate } from './xero-dates';

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
export function addLooseCredit(b: Builder, customers: Customer[]): void {
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
