// The QuickBooks Online AccountingConnector: provider data plus the small functions of this folder,
// assembled. One instance serves every company; nothing here holds a token between calls.
import { hasCredentials } from '../shared/app-credentials';
import { unlimited } from '../shared/rate-limiter';
import type { AccountingConnector } from '../types';
import { qboCaller } from './client';
import { onlineInvoiceUrl } from './invoice-link';
import { createQuickBooksOAuth } from './oauth';
import { organisation } from './organisation';
import { postNote } from './notes';
import { QBO_DEFAULT_TIMEOUT_MS, QBO_NOTE_MAX_LENGTH, type QuickBooksConnectorConfig } from './provider';
import { createRealmClient } from './realm-client';
import { fetchChanged, fetchInvoices } from './refetch';
import { pullResource, quickBooksSyncResources } from './resources';
import { createQuickBooksWebhooks } from './webhooks';

export function createQuickBooksConnector(config: QuickBooksConnectorConfig): AccountingConnector {
  const call = qboCaller({
    apiUrl: config.urls.api,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    timeoutMs: config.timeoutMs ?? QBO_DEFAULT_TIMEOUT_MS,
  });
  const client = createRealmClient(call, config.limiter ?? unlimited);
  const oauth = createQuickBooksOAuth(config);
  const now = config.now ?? Date.now;

  return {
    platform: 'quickbooks',
    noteMaxLength: QBO_NOTE_MAX_LENGTH,
    configured: hasCredentials(config),

    authorizationUrl: (input) => oauth.authorizationUrl(input),
    exchangeCode: (input) => oauth.exchangeCode(input),
    refresh: (refreshToken) => oauth.refresh(refreshToken),
    revoke: (refreshToken) => oauth.revoke(refreshToken),
    organisation: (ctx) => organisation(client, ctx),

    syncResources: quickBooksSyncResources,
    pull: (resource, ctx, cursor) => pullResource(client, resource, ctx, cursor, now()),
    fetchInvoices: (ctx, externalIds) => fetchInvoices(client, ctx, externalIds),
    fetchChanged: (ctx, ids) => fetchChanged(client, ctx, ids),
    webhooks: createQuickBooksWebhooks(config.webhookVerifier),

    postNote: (ctx, note) => postNote(client, ctx, note),
    onlineInvoiceUrl: (ctx, invoiceExternalId) => onlineInvoiceUrl(client, ctx, invoiceExternalId),
  };
}
