// Connecting a sandbox organisation: without a browser, by the same OAuth round trip the web app makes
// (following the platform's redirect back by hand), or through the web app in a test browser.
import type { Platform } from '../../connectors/types';
import { beginConnect, completeConnect, type ConnectResult } from '../../src/services/connect';
import type { AppContext } from '../../src/services/context';
import { syncConnection } from '../../src/services/sync/sync-connection';
import type { TestBrowser } from './browser';
import type { Harness } from './harness';

export async function connectSandbox(ctx: AppContext, platform: Platform = 'xero'): Promise<ConnectResult> {
  const { url, pending } = await beginConnect(ctx, platform);
  const consent = await fetch(url, { redirect: 'manual' });
  const callbackUrl = consent.headers.get('location');
  if (!callbackUrl) throw new Error(`The platform did not redirect back (HTTP ${consent.status})`);
  return completeConnect(ctx, { pending, callbackUrl, signedInUserId: null });
}

/**
 * A person signs up in `browser` by connecting the harness's sandbox organisation (or company); its
 * books are then synced in line, not by the queues. The connection's id.
 */
export async function connectAndSync(
  h: Harness<Platform>,
  browser: TestBrowser,
  platform: Platform = 'xero',
): Promise<string> {
  await browser.get(`${h.baseUrl}/connect/${platform}`);
  const { id } = await h.runtime.ctx.db.selectFrom('connections').select('id').executeTakeFirstOrThrow();
  await syncConnection(h.runtime.ctx, id);
  return id;
}
