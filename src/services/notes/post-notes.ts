// Draining the note outbox of one connection into the platform. Each note carries an idempotency key
// derived from its outbox row, so a crash between the platform's acceptance and our bookkeeping
// cannot put the note on the invoice twice. The row stays locked while it is posted, so two drainers
// never post the same note at once.
import { isConnectorError, retryPolicy } from '../../../connectors/shared/errors';
import { findConnection } from '../../db/repositories/connections';
import { markConnectionNeedsReauth } from '../connection-guard';
import { apiContext } from '../connection-tokens';
import type { AppContext } from '../context';

export interface NotesSummary {
  connectionId: string;
  posted: number;
  failed: number;
  /** The drain stopped early (rate limit, outage): the rest waits for the next run. */
  interruptedBy: string | null;
}

export async function postPendingNotes(
  ctx: AppContext,
  connectionId: string,
  limit = 200,
): Promise<NotesSummary> {
  const summary: NotesSummary = { connectionId, posted: 0, failed: 0, interruptedBy: null };
  const connection = await findConnection(ctx.db, connectionId);
  if (!connection || connection.status !== 'active') return summary;
  const connector = ctx.connectors[connection.platform];

  for (let i = 0; i < limit; i++) {
    const outcome = await ctx.db.transaction().execute(async (trx) => {
      const note = await trx
        .selectFrom('note_outbox')
        .select(['id', 'invoice_external_id', 'body', 'attempts'])
        .where('connection_id', '=', connectionId)
        .where('status', '=', 'pending')
        .orderBy('id')
        .limit(1)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!note) return 'empty' as const;
      try {
        const api = await apiContext(ctx, connection);
        await connector.postNote(api, {
          invoiceExternalId: note.invoice_external_id,
          text: note.body,
          idempotencyKey: `goodwill-note-${connectionId}-${note.id}`,
        });
        await trx
          .updateTable('note_outbox')
          .set({ status: 'posted', posted_at: ctx.now(), attempts: note.attempts + 1, last_error: null })
          .where('id', '=', note.id)
          .execute();
        return 'posted' as const;
      } catch (err) {
        if (!isConnectorError(err)) throw err;
        // The platform will refuse this note however often it is sent: park it for a person to see.
        if (err.code === 'rejected') {
          await trx
            .updateTable('note_outbox')
            .set({ attempts: note.attempts + 1, last_error: err.message, status: 'failed' })
            .where('id', '=', note.id)
            .execute();
          return 'failed' as const;
        }
        return err;
      }
    });
    if (outcome === 'empty') break;
    if (outcome === 'posted') summary.posted += 1;
    else if (outcome === 'failed') summary.failed += 1;
    else {
      summary.interruptedBy = outcome.code;
      if (outcome.code === 'reauth_required')
        await markConnectionNeedsReauth(ctx, connection.id, outcome.message);
      if (retryPolicy[outcome.code] === 'stop') throw outcome;
      break;
    }
  }
  return summary;
}
