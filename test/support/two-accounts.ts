// Two people, each signing up on their own and connecting the same sandbox organisation: two accounts,
// each with a synced connection of its own, for tests that one account can change nothing of the other.
import { syncConnection } from '../../src/services/sync/sync-connection';
import { TestBrowser } from './browser';
import { startHarness, type Harness } from './harness';

export interface TwoAccounts {
  h: Harness;
  alice: TestBrowser;
  bob: TestBrowser;
  aliceConnection: string;
  bobConnection: string;
}

/** Starts the harness before the file's tests and closes it after them; `h` and the ids are set then. */
export function twoAccounts(): TwoAccounts {
  const t = { alice: new TestBrowser(), bob: new TestBrowser() } as TwoAccounts;
  beforeAll(async () => {
    t.h = await startHarness();
    await t.alice.get(`${t.h.baseUrl}/connect/xero`);
    t.h.sandbox.store.useNextIdentity({ email: 'bob@example.net', name: 'Bob' });
    await t.bob.get(`${t.h.baseUrl}/connect/xero`);
    const connections = await t.h.runtime.ctx.db
      .selectFrom('connections')
      .select('id')
      .orderBy('created_at')
      .execute();
    [t.aliceConnection, t.bobConnection] = connections.map((c) => c.id) as [string, string];
    await syncConnection(t.h.runtime.ctx, t.aliceConnection);
    await syncConnection(t.h.runtime.ctx, t.bobConnection);
  });
  afterAll(() => t.h.close());
  return t;
}
