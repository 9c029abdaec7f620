// One sync of one connection: each of the platform's resources page by page, every page committed
// together with the cursor that follows it (so a crash resumes where it stopped, and a bad page keeps
// what came before), then reconciliation of everything the pages touched.
import type { RecordKind, SyncCursor, SyncResource } from '../../../connectors/types';
import { findConnection, type ConnectionRecord } from '../../db/repositories/connections';
import { guarded } from '../connection-guard';
import { apiContext } from '../connection-tokens';
import type { AppContext } from '../context';
import { loadCursor, saveCursor } from './cursors';
import { reconcileFlaggedInvoices } from './reconcile-invoices';
import { addReconcileSummary, emptyReconcileSummary, type ReconcileSummary } from './reconcile-rows';
import { startBooksWrite } from './books-write';
import { storePulledPage } from './store-page';

export interface SyncSummary {
  connectionId: string;
  pages: number;
  records: Record<RecordKind, number>;
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
    reconcile: emptyReconcileSummary(),
  };
  await guarded(ctx, connection, async () => {
    for (const resource of inSyncOrder(ctx.connectors[connection.platform].syncResources)) {
      const { pages, records } = await syncResource(
        ctx,
        connection,
        resource,
        options.full ?? false,
        summary,
      );
      summary.pages += pages;
      summary.records[resource.kind] += records;
    }
  });
  addReconcileSummary(summary.reconcile, await reconcileFlaggedInvoices(ctx.db, connectionId, ctx.now()));
  await ctx.db
    .updateTable('connections')
    .set({ last_synced_at: ctx.now() })
    .where('id', '=', connectionId)
    .execute();
  return summary;
}

/**
 * Customers first, then the money (payments, credit notes and the like), then the invoices it
 * settles: each invoice page is reconciled as it is written, against the money already stored, so a
 * first sync writes every invoice once. Money that changes for an invoice not in this sync flags it
 * for the reconciliation at the end.
 */
const KIND_ORDER: Record<RecordKind, number> = { contacts: 0, payments: 1, credits: 1, invoices: 2 };

/** Where a pass that reads everything starts. */
export const FULL_PASS: SyncCursor = { modifiedSince: null, nextPage: 1, highWater: null };

export function inSyncOrder(resources: readonly SyncResource[]): SyncResource[] {
  return [...resources].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
}

async function syncResource(
  ctx: AppContext,
  connection: ConnectionRecord,
  resource: SyncResource,
  full: boolean,
  summary: SyncSummary,
): Promise<{ pages: number; records: number }> {
  const connector = ctx.connectors[connection.platform];
  let cursor = await loadCursor(ctx.db, connection.id, resource.name);
  // A full pass re-reads everything to catch drift the incremental passes could have missed.
  if (full && cursor.nextPage === 1) cursor = FULL_PASS;
  const pull = async (from: SyncCursor) => connector.pull(resource, await apiContext(ctx, connection), from);

  let pages = 0;
  let records = 0;
  let pending = pull(cursor);
  for (;;) {
    const pulled = await pending;
    // The next page is asked for while this one is written: the platform and Postgres work at once.
    // Cursors are still committed strictly in order, each with its own page.
    if (!pulled.page.last) pending = pull(pulled.page.cursor);
    try {
      const reconciled = await ctx.db.transaction().execute(async (trx) => {
        await startBooksWrite(trx, connection.id);
        const found = await storePulledPage(trx, connection.id, pulled, ctx.now());
        await saveCursor(trx, connection.id, resource.name, pulled.page.cursor);
        return found;
      });
      addReconcileSummary(summary.reconcile, reconciled);
    } catch (err) {
      // The page ahead is abandoned with this pass; its failure, if any, is not the one to report.
      pending.catch(() => undefined);
      throw err;
    }
    pages += 1;
    records += pulled.page.records.length;
    if (pulled.page.last) return { pages, records };
  }
}
