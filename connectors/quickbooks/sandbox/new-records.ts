// New records as QuickBooks makes them: the next Id of their entity, SyncToken 0, the exchange rate
// of their currency against the company's; their times are stamped when they are added (see
// ledger.ts `touch`). And the amounts the store's helpers take, checked.
import { parseCents, type Cents } from '../../shared/sandbox/money';
import type { CalendarDate } from '../../shared/sandbox/calendar-dates';
import { referenceRate } from './company-parts';
import { LedgerError } from './ledger';
import {
  nextId,
  type CompanyData,
  type CreditMemoRecord,
  type CustomerRecord,
  type InvoiceRecord,
  type PaymentRecord,
} from './records';

const fresh = { syncToken: 0, createdAt: 0, updatedAt: 0 };

/** `"150.00"`, `150` or `"150.5"` in cents; a LedgerError for anything else, zero or less included. */
export function positiveCents(amount: string | number): Cents {
  const cents = parseCents(amount);
  if (cents === null) throw new LedgerError(`Not an amount with at most two decimals: ${String(amount)}`);
  if (cents <= 0) throw new LedgerError('The amount must be greater than zero');
  return cents;
}

export function newCustomer(
  data: CompanyData,
  input: { name: string; email?: string; currencyCode?: string; mobile?: string },
): CustomerRecord {
  const [givenName = '', ...rest] = input.name.split(' ');
  return {
    id: nextId(data, 'Customer'),
    ...fresh,
    displayName: input.name,
    companyName: input.name,
    givenName,
    familyName: rest.join(' '),
    email: input.email ?? null,
    mobile: input.mobile ?? null,
    phone: null,
    active: true,
    currency: input.currencyCode ?? data.info.homeCurrency,
  };
}

export function newInvoice(
  data: CompanyData,
  customer: CustomerRecord,
  fields: { txnDate: CalendarDate; dueDate: CalendarDate; total: Cents; description: string },
): InvoiceRecord {
  const id = nextId(data, 'Invoice');
  return {
    id,
    ...fresh,
    ...fields,
    docNumber: String(1000 + Number(id)),
    customerId: customer.id,
    currency: customer.currency,
    exchangeRate: referenceRate(customer.currency, data.info.homeCurrency),
    billEmail: customer.email,
    privateNote: '',
    voided: false,
  };
}

export function newPayment(
  data: CompanyData,
  fields: { customerId: string; currency: string; total: Cents; txnDate: CalendarDate; reference: string },
): PaymentRecord {
  return {
    id: nextId(data, 'Payment'),
    ...fresh,
    ...fields,
    exchangeRate: referenceRate(fields.currency, data.info.homeCurrency),
    lines: [],
  };
}

export function newCreditMemo(
  data: CompanyData,
  fields: { customerId: string; currency: string; total: Cents; txnDate: CalendarDate; description: string },
): CreditMemoRecord {
  const id = nextId(data, 'CreditMemo');
  return {
    id,
    ...fresh,
    ...fields,
    docNumber: `CM-${id}`,
    exchangeRate: referenceRate(fields.currency, data.info.homeCurrency),
    privateNote: '',
  };
}
