// The QuickBooks entities a sync reads, as data: how each is queried, parsed and mapped. A mapped
// record may reveal credit besides itself (a payment's credit memo applications and unapplied amount).
import type { z } from 'zod';
import type {
  CanonicalContact,
  CanonicalCredit,
  CanonicalInvoice,
  CanonicalPayment,
  Removals,
} from '../types';
import type { QboCallback, QboSend } from './client';
import { mapCustomer, mapInvoice, toInstant } from './map';
import { mapCreditMemo, mapPayment } from './map-credits';
import { rawCreditMemo, rawCustomer, rawInvoice, rawPayment } from './schemas';

export interface Mapped<Out> {
  records: Out[];
  credits: CanonicalCredit[];
  removed: Removals;
}

export function nothingRemoved(): Removals {
  return { invoices: [], credits: [], payments: [] };
}

export interface EntitySource<Raw, Out> {
  /** QuickBooks' entity name, as CDC and queries spell it. */
  entity: 'Invoice' | 'Customer' | 'Payment' | 'CreditMemo';
  record: z.ZodType<Raw>;
  /** Where a deleted one is reported; customers are never deleted in QuickBooks, only made inactive. */
  deletedAs: keyof Removals | null;
  /** A condition every query adds (customers: inactive ones too, which a bare query leaves out). */
  always: string | null;
  query(criteria: string): QboSend;
  map(raw: Raw): Mapped<Out>;
}

type FindMethod = 'findInvoices' | 'findCustomers' | 'findPayments' | 'findCreditMemos';

/** node-quickbooks takes a query's WHERE/ORDERBY/STARTPOSITION as text (its README says so), though its
 * type declarations name only the object form. */
function find(method: FindMethod, text: string): QboSend {
  return (qbo, callback) => {
    const run = qbo[method] as unknown as (this: typeof qbo, criteria: string, cb: QboCallback) => void;
    run.call(qbo, text, callback);
  };
}

const alone = <Out>(record: Out): Mapped<Out> => ({
  records: [record],
  credits: [],
  removed: nothingRemoved(),
});

export const invoiceSource: EntitySource<z.infer<typeof rawInvoice>, CanonicalInvoice> = {
  entity: 'Invoice',
  record: rawInvoice,
  deletedAs: 'invoices',
  always: null,
  query: (text) => find('findInvoices', text),
  map: (raw) => alone(mapInvoice(raw)),
};

export const customerSource: EntitySource<z.infer<typeof rawCustomer>, CanonicalContact> = {
  entity: 'Customer',
  record: rawCustomer,
  deletedAs: null,
  always: 'Active IN (true, false)',
  query: (text) => find('findCustomers', text),
  map: (raw) => alone(mapCustomer(raw)),
};

export const paymentSource: EntitySource<z.infer<typeof rawPayment>, CanonicalPayment> = {
  entity: 'Payment',
  record: rawPayment,
  deletedAs: 'payments',
  always: null,
  query: (text) => find('findPayments', text),
  map: (raw) => {
    const settled = mapPayment(raw);
    // The payment as it is now is every row it makes: one it no longer makes (an invoice dropped from
    // it, a credit memo no longer applied) is gone.
    const removed = nothingRemoved();
    removed.payments.push({ externalId: raw.Id, updatedAt: toInstant(raw.MetaData.LastUpdatedTime) });
    return { records: settled.payments, credits: settled.credits, removed };
  },
};

export const creditMemoSource: EntitySource<z.infer<typeof rawCreditMemo>, CanonicalCredit> = {
  entity: 'CreditMemo',
  record: rawCreditMemo,
  deletedAs: 'credits',
  always: null,
  query: (text) => find('findCreditMemos', text),
  map: (raw) => alone(mapCreditMemo(raw)),
};

/** `WHERE a AND b ORDERBY Id STARTPOSITION n MAXRESULTS m`, for node-quickbooks to append to its SELECT. */
export function criteria(conditions: (string | null)[], startPosition: number, maxResults: number): string {
  const kept = conditions.filter((c): c is string => c !== null);
  const where = kept.length > 0 ? `WHERE ${kept.join(' AND ')} ` : '';
  return `${where}ORDERBY Id STARTPOSITION ${startPosition} MAXRESULTS ${maxResults}`;
}
