// What a kill interrupted, looked at right after the process is gone and before the next one starts:
// whether work was left, whether an email had reached the SMTP server without reaching the contact log
// (the kill fell between the server's acceptance and the commit), and whether a note had reached the
// platform without its outbox row being marked posted. These are the moments a retry could repeat.
import { sql } from 'kysely';
import type { CaughtEmail } from '../../src/email/sink';
import type { Db } from '../../src/db/database';

export interface KillFigures {
  kills: number;
  killsWithWorkLeft: number;
  killsAfterSmtpAcceptanceBeforeCommit: number;
  /** The emails those kills left accepted but unrecorded: each one a duplicate if simply retried. */
  emailsAcceptedButUnrecorded: number;
  killsAfterNotePostedBeforeCommit: number;
}

export function watchKills(
  db: Db,
  emails: () => CaughtEmail[],
  notesOn: (invoiceExternalId: string) => string[],
) {
  const figures: KillFigures = {
    kills: 0,
    killsWithWorkLeft: 0,
    killsAfterSmtpAcceptanceBeforeCommit: 0,
    emailsAcceptedButUnrecorded: 0,
    killsAfterNotePostedBeforeCommit: 0,
  };
  const unloggedSeen = new Set<string>();

  async function workLeft() {
    const open = await sql<{ n: string }>`
      select (select count(*) from followup_actions where status in ('pending', 'claimed'))
           + (select count(*) from note_outbox where status = 'pending') as n`.execute(db);
    return Number(open.rows[0]?.n ?? 0) > 0;
  }

  async function emailCaughtInTheWindow() {
    const logged = await db
      .selectFrom('contact_log')
      .select('message_id')
      .where('message_id', 'is not', null)
      .execute();
    const ids = new Set(logged.map((l) => l.message_id));
    const fresh = emails().filter((m) => !ids.has(m.messageId) && !unloggedSeen.has(m.messageId));
    for (const m of fresh) unloggedSeen.add(m.messageId);
    figures.emailsAcceptedButUnrecorded = unloggedSeen.size;
    return fresh.length > 0;
  }

  async function noteCaughtInTheWindow() {
    // The outbox drains in id order, one note at a time per connection: only the first rows can be
    // the ones a kill interrupted.
    const next = await db
      .selectFrom('note_outbox')
      .select(['invoice_external_id', 'body'])
      .where('status', '=', 'pending')
      .orderBy('id')
      .limit(3)
      .execute();
    return next.some((row) => notesOn(row.invoice_external_id).includes(row.body));
  }

  return {
    figures,
    workLeft,
    async afterKill() {
      figures.kills += 1;
      if (await workLeft()) figures.killsWithWorkLeft += 1;
      if (await emailCaughtInTheWindow()) figures.killsAfterSmtpAcceptanceBeforeCommit += 1;
      if (await noteCaughtInTheWindow()) figures.killsAfterNotePostedBeforeCommit += 1;
    },
  };
}
