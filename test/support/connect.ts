// Connecting a sandbox organisation without a browser: the same OAuth round trip the web app makes,
// following the platform's redirect back by hand.
import type { Platform } from '../../connectors/types';
import { beginConnect, completeConnect, type ConnectResult } from '../../src/services/connect';
import type { AppContext } from '../../src/services/context';

export async function connectSandbox(ctx: AppContext, platform: Platform = 'xero'): Promise<ConnectResult> {
  const { url, pending } = await beginConnect(ctx, platform);
  const consent = await fetch(url, { redirect: 'manual' });
  const callbackUrl = consent.headers.get('location');
  if (!callbackUrl) throw new Error(`The platform did not redirect back (HTTP ${consent.status})`);
  return completeConnect(ctx, { pending, callbackUrl, signedInUserId: null });
}
