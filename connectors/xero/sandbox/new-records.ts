// Records the bookkeeper creates in Xero through the store's helpers: a sales invoice (one line for a
// GST-inclusive amount, approved at once, numbered after the highest INV- number so far) and a
// customer. Credit records are made in credits.ts.
import { splitGst } from './credits';
import type { Cents, RateMicros } from '../../shared/sandbox/money';
import type { ContactRecord, InvoiceRecord, OrganisationData } from './records';
import type { CalendarDate } from './xero-dates';

export interface InvoiceDraft {
  id: string;
  lineId: string;
  number: string;
  contactId: string;
  currencyCode: string;
  currencyRate: RateMicros;
  total: Cents;
  domestic: boolean;
  date: CalendarDate;
  dueDate: CalendarDate;
  reference: string;
  description: string;
  now: number;
  user: string;
}

export function invoiceRecord(draft: InvoiceDraft): InvoiceRecord {
  const { subTotal, totalTax } = splitGst(draft.total, draft.domestic);
  const summary = `${draft.number} for ${draft.currencyCode} ${(draft.total / 100).toFixed(2)}.`;
  return {
    id: draft.id,
    type: 'ACCREC',
    number: draft.number,
    reference: draft.reference,
    contactId: draft.contactId,
    date: draft.date,
    dueDate: draft.dueDate,
    status: 'AUTHORISED',
    currencyCode: draft.currencyCode,
    currencyRate: draft.currencyRate,
    lineItems: [
      {
        id: draft.lineId,
        itemCode: null,
        description: draft.description,
        quantity: 1,
        unitAmount: subTotal,
        accountCode: '200',
        taxType: draft.domestic ? 'OUTPUT2' : 'ZERORATED',
        taxAmount: totalTax,
        lineAmount: subTotal,
      },
    ],
    subTotal,
    totalTax,
    total: draft.total,
    sentToContact: false,
    fullyPaidOnDate: null,
    updatedAt: draft.now,
    history: [
      { changes: 'Created', at: draft.now, user: draft.user, details: summary },
      { changes: 'Approved', at: draft.now, user: draft.user, details: summary },
    ],
  };
}

/** `INV-0301` after `INV-0300`, keeping the organisation's zero-padding. */
export function nextInvoiceNumber(data: OrganisationData): string {
  let highest = 0;
  let width = 4;
  for (const invoice of data.invoices.values()) {
    const match = /^INV-(\d+)$/.exec(invoice.number);
    if (!match?.[1]) continue;
    highest = Math.max(highest, Number(match[1]));
    width = Math.max(width, match[1].length);
  }
  return `INV-${String(highest + 1).padStart(width, '0')}`;
}

export function contactRecord(input: {
  id: string;
  name: string;
  email: string;
  currencyCode: string | null;
  now: number;
}): ContactRecord {
  return {
    id: input.id,
    name: input.name,
    accountNumber: '',
    firstName: '',
    lastName: '',
    email: input.email,
    persons: [],
    status: 'ACTIVE',
    isCustomer: true,
    isSupplier: false,
    defaultCurrency: input.currencyCode,
    taxNumber: '',
    addresses: [],
    phones: [],
    updatedAt: input.now,
  };
}
