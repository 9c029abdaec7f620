// GET /Organisation, GET /Contacts and GET /Contacts/{ContactID}.
import type { RouteTable } from './accounting-routes';
import { SCOPES } from './api-auth';
import { listRecords, queryList, queryParam, type ListDefinition } from './listing';
import { contactJson, presentOrganisation } from './present-contacts';
import type { ContactRecord } from './records';
import { sendJson, sendNotFound } from './responses';
import { jsonArray } from './xero-json';

const CONTACTS: ListDefinition<ContactRecord> = {
  typeName: 'Contact',
  id: (c) => c.id,
  updatedAt: (c) => c.updatedAt,
  fields: {
    ContactID: (c) => c.id,
    Name: (c) => c.name,
    FirstName: (c) => c.firstName,
    LastName: (c) => c.lastName,
    EmailAddress: (c) => c.email,
    AccountNumber: (c) => c.accountNumber,
    ContactStatus: (c) => c.status,
    IsCustomer: (c) => c.isCustomer,
    IsSupplier: (c) => c.isSupplier,
    UpdatedDateUTC: (c) => c.updatedAt,
  },
};

export function registerContactRoutes(routes: RouteTable): void {
  const { store } = routes;

  routes.get('/Organisation', SCOPES.settingsRead, (req, res) => {
    sendJson(res, 200, {
      ...routes.envelope(req),
      Organisations: [presentOrganisation(store.data.organisation)],
    });
  });

  routes.get('/Contacts', SCOPES.contactsRead, (req, res) => {
    const idList = queryList(req, 'IDs')?.map((id) => id.toLowerCase());
    const ids = idList ? new Set(idList) : null;
    // Archived contacts stay out of the list unless asked for, as at Xero.
    const includeArchived = queryParam(req, 'includeArchived')?.toLowerCase() === 'true';
    const search = queryParam(req, 'searchTerm')?.toLowerCase();
    const filter = {
      key: JSON.stringify([includeArchived, idList ?? null, search ?? null]),
      test: (c: ContactRecord) =>
        (includeArchived || c.status !== 'ARCHIVED') &&
        (!ids || ids.has(c.id)) &&
        (!search ||
          [c.name, c.firstName, c.lastName, c.email].some((text) => text.toLowerCase().includes(search))),
    };
    const { items, pagination } = listRecords(req, store.order.contacts, CONTACTS, filter);
    sendJson(res, 200, {
      ...routes.envelope(req),
      ...(pagination ? { pagination } : {}),
      Contacts: jsonArray(items, contactJson),
    });
  });

  routes.get('/Contacts/:ContactID', SCOPES.contactsRead, (req, res) => {
    const contact = store.data.contacts.get(String(req.params.ContactID).toLowerCase());
    if (!contact) {
      sendNotFound(res);
      return;
    }
    sendJson(res, 200, { ...routes.envelope(req), Contacts: [contactJson(contact)] });
  });
}
