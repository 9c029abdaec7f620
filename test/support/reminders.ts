// The email reminders a connection has waiting to go, as a test picks one to send.
import type { Db } from '../../src/db/database';

/** Oldest first, each with the invoices it lists. */
export async function pendingEmailReminders(db: Db, connectionId: string) {
  const actions = await db
    .selectFrom('followup_actions')
    .select('id')
    .where('connection_id', '=', connectionId)
    .where('status', '=', 'pending')
    .where('channel', '=', 'email')
    .where('kind', '=', 'stage')
    .orderBy('id')
    .execute();
  return Promise.all(
    actions.map(async (a) => ({
      id: a.id,
      invoices: await db
        .selectFrom('followup_action_invoices as ai')
        .innerJoin('invoices as i', 'i.id', 'ai.invoice_id')
        .select(['i.id', 'i.external_id', 'i.number', 'i.currency', 'i.outstanding', 'i.online_url'])
        .where('ai.action_id', '=', a.id)
        .execute(),
    })),
  );
}
