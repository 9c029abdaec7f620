// Reminders planned under a policy that no longer applies to their customer (the customer was moved to
// another, or the copied policy was deleted). Unsent ones are removed rather than cancelled: a
// cancelled stage counts as done, and the customer would skip that step; removed, the step stays open
// and the next planning run plans it under the policy that applies now. Anything already handed to a
// sender, tasks, and other kinds of action (thank-yous, instalments) stay as they are.
import type { Db } from '../../db/database';

export type ReplanScope = { policyId: string } | { contactId: string };

export async function dropUnsentStageReminders(
  trx: Db,
  connectionId: string,
  scope: ReplanScope,
): Promise<number> {
  const dropped = await trx
    .deleteFrom('followup_actions')
    .where('connection_id', '=', connectionId)
    .where('kind', '=', 'stage')
    .where('status', 'in', ['pending', 'awaiting_approval'])
    .where('claimed_at', 'is', null)
    .where((eb) =>
      'policyId' in scope ? eb('policy_id', '=', scope.policyId) : eb('contact_id', '=', scope.contactId),
    )
    .executeTakeFirst();
  return Number(dropped.numDeletedRows);
}
