// One page of one resource per call, as the sync contract asks: GET with page, the largest page size,
// If-Modified-Since from the cursor, sales documents only, oldest change first.
import type { AccountingApi } from 'xero-node';
import type { z } from 'zod';
import type {
  ApiContext,
  CanonicalContact,
  CanonicalCredit,
  CanonicalInvoice,
  CanonicalPayment,
  Instant,
  Page,
  SyncCursor,
} from '../types';
import { rawBody, type AccountingApiFactory, type XeroNodeCall } from './client';
import { checkCursor, isLastPage, nextCursor } from './cursor';
import { laterInstant, toInstant } from './dates';
import {
  isCustomerCredit,
  isInvoicePayment,
  isSalesInvoice,
  mapContact,
  mapCreditNote,
  mapInvoice,
  mapPayment,
} from './map';
import { parseEnvelope, parseRecord, recordError } from './parse';
import { XERO_PAGE_SIZE } from './provider';
import {
  contactsPage,
  creditNotesPage,
  invoicesPage,
  paymentsPage,
  rawContact,
  rawCreditNote,
  rawInvoice,
  rawPayment,
  type RawContact,
  type RawCreditNote,
  type RawInvoice,
  type RawListPage,
  type RawPayment,
} from './schemas';

export const ORDER_OLDEST_CHANGE_FIRST = 'UpdatedDateUTC ASC';
export const SALES_INVOICES = 'Type=="ACCREC"';
export const INVOICE_PAYMENTS = 'PaymentType=="ACCRECPAYMENT"';
export const CUSTOMER_CREDIT_NOTES = 'Type=="ACCRECCREDIT"';

interface PageRequest {
  tenantId: string;
  page: number;
  modifiedSince: Date | undefined;
}

/** How one Xero list endpoint is asked for, parsed and mapped. */
export interface ListSource<Raw extends { UpdatedDateUTC: string }, Out> {
  resource: string;
  idField: string;
  envelope: z.ZodType<RawListPage>;
  record: z.ZodType<Raw>;
  request(api: AccountingApi, page: PageRequest): XeroNodeCall;
  keep(raw: Raw): boolean;
  map(raw: Raw): Out;
}

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
      undefined,
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

/** Parses and maps every record of a page; any bad record fails the whole page, naming itself. */
export function readPage<Raw extends { UpdatedDateUTC: string }, Out>(
  source: ListSource<Raw, Out>,
  records: unknown[],
  what: string,
): { kept: Out[]; newest: Instant | null } {
  const kept: Out[] = [];
  let newest: Instant | null = null;
  records.forEach((raw, index) => {
    const record = parseRecord(source.record, raw, what, index, source.idField);
    // Records we skip still moved the clock: the pass has seen them.
    newest = laterInstant(newest, toInstant(record.UpdatedDateUTC));
    if (!source.keep(record)) return;
    try {
      kept.push(source.map(record));
    } catch (err) {
      throw recordError(what, index, raw, source.idField, err instanceof Error ? err.message : String(err));
    }
  });
  return { kept, newest };
}

export async function pullPage<Raw extends { UpdatedDateUTC: string }, Out>(
  api: AccountingApiFactory,
  source: ListSource<Raw, Out>,
  ctx: ApiContext,
  cursor: SyncCursor,
): Promise<Page<Out>> {
  checkCursor(cursor);
  const what = `${source.resource} page ${cursor.nextPage}`;
  const request: PageRequest = {
    tenantId: ctx.tenantId,
    page: cursor.nextPage,
    modifiedSince: cursor.modifiedSince === null ? undefined : new Date(cursor.modifiedSince),
  };
  const body = await rawBody(what, () => source.request(api(ctx.accessToken), request));
  const { records, pagination } = parseEnvelope(source.envelope, body, what);
  const { kept, newest } = readPage(source, records, what);
  const last = isLastPage(records.length, XERO_PAGE_SIZE, pagination);
  return { records: kept, cursor: nextCursor(cursor, newest, last), last };
}
