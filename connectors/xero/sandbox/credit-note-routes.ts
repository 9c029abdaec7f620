// GET /CreditNotes and GET /CreditNotes/{CreditNoteID}, with their Allocations and RemainingCredit,
// and allocating credit notes to invoices.
import type { RouteTable } from './accounting-routes';
import { registerAllocationRoutes } from './allocation-routes';
import { SCOPES } from './api-auth';
import { remainingCredit } from './ledger';
import { listRecords, type ListDefinition } from './listing';
import { creditNoteJson } from './present-credit-notes';
import type { CreditNoteRecord } from './records';
import { sendJson, sendNotFound } from './responses';
import type { SandboxStore } from './store';
import { dateMs } from './xero-dates';
import { jsonArray } from './xero-json';

function creditNoteList(store: SandboxStore): ListDefinition<CreditNoteRecord> {
  return {
    typeName: 'CreditNote',
    id: (n) => n.id,
    updatedAt: (n) => n.updatedAt,
    fields: {
      CreditNoteID: (n) => n.id,
      CreditNoteNumber: (n) => n.number,
      Type: (n) => n.type,
      Status: (n) => n.status,
      Reference: (n) => n.reference,
      'Contact.ContactID': (n) => n.contactId,
      'Contact.Name': (n) => store.data.contacts.get(n.contactId)?.name ?? null,
      CurrencyCode: (n) => n.currencyCode,
      Date: (n) => dateMs(n.date),
      UpdatedDateUTC: (n) => n.updatedAt,
      Total: (n) => n.total / 100,
      RemainingCredit: (n) => remainingCredit(n) / 100,
    },
  };
}

export function registerCreditNoteRoutes(routes: RouteTable): void {
  const { store } = routes;

  routes.get('/CreditNotes', SCOPES.invoicesRead, (req, res) => {
    const { items, pagination, paged } = listRecords(req, store.order.creditNotes, creditNoteList(store));
    const ctx = store.presentContext();
    sendJson(res, 200, {
      ...routes.envelope(req),
      ...(pagination ? { pagination } : {}),
      CreditNotes: jsonArray(items, (note) => creditNoteJson(ctx, note, paged)),
    });
  });

  routes.get('/CreditNotes/:CreditNoteID', SCOPES.invoicesRead, (req, res) => {
    const key = String(req.params.CreditNoteID);
    const note =
      store.data.creditNotes.get(key.toLowerCase()) ??
      [...store.data.creditNotes.values()].find((n) => n.number === key);
    if (!note) {
      sendNotFound(res);
      return;
    }
    sendJson(res, 200, {
      ...routes.envelope(req),
      CreditNotes: [creditNoteJson(store.presentContext(), note, true)],
    });
  });

  registerAllocationRoutes(routes, 'creditNote', 'CreditNotes', SCOPES.invoicesWrite);
}
