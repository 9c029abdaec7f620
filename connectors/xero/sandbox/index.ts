// The Xero sandbox: a local emulator of Xero's identity service and accounting API, holding one demo
// organisation. The app's Xero connector talks to it over HTTP exactly as it talks to Xero; the demo,
// the end-to-end tests and the benchmarks run against it.
import { listen } from '../../shared/sandbox/listen';
import { createXeroSandboxApp, type XeroSandboxOptions } from './app';
import type { SandboxStore } from './store';

export { createXeroSandboxApp, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_SEED } from './app';
export type { XeroSandboxApp, XeroSandboxOptions } from './app';
export {
  generateDemoOrganisation,
  generateEmptyOrganisation,
  type DemoOrganisationOptions,
} from './demo-organisation';
export {
  generateOrganisation,
  type GenerateOrganisationOptions,
  type OrganisationSize,
} from './generate-organisation';
export { SandboxStore } from './store';
export type {
  CashCreditInput,
  SandboxStoreOptions,
  XeroContact,
  XeroCreditNote,
  XeroHistoryRecord,
  XeroInvoice,
  XeroOverpayment,
  XeroPayment,
  XeroPrepayment,
} from './store';
export { faultSpec, type FaultSpec, type PendingFault } from './faults';
export { XERO_RATE_LIMITS, type RateLimitOption, type RateLimits } from './rate-limits';
export {
  signWebhook,
  type IntentToReceiveResult,
  type WebhookDelivery,
  type WebhookTarget,
} from './webhooks';
export { CONTROL_PATH } from './control-routes';
export { LedgerError } from './ledger';
export type { OrganisationData } from './records';

export interface RunningXeroSandbox {
  /** XERO_API_URL: /connections and /api.xro/2.0 are below it. */
  url: string;
  /** XERO_IDENTITY_URL, the OpenID issuer: `${url}/identity`. */
  identityUrl: string;
  clientId: string;
  clientSecret: string;
  /** The demo organisation's tenant id (its OrganisationID). */
  tenantId: string;
  store: SandboxStore;
  close(): Promise<void>;
}

export async function startXeroSandbox(
  options: XeroSandboxOptions & { port?: number; host?: string } = {},
): Promise<RunningXeroSandbox> {
  const { app, store, clientId, clientSecret, tenantId } = createXeroSandboxApp(options);
  const { url, close } = await listen(app, options, () => store.dispose());
  store.setPublicUrl(url);
  return {
    url,
    identityUrl: `${url}/identity`,
    clientId,
    clientSecret,
    tenantId,
    store,
    close,
  };
}
