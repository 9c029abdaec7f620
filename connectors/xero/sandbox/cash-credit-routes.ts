// GET /Overpayments and GET /Prepayments (list and by id), with their allocations and remaining
// credit, and allocating them to invoices. Both live under the payments scopes.
import type { RouteTable } from './accounting-routes';
import { SCOPES } from './api-auth';
import { registerAllocationRoutes } from './allocation-routes';
import { remainingCredit } from './ledger';
import { listRecords, queryList, type ListDefinition } from './listing';
import { presentOverpayment, presentPrepayment } from './present-credits';
import type { PresentContext } from './present-parts';
import type { CashCreditKind, CashCreditRecord } from './records';
import { sendJson, sendNotFound } from './responses';
import type { SandboxStore } from './store';
import { dateMs } from './xero-dates';

interface Resource {
  kind: CashCreditKind;
  path: 'Overpayments' | 'Prepayments';
  typeName: string;
  idField: string;
  type: string;
  present: (ctx: PresentContext, credit: CashCreditRecord, withLines: boolean) => object;
}

const RESOURCES: readonly Resource[] = [
  {
    kind: 'overpayment',
    path: 'Overpayments',
    typeName: 'Overpayment',
    idField: 'OverpaymentID',
    type: 'RECEIVE-OVERPAYMENT',
    present: presentOverpayment,
  },
  {
    kind: 'prepayment',
    path: 'Prepayments',
    typeName: 'Prepayment',
    idField: 'PrepaymentID',
    type: 'RECEIVE-PREPAYMENT',
    present: presentPrepayment,
  },
];

function definition(store: SandboxStore, resource: Resource): ListDefinition<CashCreditRecord> {
  return {
    typeName: resource.typeName,
    id: (c) => c.id,
    updatedAt: (c) => c.updatedAt,
    fields: {
      [resource.idField]: (c) => c.id,
      Type: () => resource.type,
      Status: (c) => c.status,
      Reference: (c) => c.reference,
      ...(resource.kind === 'prepayment' ? { InvoiceNumber: (c: CashCreditRecord) => c.reference } : {}),
      'Contact.ContactID': (c) => c.contactId,
      'Contact.Name': (c) => store.data.contacts.get(c.contactId)?.name ?? null,
      CurrencyCode: (c) => c.currencyCode,
      Date: (c) => dateMs(c.date),
      UpdatedDateUTC: (c) => c.updatedAt,
      SubTotal: (c) => c.subTotal / 100,
      Total: (c) => c.total / 100,
      RemainingCredit: (c) => remainingCredit(c) / 100,
    },
  };
}

export function registerCashCreditRoutes(routes: RouteTable): void {
  const { store } = routes;
  for (const resource of RESOURCES) {
    const records = () =>
      resource.kind === 'overpayment' ? store.data.overpayments : store.data.prepayments;
    const order = () =>
      resource.kind === 'overpayment' ? store.order.overpayments : store.order.prepayments;

    routes.get(`/${resource.path}`, SCOPES.paymentsRead, (req, res) => {
      // Overpayments filter by References, prepayments by InvoiceNumbers (their reference).
      const references = queryList(req, resource.kind === 'overpayment' ? 'References' : 'InvoiceNumbers');
      const filter = references
        ? { key: JSON.stringify(references), test: (c: CashCreditRecord) => references.includes(c.reference) }
        : undefined;
      const { items, pagination, paged } = listRecords(req, order(), definition(store, resource), filter);
      const ctx = store.presentContext();
      sendJson(res, 200, {
        ...routes.envelope(req),
        ...(pagination ? { pagination } : {}),
        [resource.path]: items.map((credit) => resource.present(ctx, credit, paged)),
      });
    });

    routes.get(`/${resource.path}/:CreditID`, SCOPES.paymentsRead, (req, res) => {
      const credit = records().get(String(req.params.CreditID).toLowerCase());
      if (!credit) {
        sendNotFound(res);
        return;
      }
      sendJson(res, 200, {
        ...routes.envelope(req),
        [resource.path]: [resource.present(store.presentContext(), credit, true)],
      });
    });

    registerAllocationRoutes(routes, resource.kind, resource.path, SCOPES.paymentsWrite);
  }
}
