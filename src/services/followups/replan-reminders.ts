// Reminders planned under a policy that no longer applies to their customer (the customer was moved to
// another, or the copied policy was deleted). Unsent ones are removed rather than cancelled: a
// cancelled stage counts as done, and the customer would skip that step; removed, the step stays open
// and the next planning run plans it under the policy that applies now. Anything already handed to a
// sender, tasks, and other kinds of action (thank-yous, instalments) stay as they are.
import type { Db } from '../../db/database';

export type ReplanScope =
  /** Everyone's reminders planned under a policy (a deleted copy). */
  | { policyId: string }
  /** Those planned under a policy for customers who follow their segment's (a segment moved off it):
   * a customer put on that policy by hand stays on it. */
  | { segmentPolicyId: string }
  /** One customer's (moved to another policy by hand). */
  | { contactId: string };

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
    .where((eb) => {
      if ('contactId' in scope) return eb('contact_id', '=', scope.contactId);
      if ('policyId' in scope) return eb('policy_id', '=', scope.policyId);
      return eb.and([
        eb('policy_id', '=', scope.segmentPolicyId),
        eb(
          'contact_id',
          'not in',
          eb.selectFrom('customer_settings').select('contact_id').where('policy_id', 'is not', null),
        ),
      ]);
    })
    .executeTakeFirst();
  return Number(dropped.numDeletedRows);
}
