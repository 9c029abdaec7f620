// The Xero AccountingConnector: provider data plus the small functions of this folder, assembled.
// One instance serves every tenant; nothing here holds a token between calls.
import { hasCredentials } from '../shared/app-credentials';
import { unlimited } from '../shared/rate-limiter';
import type { AccountingConnector, Tenant } from '../types';
import { accountingApiFactory } from './client';
import { listTenants } from './connections';
import { createXeroOAuth } from './oauth';
import { onlineInvoiceUrl } from './online-invoice';
import { organisation } from './organisation';
import { postNote } from './notes';
import {
  XERO_DEFAULT_TIMEOUT_MS,
  XERO_NOTE_MAX_LENGTH,
  xeroUrls,
  type XeroConnectorConfig,
} from './provider';
import { fetchChanged, fetchInvoices } from './refetch';
import { pullResource, xeroSyncResources } from './resources';
import { createTenantClient } from './tenant-client';
import { createXeroWebhooks } from './webhooks';

export interface XeroConnector extends AccountingConnector {
  /** The organisations a user's grant reaches, as `/connections` lists them now. */
  listTenants(accessToken: string): Promise<Tenant[]>;
}

export function createXeroConnector(config: XeroConnectorConfig): XeroConnector {
  const urls = xeroUrls(config);
  const timeoutMs = config.timeoutMs ?? XERO_DEFAULT_TIMEOUT_MS;
  const api = accountingApiFactory({ basePath: urls.accounting, timeoutMs });
  const client = createTenantClient(api, config.limiter ?? unlimited);
  const oauth = createXeroOAuth(config);
  const listGrantTenants = (accessToken: string) => listTenants(urls.connections, accessToken, timeoutMs);

  return {
    platform: 'xero',
    noteMaxLength: XERO_NOTE_MAX_LENGTH,
    configured: hasCredentials(config),

    authorizationUrl: (input) => oauth.authorizationUrl(input),
    exchangeCode: async (input) => {
      const granted = await oauth.exchangeCode(input);
      return { ...granted, tenants: await listGrantTenants(granted.tokens.accessToken) };
    },
    refresh: (refreshToken) => oauth.refresh(refreshToken),
    revoke: (refreshToken) => oauth.revoke(refreshToken),
    listTenants: listGrantTenants,
    organisation: (ctx) => organisation(client, ctx),

    syncResources: xeroSyncResources,
    pull: (resource, ctx, cursor) => pullResource(client, resource, ctx, cursor),
    fetchInvoices: (ctx, externalIds) => fetchInvoices(client, ctx, externalIds),
    fetchChanged: (ctx, ids) => fetchChanged(client, ctx, ids),
    webhooks: createXeroWebhooks(config.webhookKey),

    postNote: (ctx, note) => postNote(client, ctx, note),
    onlineInvoiceUrl: (ctx, invoiceExternalId) => onlineInvoiceUrl(client, ctx, invoiceExternalId),
  };
}
