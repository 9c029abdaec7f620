// GET /Invoices, GET /Invoices/{InvoiceID}, and the invoice's History & Notes.
import type { Request } from 'express';
import { z } from 'zod';
import type { RouteTable } from './accounting-routes';
import { grantOf, SCOPES } from './api-auth';
import { invoiceAmounts } from './ledger';
import { listRecords, queryList, type ListDefinition } from './listing';
import { invoiceJson, presentHistory } from './present-invoices';
import type { InvoiceRecord } from './records';
import { sendJson, sendNotFound, sendPostDataInvalid, sendValidationError } from './responses';
import type { SandboxStore } from './store';
import { dateMs, msDateBare, utcSeconds } from './xero-dates';
import { jsonArray } from './xero-json';

/** Xero keeps at most this many characters in one history note. */
export const MAX_NOTE_LENGTH = 250;

function invoiceList(store: SandboxStore): ListDefinition<InvoiceRecord> {
  // AmountDue and friends are derived from the store's ledger index.
  const { index } = store;
  const amounts = (i: InvoiceRecord) => invoiceAmounts(index, i);
  return {
    typeName: 'Invoice',
    id: (i) => i.id,
    updatedAt: (i) => i.updatedAt,
    fields: {
      InvoiceID: (i) => i.id,
      Type: (i) => i.type,
      Status: (i) => i.status,
      InvoiceNumber: (i) => i.number,
      Reference: (i) => i.reference,
      'Contact.ContactID': (i) => i.contactId,
      'Contact.Name': (i) => store.data.contacts.get(i.contactId)?.name ?? null,
      CurrencyCode: (i) => i.currencyCode,
      Date: (i) => dateMs(i.date),
      DueDate: (i) => dateMs(i.dueDate),
      UpdatedDateUTC: (i) => i.updatedAt,
      SubTotal: (i) => i.subTotal / 100,
      Total: (i) => i.total / 100,
      AmountDue: (i) => amounts(i).amountDue / 100,
      AmountPaid: (i) => amounts(i).amountPaid / 100,
      AmountCredited: (i) => amounts(i).amountCredited / 100,
      SentToContact: (i) => i.sentToContact,
    },
  };
}

/** By InvoiceID, or by InvoiceNumber, which Xero also accepts in the path. */
export function findInvoice(store: SandboxStore, key: string): InvoiceRecord | undefined {
  const byId = store.data.invoices.get(key.toLowerCase());
  if (byId) return byId;
  return [...store.data.invoices.values()].find((i) => i.number === key);
}

const historyBody = z.object({
  HistoryRecords: z.array(z.object({ Details: z.unknown().optional() }).loose()).min(1),
});

export function registerInvoiceRoutes(routes: RouteTable): void {
  const { store } = routes;

  routes.get('/Invoices', SCOPES.invoicesRead, (req, res) => {
    const set = (values: string[] | undefined) => (values ? new Set(values) : null);
    const ids = set(queryList(req, 'IDs')?.map((id) => id.toLowerCase()));
    const numbers = set(queryList(req, 'InvoiceNumbers') ?? undefined);
    const contacts = set(queryList(req, 'ContactIDs')?.map((id) => id.toLowerCase()));
    const statuses = set(queryList(req, 'Statuses')?.map((s) => s.toUpperCase()));
    const filter =
      ids || numbers || contacts || statuses
        ? {
            key: JSON.stringify([ids, numbers, contacts, statuses].map((s) => (s ? [...s] : null))),
            test: (i: InvoiceRecord) =>
              (!ids || ids.has(i.id)) &&
              (!numbers || numbers.has(i.number)) &&
              (!contacts || contacts.has(i.contactId)) &&
              (!statuses || statuses.has(i.status)),
          }
        : undefined;
    const { items, pagination, paged } = listRecords(req, store.order.invoices, invoiceList(store), filter);
    const ctx = store.presentContext();
    // Line items come with paged lists only, as at Xero; a summary leaves out all that is derived.
    const detail = req.query.summaryOnly === 'true' ? 'summary' : paged ? 'full' : 'list';
    sendJson(res, 200, {
      ...routes.envelope(req),
      ...(pagination ? { pagination } : {}),
      Invoices: jsonArray(items, (invoice) => invoiceJson(ctx, invoice, detail)),
    });
  });

  routes.get('/Invoices/:InvoiceID', SCOPES.invoicesRead, (req, res) => {
    const invoice = findInvoice(store, String(req.params.InvoiceID));
    if (!invoice) {
      sendNotFound(res);
      return;
    }
    sendJson(res, 200, {
      ...routes.envelope(req),
      Invoices: [invoiceJson(store.presentContext(), invoice, 'full')],
    });
  });

  routes.get('/Invoices/:InvoiceID/History', SCOPES.invoicesRead, (req, res) => {
    const invoice = findInvoice(store, String(req.params.InvoiceID));
    if (!invoice) {
      sendNotFound(res);
      return;
    }
    sendJson(res, 200, { ...routes.envelope(req), HistoryRecords: presentHistory(invoice.history) });
  });

  routes.put('/Invoices/:InvoiceID/History', SCOPES.invoicesWrite, (req, res) => {
    const parsed = historyBody.safeParse(req.body);
    if (!parsed.success) {
      sendPostDataInvalid(res, 'The request body must be { "HistoryRecords": [ { "Details": "..." } ] }');
      return;
    }
    const now = store.nowMs();
    const records = parsed.data.HistoryRecords.map((record) => {
      const details = typeof record.Details === 'string' ? record.Details : '';
      return { details, problem: noteProblem(record.Details) };
    });
    const invoice = findInvoice(store, String(req.params.InvoiceID));
    const element = (details: string, problems: string[]) => ({
      DateUTCString: utcSeconds(now),
      DateUTC: msDateBare(now),
      Details: details,
      ValidationErrors: problems.map((Message) => ({ Message })),
    });
    if (!invoice || records.some((r) => r.problem !== null)) {
      const missing = 'The document with the supplied id was not found for this endpoint.';
      sendValidationError(
        res,
        records.map((r) =>
          element(r.details, [...(invoice ? [] : [missing]), ...(r.problem ? [r.problem] : [])]),
        ),
      );
      return;
    }
    // Notes cannot be edited or deleted, and do not change the invoice's UpdatedDateUTC.
    for (const { details } of records) {
      invoice.history.push({ changes: 'Note', at: now, user: noteAuthor(req), details });
    }
    sendJson(res, 200, {
      ...routes.envelope(req),
      HistoryRecords: records.map((r) => element(r.details, [])),
    });
  });
}

function noteAuthor(req: Request): string {
  return grantOf(req).client.name;
}

function noteProblem(details: unknown): string | null {
  if (typeof details !== 'string' || details.trim() === '') return 'The Details field is required.';
  if (details.length > MAX_NOTE_LENGTH) {
    return `The field Details must be a string with a maximum length of ${MAX_NOTE_LENGTH}.`;
  }
  return null;
}
