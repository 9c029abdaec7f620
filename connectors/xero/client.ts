// xero-node's AccountingApi, pointed at the configured API and made safe to share across tenants.
//
// xero-node keeps the access token as mutable state on the API object, and one connector instance
// serves every tenant at once; so each call gets its own AccountingApi, built here, and no token ever
// lives on a shared object. The library's only per-request hook is the "default authentication",
// which may edit the axios request; it is used to set the timeout and to keep the response body as
// text, because xero-node's own deserializer throws on a malformed date and reports it as a network
// failure with the body thrown away. schemas.ts parses the raw text instead.
// Only the accounting API is loaded: the package's index pulls in every one of Xero's generated APIs
// (payroll, assets, projects…), tens of megabytes of models this app never uses.
import { AccountingApi } from 'xero-node/dist/gen/api/accountingApi';
import type { Authentication } from 'xero-node/dist/gen/model/accounting/models';

type AxiosRequestOptions = Parameters<Authentication['applyToRequest']>[0];

class RawTextTransport implements Authentication {
  constructor(private readonly timeoutMs: number) {}

  applyToRequest(options: AxiosRequestOptions): void {
    options.timeout = this.timeoutMs;
    options.transformResponse = [(data: unknown) => data];
  }
}

export interface AccountingClientOptions {
  /** `${apiUrl}/api.xro/2.0` */
  basePath: string;
  timeoutMs: number;
}

export type AccountingApiFactory = (accessToken: string) => AccountingApi;

export function accountingApiFactory(options: AccountingClientOptions): AccountingApiFactory {
  const transport = new RawTextTransport(options.timeoutMs);
  return (accessToken) => {
    const api = new AccountingApi(options.basePath);
    api.accessToken = accessToken;
    api.setDefaultAuthentication(transport);
    return api;
  };
}

/** What every xero-node call resolves to; only the raw body and the headers are used. */
export type XeroNodeCall = Promise<{ response: { data?: unknown; headers?: unknown } }>;
