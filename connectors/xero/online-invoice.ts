// Where a customer views and pays an invoice: Xero's "online invoice". Xero offers one only for an
// approved sales invoice; for a draft, a voided or a deleted one it answers 400 with a
// ValidationException, which here means "there is no such page", not a failure.
import { ConnectorError, isConnectorError } from '../shared/errors';
import type { ApiContext } from '../types';
import { isXeroId } from './ids';
import { parseEnvelope } from './parse';
import { onlineInvoicesAnswer } from './schemas';
import type { TenantClient } from './tenant-client';

/**
 * errors.ts makes every 4xx but 401, 403, 408 and 429 'rejected' with its status; of those, only a 400
 * is Xero's validation refusal (an unknown invoice is a 404, and stays an error).
 */
function isValidationRefusal(err: unknown): boolean {
  return isConnectorError(err, 'rejected') && err.details.status === 400;
}

export async function onlineInvoiceUrl(
  client: TenantClient,
  ctx: ApiContext,
  invoiceExternalId: string,
): Promise<string | null> {
  if (!isXeroId(invoiceExternalId)) {
    throw new ConnectorError('rejected', `Not a Xero invoice id: ${JSON.stringify(invoiceExternalId)}`);
  }
  const what = `Online invoice for invoice ${invoiceExternalId}`;
  let body: unknown;
  try {
    body = await client(ctx, {
      what,
      repeatable: true,
      send: (api) => api.getOnlineInvoice(ctx.tenantId, invoiceExternalId),
    });
  } catch (err) {
    if (isValidationRefusal(err)) return null;
    throw err;
  }
  const { OnlineInvoices } = parseEnvelope(onlineInvoicesAnswer, body, what);
  return OnlineInvoices[0]?.OnlineInvoiceUrl ?? null;
}
