// The targeted re-fetch webhooks trigger: fetch exactly the records said to have changed, store them as
// a sync would, reconcile, and only then forget the request (a failure leaves it for the next try).
import type { ChangedIds } from '../../../connectors/types';
import { findConnection } from '../../db/repositories/connections';
import { guarded } from '../connection-guard';
import { apiContext } from '../connection-tokens';
import type { AppContext } from '../context';
import { startBooksWrite } from './books-write';
import { reconcileFlaggedInvoices } from './reconcile-invoices';
import { addReconcileSummary, emptyReconcileSummary, type ReconcileSummary } from './reconcile-rows';
import { storeContacts, storeCredits, storeInvoices, storePayments } from './store-page';
import { storeRemovals } from './store-removals';

const BATCH = 500;

export interface RefetchSummary {
  connectionId: string;
  fetched: { invoices: number; contacts: number; credits: number; payments: number };
  reconcile: ReconcileSummary;
}

export async function refetchChanged(ctx: AppContext, connectionId: string): Promise<RefetchSummary | null> {
  const connection = await findConnection(ctx.db, connectionId);
  if (!connection || connection.status !== 'active') return null;
  const summary: RefetchSummary = {
    connectionId,
    fetched: { invoices: 0, contacts: 0, credits: 0, payments: 0 },
    reconcile: emptyReconcileSummary(),
  };
  for (;;) {
    const pending = await ctx.db
      .selectFrom('pending_refetch')
      .select(['kind', 'external_id', 'received_at'])
      .where('connection_id', '=', connectionId)
      .orderBy('received_at')
      .limit(BATCH)
      .execute();
    if (pending.length === 0) break;
    const ids: ChangedIds = { invoices: [], contacts: [], credits: [], payments: [] };
    for (const p of pending) ids[p.kind].push(p.external_id);

    const changed = await guarded(ctx, connection, async () =>
      ctx.connectors[connection.platform].fetchChanged(await apiContext(ctx, connection), ids),
    );
    const forgotten = await ctx.db.transaction().execute(async (trx) => {
      await startBooksWrite(trx, connectionId);
      // Money before the invoices it settles: each invoice is reconciled as it is written.
      await storeContacts(trx, connectionId, changed.contacts);
      await storeCredits(trx, connectionId, changed.credits);
      await storePayments(trx, connectionId, changed.payments);
      await storeRemovals(trx, connectionId, changed.removed, changed);
      addReconcileSummary(
        summary.reconcile,
        await storeInvoices(trx, connectionId, changed.invoices, ctx.now()),
      );
      let forgotten = 0;
      for (const p of pending) {
        // A newer delivery for the same record, received meanwhile, stays for the next round.
        const deleted = await trx
          .deleteFrom('pending_refetch')
          .where('connection_id', '=', connectionId)
          .where('kind', '=', p.kind)
          .where('external_id', '=', p.external_id)
          .where('received_at', '<=', p.received_at)
          .executeTakeFirst();
        forgotten += Number(deleted.numDeletedRows);
      }
      return forgotten;
    });
    summary.fetched.invoices += changed.invoices.length;
    summary.fetched.contacts += changed.contacts.length;
    summary.fetched.credits += changed.credits.length;
    summary.fetched.payments += changed.payments.length;
    // Only newer notices remain: they wait for the job their delivery queued.
    if (forgotten === 0) break;
  }
  addReconcileSummary(summary.reconcile, await reconcileFlaggedInvoices(ctx.db, connectionId, ctx.now()));
  return summary;
}
