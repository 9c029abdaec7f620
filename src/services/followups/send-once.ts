// Sending an email once. An email cannot be taken back and SMTP has no idempotency key: a worker that
// dies after the mail server has accepted a message but before the database has recorded it leaves a
// retry that cannot tell whether the message went. So the send has two commits: the action is marked
// 'claimed' before the message is handed over, and the contact log, the note outbox and 'sent' are
// committed once it has been. A claim found later is a send cut off in between; the mail service is
// asked whether it holds the Message-ID, and only if it does not (or cannot say, as plain SMTP cannot)
// does the action go round again. A session lock held from the claim to the record keeps a second
// worker from taking a live send for a dead one; the database releases it when a dead worker's
// connection drops.
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import type { AppContext } from '../context';

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
 * A claimed action: 'went' when the mail service holds its message (it is only to be recorded),
 * 'reopened' when not or when the service cannot say (pending again, to be checked and sent afresh),
 * 'settled' when another worker has recorded it meanwhile.
 */
export async function resolveClaim(
  ctx: AppContext,
  actionId: string,
  messageId: string,
): Promise<'went' | 'reopened' | 'settled'> {
  return holdingSendLock(ctx, actionId, async (conn) => {
    if ((await statusOf(conn, actionId)) !== 'claimed') return 'settled';
    if (await ctx.mailer.accepted?.(messageId)) return 'went';
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
 * mail service has taken the message (so that, as before the claim, only the commit itself lies
 * between the two). For an action claimed by a send that was cut off, sends only if the mail service
 * lacks the message. 'not_pending' when the action was cancelled or carried out by someone else first.
 */
export async function sendOnce(
  ctx: AppContext,
  actionId: string,
  messageId: string,
  steps: { send(): Promise<void>; record(trx: Db): Promise<void> },
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
    const send = fresh || !(await ctx.mailer.accepted?.(messageId));
    let handedOver = false;
    try {
      await conn.transaction().execute(async (trx) => {
        await steps.record(trx);
        if (send) await steps.send();
        handedOver = true;
      });
    } catch (err) {
      // Refused or unreachable: nothing went, and the retry starts over from pending. (Once the
      // message is handed over, the claim stays for the retry to settle.)
      if (fresh && !handedOver) {
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
