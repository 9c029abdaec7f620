// Closing a dispute: chasing of its invoices resumes from today, with the resolution logged.
import type { AppContext } from '../context';
import { localDate } from '../followups/local-date';
import { ArrangementError } from './input';

export async function resolveDispute(
  ctx: AppContext,
  who: { accountId: string },
  arrangementId: string,
  outcome: string,
): Promise<void> {
  const dispute = await ctx.db
    .selectFrom('arrangements as a')
    .innerJoin('connections as k', 'k.id', 'a.connection_id')
    .select([
      'a.id',
      'a.kind',
      'a.resolved_on',
      'a.connection_id',
      'a.contact_id',
      'a.invoice_ids',
      'k.timezone',
    ])
    .where('a.id', '=', arrangementId)
    .where('k.account_id', '=', who.accountId)
    .executeTakeFirst();
  if (!dispute || dispute.kind !== 'dispute')
    throw new ArrangementError('There is no such dispute in your organisations');
  if (dispute.resolved_on) throw new ArrangementError(`That dispute was resolved on ${dispute.resolved_on}`);
  const today = localDate(ctx.now(), dispute.timezone);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('arrangements').set({ resolved_on: today }).where('id', '=', dispute.id).execute();
    await trx
      .insertInto('contact_log')
      .values({
        connection_id: dispute.connection_id,
        contact_id: dispute.contact_id,
        action_id: null,
        kind: 'dispute_resolved',
        channel: 'none',
        recipient: null,
        subject: null,
        message_id: null,
        summary: `Dispute resolved: ${outcome}`.slice(0, 500),
        invoice_ids: dispute.invoice_ids,
        occurred_at: ctx.now(),
      })
      .execute();
  });
}
