// The sandbox process's side of each platform: how to start a generated organisation (limits off) and
// read back its call and record counts. `details` is what the parent needs to point the app at it.
import type { Platform } from '../../connectors/types';
import { startQuickBooksSandbox } from '../../connectors/quickbooks/sandbox';
import { startXeroSandbox } from '../../connectors/xero/sandbox';
import type { OrganisationSize } from './sync-types';

export interface StartedSandbox {
  details: Record<string, string>;
  resetCalls(): void;
  calls(): Record<string, number>;
  counts(): Record<string, number>;
  close(): Promise<void>;
}

/** What both sandboxes have in common: a store that counts calls and records, and a way to stop. */
interface CountingSandbox {
  store: { resetCalls(): void; calls: Record<string, number>; resourceCounts(): Record<string, number> };
  close(): Promise<void>;
}

function started(sandbox: CountingSandbox, details: Record<string, string>): StartedSandbox {
  return {
    details,
    resetCalls: () => sandbox.store.resetCalls(),
    calls: () => sandbox.store.calls,
    counts: () => sandbox.store.resourceCounts(),
    close: () => sandbox.close(),
  };
}

const STARTERS: Record<Platform, (size: OrganisationSize) => Promise<StartedSandbox>> = {
  async xero(size) {
    const sandbox = await startXeroSandbox({ limits: false, organisation: { size } });
    return started(sandbox, {
      url: sandbox.url,
      identityUrl: sandbox.identityUrl,
      clientId: sandbox.clientId,
      clientSecret: sandbox.clientSecret,
    });
  },
  async quickbooks(size) {
    const sandbox = await startQuickBooksSandbox({ limits: false, company: { size } });
    return started(sandbox, {
      url: sandbox.url,
      authorizeUrl: sandbox.authorizeUrl,
      tokenUrl: sandbox.tokenUrl,
      revokeUrl: sandbox.revokeUrl,
      userInfoUrl: sandbox.userInfoUrl,
      clientId: sandbox.clientId,
      clientSecret: sandbox.clientSecret,
    });
  },
};

export function startBenchSandbox(platform: Platform, size: OrganisationSize): Promise<StartedSandbox> {
  return STARTERS[platform](size);
}
