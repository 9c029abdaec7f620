// Sending a message once. A message cannot be taken back, and neither SMTP nor Twilio takes an
// idempotency key: a worker that dies after the service has accepted a message but before the database
// has recorded it leaves a retry that cannot tell whether the message went. So the send has two commits:
// the action is marked 'claimed' before the message is handed over, and the contact log, the note
// outbox and 'sent' are committed once it has been. A claim found later is a send cut off in between;
// the service is asked whether it holds the message (`taken`), and only if it does not (or cannot say,
// as plain SMTP cannot) does the action go round again. A session lock held from the claim to the
// record keeps a second worker from taking a live send for a dead one; the database releases it when a
// dead worker's connection drops.
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { isSmsError } from '../../sms/provider';
import type { AppContext } from '../context';

export interface SendSteps {
  /** Hands the message over; resolves with the service's id for it, where it gives one. */
  send(): Promise<string | void>;
  /** For a send cut off earlier: whether the service holds the message (its id, or true), or not. */
  taken(): Promise<string | boolean | null | undefined>;
  record(trx: Db): Promise<void>;
  /** Keeps the service's id for the message with its record. */
  remember?(trx: Db, serviceId: string): Promise<void>;
}

async function holdingSendLock<T>(
  ctx: AppContext,
  actionId: string,
  fn: (conn: Db) => Promise<T>,
): Promise<T> {
  return ctx.db.connection().execute(async (conn) => {
    const key = sql`hashtextextended(${`goodwill-send:${actionId}`}, 0)`;
    await sql`select pg_advisory_lock(${key})`.execute(conn);
    try {
      return await fn(conn);
    } finally {
      await sql`select pg_advisory_unlock(${key})`.execute(conn);
    }
  });
}

async function statusOf(conn: Db, actionId: string) {
  const row = await conn
    .selectFrom('followup_actions')
    .select('status')
    .where('id', '=', actionId)
    .executeTakeFirst();
  return row?.status;
}

/**
 * A claimed action: 'went' when the service holds its message (it is only to be recorded),
 * 'reopened' when not or when the service cannot say (pending again, to be checked and sent afresh),
 * 'settled' when another worker has recorded it meanwhile.
 */
export async function resolveClaim(
  ctx: AppContext,
  actionId: string,
  taken: SendSteps['taken'],
): Promise<'went' | 'reopened' | 'settled'> {
  return holdingSendLock(ctx, actionId, async (conn) => {
    if ((await statusOf(conn, actionId)) !== 'claimed') return 'settled';
    if (await taken()) return 'went';
    await conn
      .updateTable('followup_actions')
      .set({ status: 'pending' })
      .where('id', '=', actionId)
      .where('status', '=', 'claimed')
      .execute();
    return 'reopened';
  });
}

/**
 * Claims a pending action, then writes its record and sends in one transaction, committed once the
 * service has taken the message (so that, as before the claim, only the commit itself lies between
 * the two). For an action claimed by a send that was cut off, sends only if the service lacks the
 * message. 'not_pending' when the action was cancelled or carried out by someone else first.
 */
export async function sendOnce(
  ctx: AppContext,
  actionId: string,
  steps: SendSteps,
): Promise<'sent' | 'not_pending'> {
  return holdingSendLock(ctx, actionId, async (conn) => {
    const claimed = await conn
      .updateTable('followup_actions')
      .set({ status: 'claimed', claimed_at: ctx.now() })
      .where('id', '=', actionId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    const fresh = claimed.numUpdatedRows > 0n;
    if (!fresh && (await statusOf(conn, actionId)) !== 'claimed') return 'not_pending';
    const held = fresh ? null : await steps.taken();
    let handedOver = false;
    try {
      await conn.transaction().execute(async (trx) => {
        await steps.record(trx);
        const serviceId = held ? held : await steps.send();
        handedOver = true;
        if (typeof serviceId === 'string' && steps.remember) await steps.remember(trx, serviceId);
      });
    } catch (err) {
      // Refused or unreachable: nothing went, and the retry starts over from pending. (Once the
      // message is handed over, or when it may have been though the answer was lost, the claim stays
      // for the retry to settle.)
      const mayHaveGone = isSmsError(err) && err.details.mayHaveGone === true;
      if (fresh && !handedOver && !mayHaveGone) {
        await conn
          .updateTable('followup_actions')
          .set({ status: 'pending' })
          .where('id', '=', actionId)
          .where('status', '=', 'claimed')
          .execute();
      }
      throw err;
    }
    return 'sent';
  });
}
