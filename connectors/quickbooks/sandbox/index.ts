// The QuickBooks Online sandbox: a local emulator of Intuit's OAuth 2.0 / OpenID service and the
// Accounting API v3, holding one or more companies. The app's QuickBooks connector talks to it over
// HTTP exactly as it talks to Intuit (intuit-oauth and node-quickbooks, their endpoint URLs pointed
// here); the demo, the end-to-end tests and the benchmarks run against it.
import { listen } from '../../shared/sandbox/listen';
import { createQuickBooksSandboxApp, type QuickBooksSandboxOptions } from './app';
import type { QuickBooksSandboxStore } from './store';

export {
  createQuickBooksSandboxApp,
  DEFAULT_CLIENT_ID,
  DEFAULT_CLIENT_SECRET,
  DEFAULT_SEED,
  type CompanyChoice,
  type QuickBooksSandboxApp,
  type QuickBooksSandboxOptions,
} from './app';
export { generateCompany, type CompanySize, type GenerateCompanyOptions } from './generate-company';
export { generateDemoCompany, generateEmptyCompany, DEMO_SIZE } from './demo-company';
export { QuickBooksSandboxStore } from './store';
export { CompanyBooks } from './company';
export { faultSpec, type FaultSpec, type PendingFault } from './faults';
export { QBO_RATE_LIMITS, type RateLimitOption, type RateLimits } from './rate-limits';
export { signWebhook, type WebhookDelivery, type WebhookFormat, type WebhookTarget } from './webhooks';
export { CONTROL_PATH } from './control-routes';
export { LedgerError } from './ledger';
export { INTUIT_LIFETIMES, type TokenLifetimes } from './oauth';
export { ID_TOKEN_ISSUER } from './oauth-routes';
export { CDC_LOOKBACK_DAYS, CDC_MAX_OBJECTS } from './cdc';
export type { CompanyData } from './records';

/** Where each Intuit endpoint is in the sandbox: what a connector sets its clients' URLs to. */
export interface QuickBooksSandboxEndpoints {
  /** intuit-oauth `OAuthClient.authorizeEndpoint`. */
  authorizeUrl: string;
  /** `OAuthClient.tokenEndpoint`, node-quickbooks `QuickBooks.TOKEN_URL`. */
  tokenUrl: string;
  /** `OAuthClient.revokeEndpoint`, `QuickBooks.REVOKE_URL`. */
  revokeUrl: string;
  /** `OAuthClient.userinfo_endpoint_sandbox` / `_production`. */
  userInfoUrl: string;
  /** `OAuthClient.jwks_uri`. */
  jwksUrl: string;
  /** node-quickbooks `QuickBooks.V3_ENDPOINT_BASE_URL`: the realm Id and path follow it. */
  apiBaseUrl: string;
}

export interface RunningQuickBooksSandbox extends QuickBooksSandboxEndpoints {
  /** The base URL every path is under. */
  url: string;
  clientId: string;
  clientSecret: string;
  /** The first company's realm Id. */
  realmId: string;
  store: QuickBooksSandboxStore;
  close(): Promise<void>;
}

export function sandboxEndpoints(url: string): QuickBooksSandboxEndpoints {
  return {
    authorizeUrl: `${url}/connect/oauth2`,
    tokenUrl: `${url}/oauth2/v1/tokens/bearer`,
    revokeUrl: `${url}/v2/oauth2/tokens/revoke`,
    userInfoUrl: `${url}/v1/openid_connect/userinfo`,
    jwksUrl: `${url}/op/v1/jwks`,
    apiBaseUrl: `${url}/v3/company/`,
  };
}

export async function startQuickBooksSandbox(
  options: QuickBooksSandboxOptions & { port?: number; host?: string } = {},
): Promise<RunningQuickBooksSandbox> {
  const { app, store, clientId, clientSecret, realmId, setPublicUrl } = createQuickBooksSandboxApp(options);
  const { url, close } = await listen(app, options, () => store.dispose());
  setPublicUrl(url);
  return {
    url,
    ...sandboxEndpoints(url),
    clientId,
    clientSecret,
    realmId,
    store,
    close,
  };
}
export {
  apiCall,
  authorize,
  connect,
  queryCall,
  SANDBOX_REDIRECT_URI,
  SIGN_IN_SCOPES,
  tokenRequest,
  type SandboxTokens,
} from './sandbox-client';
