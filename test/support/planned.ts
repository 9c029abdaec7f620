// The usual start of a test about follow-ups: the app and its sandbox, a person signed up in a browser
// by connecting the organisation (or company), its books synced and today's follow-ups planned.
import type { Platform } from '../../connectors/types';
import { planConnection } from '../../src/services/followups/plan-connection';
import type { TestBrowser } from './browser';
import { connectAndSync } from './connect';
import { startHarness, type Harness, type HarnessOptions } from './harness';

/** `connect`: which platform the person connects, when the harness runs both (Xero's, by default). */
export async function startPlanned(
  browser: TestBrowser,
  options: HarnessOptions<Platform> = {},
  connect: Platform = options.platform ?? 'xero',
): Promise<{ h: Harness; connectionId: string }> {
  const h = (await startHarness(options)) as Harness;
  const connectionId = await connectAndSync(h, browser, connect);
  await planConnection(h.runtime.ctx, connectionId);
  return { h, connectionId };
}
