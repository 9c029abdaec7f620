// The Xero list endpoints a sync reads, as data: how each is asked for (sales side only, oldest change
// first, the largest page), which records it keeps and how they map.
import type { CanonicalContact, CanonicalCredit, CanonicalInvoice, CanonicalPayment } from '../types';
import { isInvoicePayment, isSalesInvoice, mapContact, mapInvoice, mapPayment } from './map';
import {
  isCustomerCredit,
  isReceivedOverpayment,
  isReceivedPrepayment,
  mapCreditNote,
  mapOverpayment,
  mapPrepayment,
} from './map-credits';
import { XERO_PAGE_SIZE } from './provider';
import {
  contactsPage,
  creditNotesPage,
  invoicesPage,
  overpaymentsPage,
  paymentsPage,
  prepaymentsPage,
  rawContact,
  rawCreditNote,
  rawInvoice,
  rawOverpayment,
  rawPayment,
  rawPrepayment,
  type RawContact,
  type RawCreditNote,
  type RawInvoice,
  type RawOverpayment,
  type RawPayment,
  type RawPrepayment,
} from './schemas';
import type { ListSource } from './sync';

export const ORDER_OLDEST_CHANGE_FIRST = 'UpdatedDateUTC ASC';
export const SALES_INVOICES = 'Type=="ACCREC"';
export const INVOICE_PAYMENTS = 'PaymentType=="ACCRECPAYMENT"';
export const CUSTOMER_CREDIT_NOTES = 'Type=="ACCRECCREDIT"';
export const RECEIVED_OVERPAYMENTS = 'Type=="RECEIVE-OVERPAYMENT"';
export const RECEIVED_PREPAYMENTS = 'Type=="RECEIVE-PREPAYMENT"';

export const invoiceSource: ListSource<RawInvoice, CanonicalInvoice> = {
  resource: 'Invoices',
  idField: 'InvoiceID',
  envelope: invoicesPage,
  record: rawInvoice,
  request: (api, { tenantId, page, modifiedSince }) =>
    api.getInvoices(
      tenantId,
      modifiedSince,
      SALES_INVOICES,
      ORDER_OLDEST_CHANGE_FIRST,
      undefined,
      undefined,
      undefined,
      undefined,
      page,
      undefined,
      undefined,
      undefined,
      true, // summaryOnly: no line items, payments or credits, which come from their own endpoints
      XERO_PAGE_SIZE,
    ),
  keep: isSalesInvoice,
  map: mapInvoice,
};

export const contactSource: ListSource<RawContact, CanonicalContact> = {
  resource: 'Contacts',
  idField: 'ContactID',
  envelope: contactsPage,
  record: rawContact,
  // Archived contacts are included so that archiving one reaches us as a change.
  request: (api, { tenantId, page, modifiedSince }) =>
    api.getContacts(
      tenantId,
      modifiedSince,
      undefined,
      ORDER_OLDEST_CHANGE_FIRST,
      undefined,
      page,
      true, // includeArchived
      undefined,
      undefined,
      XERO_PAGE_SIZE,
    ),
  keep: () => true,
  map: mapContact,
};

export const paymentSource: ListSource<RawPayment, CanonicalPayment> = {
  resource: 'Payments',
  idField: 'PaymentID',
  envelope: paymentsPage,
  record: rawPayment,
  request: (api, { tenantId, page, modifiedSince }) =>
    api.getPayments(
      tenantId,
      modifiedSince,
      INVOICE_PAYMENTS,
      ORDER_OLDEST_CHANGE_FIRST,
      page,
      XERO_PAGE_SIZE,
    ),
  keep: isInvoicePayment,
  map: mapPayment,
};

export const creditNoteSource: ListSource<RawCreditNote, CanonicalCredit> = {
  resource: 'CreditNotes',
  idField: 'CreditNoteID',
  envelope: creditNotesPage,
  record: rawCreditNote,
  request: (api, { tenantId, page, modifiedSince }) =>
    api.getCreditNotes(
      tenantId,
      modifiedSince,
      CUSTOMER_CREDIT_NOTES,
      ORDER_OLDEST_CHANGE_FIRST,
      page,
      undefined,
      XERO_PAGE_SIZE,
    ),
  keep: isCustomerCredit,
  map: mapCreditNote,
};

export const overpaymentSource: ListSource<RawOverpayment, CanonicalCredit> = {
  resource: 'Overpayments',
  idField: 'OverpaymentID',
  envelope: overpaymentsPage,
  record: rawOverpayment,
  request: (api, { tenantId, page, modifiedSince }) =>
    api.getOverpayments(
      tenantId,
      modifiedSince,
      RECEIVED_OVERPAYMENTS,
      ORDER_OLDEST_CHANGE_FIRST,
      page,
      undefined,
      XERO_PAGE_SIZE,
    ),
  keep: isReceivedOverpayment,
  map: mapOverpayment,
};

export const prepaymentSource: ListSource<RawPrepayment, CanonicalCredit> = {
  resource: 'Prepayments',
  idField: 'PrepaymentID',
  envelope: prepaymentsPage,
  record: rawPrepayment,
  request: (api, { tenantId, page, modifiedSince }) =>
    api.getPrepayments(
      tenantId,
      modifiedSince,
      RECEIVED_PREPAYMENTS,
      ORDER_OLDEST_CHANGE_FIRST,
      page,
      undefined,
      XERO_PAGE_SIZE,
    ),
  keep: isReceivedPrepayment,
  map: mapPrepayment,
};
