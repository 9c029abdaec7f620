// The Xero sandbox: a local emulator of Xero's identity service and accounting API, holding one demo
// organisation. The app's Xero connector talks to it over HTTP exactly as it talks to Xero; the demo,
// the end-to-end tests and the benchmarks run against it.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createXeroSandboxApp, type XeroSandboxOptions } from './app';
import type { SandboxStore } from './store';

export { createXeroSandboxApp, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_SEED } from './app';
export type { XeroSandboxApp, XeroSandboxOptions } from './app';
export {
  generateDemoOrganisation,
  generateEmptyOrganisation,
  type DemoOrganisationOptions,
} from './demo-organisation';
export { SandboxStore } from './store';
export type { XeroContact, XeroCreditNote, XeroHistoryRecord, XeroInvoice, XeroPayment } from './store';

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
  const host = options.host ?? '127.0.0.1';
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url,
    identityUrl: `${url}/identity`,
    clientId,
    clientSecret,
    tenantId,
    store,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Clients keep connections alive; a closing sandbox should not wait for them.
        server.closeAllConnections();
      }),
  };
}
