// One sync of one connection: each resource page by page, every page committed together with the
// cursor that follows it (so a crash resumes where it stopped, and a bad page keeps what came before),
// then reconciliation of everything the pages touched.
import type {
  AccountingConnector,
  ApiContext,
  CanonicalContact,
  CanonicalCredit,
  CanonicalInvoice,
  CanonicalPayment,
  Page,
  SyncCursor,
  SyncResource,
} from '../../../connectors/types';
import type { Db } from '../../db/database';
import { findConnection, type ConnectionRecord } from '../../db/repositories/connections';
import { apiContext } from '../connection-tokens';
import type { AppContext } from '../context';
import { loadCursor, saveCursor } from './cursors';
import { reconcileFlaggedInvoices, type ReconcileSummary } from './reconcile-invoices';
import { storeContacts, storeCredits, storeInvoices, storePayments } from './store-page';

interface ResourceSync<T> {
  pull(connector: AccountingConnector, api: ApiContext, cursor: SyncCursor): Promise<Page<T>>;
  store(trx: Db, connectionId: string, records: T[]): Promise<void>;
}

// Contacts first so invoices find their customer; payments and credits after the invoices they settle.
interface RecordOf {
  contacts: CanonicalContact;
  invoices: CanonicalInvoice;
  payments: CanonicalPayment;
  credits: CanonicalCredit;
}

const RESOURCES: { [R in SyncResource]: ResourceSync<RecordOf[R]> } = {
  contacts: { pull: (c, api, cur) => c.pullContacts(api, cur), store: storeContacts },
  invoices: { pull: (c, api, cur) => c.pullInvoices(api, cur), store: storeInvoices },
  payments: { pull: (c, api, cur) => c.pullPayments(api, cur), store: storePayments },
  credits: { pull: (c, api, cur) => c.pullCredits(api, cur), store: storeCredits },
};
const ORDER: SyncResource[] = ['contacts', 'invoices', 'payments', 'credits'];

export interface SyncSummary {
  connectionId: string;
  pages: number;
  records: Record<SyncResource, number>;
  reconcile: ReconcileSummary;
}

export async function syncConnection(
  ctx: AppContext,
  connectionId: string,
  options: { full?: boolean } = {},
): Promise<SyncSummary | null> {
  const connection = await findConnection(ctx.db, connectionId);
  if (!connection || connection.status !== 'active') return null;
  const summary: SyncSummary = {
    connectionId,
    pages: 0,
    records: { contacts: 0, invoices: 0, payments: 0, credits: 0 },
    reconcile: { reconciled: 0, events: {}, mismatches: 0 },
  };

  for (const resource of ORDER) {
    const { pages, records } = await syncResource(ctx, connection, resource, options.full ?? false);
    summary.pages += pages;
    summary.records[resource] = records;
  }

  summary.reconcile = await reconcileFlaggedInvoices(ctx.db, connectionId, ctx.now());
  await ctx.db
    .updateTable('connections')
    .set({ last_synced_at: ctx.now() })
    .where('id', '=', connectionId)
    .execute();
  return summary;
}

async function syncResource<R extends SyncResource>(
  ctx: AppContext,
  connection: ConnectionRecord,
  resource: R,
  full: boolean,
): Promise<{ pages: number; records: number }> {
  const sync: ResourceSync<RecordOf[R]> = RESOURCES[resource];
  const connector = ctx.connectors[connection.platform];
  let cursor = await loadCursor(ctx.db, connection.id, resource);
  // A full pass re-reads everything to catch drift the incremental passes could have missed.
  if (full && cursor.nextPage === 1) cursor = { modifiedSince: null, nextPage: 1, highWater: null };
  let pages = 0;
  let records = 0;
  for (;;) {
    const api = await apiContext(ctx, connection);
    const page = await sync.pull(connector, api, cursor);
    await ctx.db.transaction().execute(async (trx) => {
      await sync.store(trx, connection.id, page.records);
      await saveCursor(trx, connection.id, resource, page.cursor);
    });
    pages += 1;
    records += page.records.length;
    cursor = page.cursor;
    if (page.last) return { pages, records };
  }
}
