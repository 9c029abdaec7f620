// What must hold of the books whatever happened to them, for property tests that throw random
// changes at the store: the figures add up in whole cents, no invoice owes less than nothing, no credit
// is spent twice, statuses follow the money, and a change to an invoice's money moved its
// UpdatedDateUTC (so If-Modified-Since finds it). Returns what is broken, in words; empty when fine.
import {
  creditCounts,
  creditRefs,
  indexLedger,
  invoiceAmounts,
  remainingCredit,
  type LedgerIndex,
} from './ledger';
import { centsText } from '../../shared/sandbox/money';
import type { InvoiceRecord, OrganisationData } from './records';

function describe(invoice: InvoiceRecord): string {
  return `Invoice ${invoice.number} (${invoice.id})`;
}

export function checkInvariants(data: OrganisationData, index: LedgerIndex): string[] {
  const problems: string[] = [];
  const fresh = indexLedger(data);

  for (const invoice of data.invoices.values()) {
    const name = describe(invoice);
    const kept = invoiceAmounts(index, invoice);
    const derived = invoiceAmounts(fresh, invoice);
    const values = [invoice.total, derived.amountPaid, derived.amountCredited, derived.amountDue];
    if (!values.every(Number.isSafeInteger))
      problems.push(`${name}: an amount is not a whole number of cents`);
    if (kept.amountPaid !== derived.amountPaid || kept.amountCredited !== derived.amountCredited) {
      problems.push(`${name}: the ledger index disagrees with the payments and allocations`);
    }
    if (invoice.status === 'VOIDED' || invoice.status === 'DELETED') {
      if (derived.amountPaid > 0 || derived.amountCredited > 0) {
        problems.push(`${name}: ${invoice.status} with money still applied`);
      }
      continue;
    }
    const { amountDue, amountPaid, amountCredited } = derived;
    if (amountDue !== invoice.total - amountPaid - amountCredited) {
      problems.push(`${name}: AmountDue is not Total - AmountPaid - AmountCredited`);
    }
    if (amountDue < 0) problems.push(`${name}: AmountDue ${centsText(amountDue)} is negative`);
    if (invoice.status === 'PAID' && amountDue !== 0) {
      problems.push(`${name}: PAID with ${centsText(amountDue)} still due`);
    }
    if (invoice.status === 'AUTHORISED' && amountDue === 0 && invoice.total > 0) {
      problems.push(`${name}: AUTHORISED with nothing due`);
    }
    if (invoice.status === 'PAID' && !invoice.fullyPaidOnDate)
      problems.push(`${name}: PAID without FullyPaidOnDate`);
  }

  for (const payment of data.payments.values()) {
    const invoice = data.invoices.get(payment.invoiceId);
    if (!invoice) {
      problems.push(`Payment ${payment.id}: no invoice ${payment.invoiceId}`);
      continue;
    }
    if (!Number.isSafeInteger(payment.amount) || payment.amount <= 0) {
      problems.push(`Payment ${payment.id}: amount is not a positive whole number of cents`);
    }
    if (invoice.updatedAt < payment.updatedAt) {
      problems.push(`${describe(invoice)}: changed by payment ${payment.id} after its UpdatedDateUTC`);
    }
  }

  for (const ref of creditRefs(data)) {
    const { credit } = ref;
    const name = `${ref.kind} ${credit.id}`;
    const remaining = remainingCredit(credit);
    if (remaining < 0) problems.push(`${name}: allocated beyond its total (${centsText(remaining)} left)`);
    if (credit.status === 'PAID' && remaining !== 0) problems.push(`${name}: PAID with credit left`);
    if (credit.status === 'AUTHORISED' && remaining === 0 && credit.total > 0) {
      problems.push(`${name}: AUTHORISED with no credit left`);
    }
    if (!creditCounts(ref) && credit.allocations.length > 0) {
      problems.push(`${name}: ${credit.status} but still allocated`);
    }
    for (const allocation of credit.allocations) {
      const invoice = data.invoices.get(allocation.invoiceId);
      if (!invoice) {
        problems.push(`${name}: allocated to missing invoice ${allocation.invoiceId}`);
        continue;
      }
      if (allocation.amount <= 0 || !Number.isSafeInteger(allocation.amount)) {
        problems.push(`${name}: allocation ${allocation.id} is not a positive whole number of cents`);
      }
      if (invoice.currencyCode !== credit.currencyCode || invoice.contactId !== credit.contactId) {
        problems.push(`${name}: allocated to ${describe(invoice)} of another contact or currency`);
      }
    }
  }
  return problems;
}
