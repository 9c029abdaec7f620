// Taking invoices out of reminders that have not gone yet. A reminder left with no invoice is
// cancelled; one that still covers other invoices goes ahead without the settled one.
import { sql } from 'kysely';
import type { Db } from '../../db/database';

export async function withdrawInvoicesFromPendingActions(
  trx: Db,
  invoiceIds: string[],
  reason: string,
  now: Date,
): Promise<number> {
  if (invoiceIds.length === 0) return 0;
  const affected = await trx
    .selectFrom('followup_action_invoices as ai')
    .innerJoin('followup_actions as a', 'a.id', 'ai.action_id')
    .select(['ai.action_id', 'ai.invoice_id'])
    .where('ai.invoice_id', '=', sql<string>`any(${invoiceIds}::uuid[])`)
    .where('a.status', '=', 'pending')
    .execute();
  if (affected.length === 0) return 0;
  const actionIds = [...new Set(affected.map((a) => a.action_id))];
  // Sole-invoice actions keep their invoice row, so the timeline still shows what was cancelled.
  const cancelled = await trx
    .updateTable('followup_actions')
    .set({ status: 'cancelled', status_reason: reason, completed_at: now })
    .where('id', 'in', actionIds)
    .where('status', '=', 'pending')
    .where(
      sql<boolean>`not exists (select 1 from followup_action_invoices o where o.action_id = followup_actions.id and o.invoice_id <> all(${sql.val(invoiceIds)}::uuid[]))`,
    )
    .returning('id')
    .execute();
  const cancelledIds = new Set(cancelled.map((c) => c.id));
  const partial = affected.filter((a) => !cancelledIds.has(a.action_id));
  for (const row of partial) {
    await trx
      .deleteFrom('followup_action_invoices')
      .where('action_id', '=', row.action_id)
      .where('invoice_id', '=', row.invoice_id)
      .execute();
  }
  return cancelled.length + partial.length;
}
