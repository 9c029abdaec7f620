// Whole passes over every active connection, run to completion in this process (the CLI's work, and
// what an operator runs by hand). Failures of one connection are reported, not allowed to stop the rest.
import { activeConnections } from '../../db/repositories/connections';
import type { AppContext } from '../context';
import { pendingActionIds } from '../followups/pending-actions';
import { planConnection } from '../followups/plan-connection';
import { sendAction, type SendOutcome } from '../followups/send-action';
import { postPendingNotes } from '../notes/post-notes';
import { syncConnection, type SyncSummary } from '../sync/sync-connection';

type PerConnection<T> = { connectionId: string; name: string } & (
  { ok: true; result: T } | { ok: false; error: string }
);

async function eachConnection<T>(
  ctx: AppContext,
  fn: (connectionId: string) => Promise<T>,
): Promise<PerConnection<T>[]> {
  const results: PerConnection<T>[] = [];
  for (const connection of await activeConnections(ctx.db)) {
    try {
      results.push({
        connectionId: connection.id,
        name: connection.name,
        ok: true,
        result: await fn(connection.id),
      });
    } catch (err) {
      results.push({
        connectionId: connection.id,
        name: connection.name,
        ok: false,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }
  return results;
}

export function syncAll(
  ctx: AppContext,
  options: { full: boolean },
): Promise<PerConnection<SyncSummary | null>[]> {
  return eachConnection(ctx, (id) => syncConnection(ctx, id, options));
}

export interface FollowupRun {
  today: string | null;
  planned: number;
  outcomes: Partial<Record<SendOutcome, number>>;
  notesPosted: number;
  notesFailed: number;
}

export function followupsAll(ctx: AppContext): Promise<PerConnection<FollowupRun>[]> {
  return eachConnection(ctx, async (id) => {
    const plan = await planConnection(ctx, id);
    const run: FollowupRun = {
      today: plan?.today ?? null,
      planned: plan?.planned.length ?? 0,
      outcomes: {},
      notesPosted: 0,
      notesFailed: 0,
    };
    for (const actionId of await pendingActionIds(ctx.db, id)) {
      const outcome = await sendAction(ctx, actionId);
      run.outcomes[outcome] = (run.outcomes[outcome] ?? 0) + 1;
    }
    for (;;) {
      const notes = await postPendingNotes(ctx, id);
      run.notesPosted += notes.posted;
      run.notesFailed += notes.failed;
      if (notes.posted + notes.failed === 0 || notes.interruptedBy) break;
    }
    return run;
  });
}
