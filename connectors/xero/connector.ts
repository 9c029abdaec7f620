// The Xero AccountingConnector: provider data plus the small functions of this folder, assembled.
// One instance serves every tenant; nothing here holds a token between calls.
import type { AccountingConnector } from '../types';
import { accountingApiFactory } from './client';
import { listTenants } from './connections';
import { createXeroOAuth } from './oauth';
import { organisation } from './organisation';
import { postNote } from './notes';
import {
  XERO_DEFAULT_TIMEOUT_MS,
  XERO_NOTE_MAX_LENGTH,
  xeroUrls,
  type XeroConnectorConfig,
} from './provider';
import { fetchInvoices } from './refetch';
import { contactSource, creditNoteSource, invoiceSource, paymentSource, pullPage } from './sync';

export function createXeroConnector(config: XeroConnectorConfig): AccountingConnector {
  const urls = xeroUrls(config);
  const timeoutMs = config.timeoutMs ?? XERO_DEFAULT_TIMEOUT_MS;
  const api = accountingApiFactory({ basePath: urls.accounting, timeoutMs });
  const oauth = createXeroOAuth(config);

  return {
    platform: 'xero',
    noteMaxLength: XERO_NOTE_MAX_LENGTH,

    authorizationUrl: (input) => oauth.authorizationUrl(input),
    exchangeCode: (input) => oauth.exchangeCode(input),
    refresh: (refreshToken) => oauth.refresh(refreshToken),
    revoke: (refreshToken) => oauth.revoke(refreshToken),
    listTenants: (accessToken) => listTenants(urls.connections, accessToken, timeoutMs),
    organisation: (ctx) => organisation(api, ctx),

    pullContacts: (ctx, cursor) => pullPage(api, contactSource, ctx, cursor),
    pullInvoices: (ctx, cursor) => pullPage(api, invoiceSource, ctx, cursor),
    pullPayments: (ctx, cursor) => pullPage(api, paymentSource, ctx, cursor),
    pullCredits: (ctx, cursor) => pullPage(api, creditNoteSource, ctx, cursor),
    fetchInvoices: (ctx, externalIds) => fetchInvoices(api, ctx, externalIds),

    postNote: (ctx, note) => postNote(api, ctx, note),
  };
}
