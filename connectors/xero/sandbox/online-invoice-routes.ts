// GET /Invoices/{InvoiceID}/OnlineInvoice: the address of an approved sales invoice's online invoice.
// Xero refuses one for a draft, submitted, voided or deleted invoice with a ValidationException.
import type { RouteTable } from './accounting-routes';
import { SCOPES } from './api-auth';
import { findInvoice } from './invoice-routes';
import { onlineInvoiceUrl, whyNoOnlineInvoice } from './online-invoices';
import { sendJson, sendNotFound, sendValidationError } from './responses';

export function registerOnlineInvoiceRoutes(routes: RouteTable): void {
  const { store } = routes;

  routes.get('/Invoices/:InvoiceID/OnlineInvoice', SCOPES.invoicesRead, (req, res) => {
    const invoice = findInvoice(store, String(req.params.InvoiceID));
    if (!invoice) {
      sendNotFound(res);
      return;
    }
    const refusal = whyNoOnlineInvoice(invoice);
    if (refusal !== null) {
      sendValidationError(res, [{ ValidationErrors: [{ Message: refusal }] }]);
      return;
    }
    sendJson(res, 200, {
      ...routes.envelope(req),
      OnlineInvoices: [{ OnlineInvoiceUrl: onlineInvoiceUrl(store, invoice) }],
    });
  });
}
