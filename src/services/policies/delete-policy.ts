// Deleting one of an organisation's own copies of a policy. Built-ins are never deleted (they can be
// reset to how they ship).
//
// A copy still in use is not deleted: the answer names each segment that starts on it and each
// customer put on it by hand, so a person can move every one of them to the policy that suits it and
// then delete the copy. Moving them on the person's behalf would change how those customers are
// chased without anyone choosing how: a key account put on a gentle copy by hand should not land on
// a default policy because its copy was tidied away.
//
// Deleting takes with it the copy's own wording and the stage actions it planned that have not gone
// (waiting to be sent or approved, never handed to a sender). Each of those would otherwise go out as
// a step of a policy nobody is on any more, with its own wording gone; removed, they leave their
// invoices' step open, and the next planning run plans it under each customer's policy now, so no
// stage is skipped. Actions already handed to a sender, and tasks already with the team, stay.
//
// All of it is one transaction under a lock on the copy's row: a change naming the copy at the same
// moment (see hold-policies.ts) either commits first and is found here, or waits and finds it gone.
import type { Segment } from '../../domain/segments';
import type { Db } from '../../db/database';
import { dropUnsentStageReminders } from '../followups/replan-reminders';
import { isBuiltIn, SEGMENTS } from './stored-policies';

export interface PolicyUses {
  segments: Segment[];
  /** Customers put on the policy by hand, by name. */
  customers: { id: string; name: string }[];
}

export type DeleteOutcome =
  | { status: 'deleted' }
  | { status: 'built_in' }
  | { status: 'not_found' }
  | ({ status: 'in_use'; name: string } & PolicyUses);

export async function deletePolicy(db: Db, connectionId: string, policyId: string): Promise<DeleteOutcome> {
  if (isBuiltIn(policyId)) return { status: 'built_in' };
  return db.transaction().execute(async (trx): Promise<DeleteOutcome> => {
    const copy = await trx
      .selectFrom('connection_policies')
      .select(['name', 'based_on'])
      .where('connection_id', '=', connectionId)
      .where('policy_id', '=', policyId)
      .forUpdate()
      .executeTakeFirst();
    if (!copy) return { status: 'not_found' };
    const uses = await policyUses(trx, connectionId, policyId);
    if (uses.segments.length > 0 || uses.customers.length > 0) {
      return { status: 'in_use', name: copy.name, ...uses };
    }
    await dropUnsentStageReminders(trx, connectionId, { policyId });
    // Copies made from this one now name what it was copied from.
    await trx
      .updateTable('connection_policies')
      .set({ based_on: copy.based_on })
      .where('connection_id', '=', connectionId)
      .where('based_on', '=', policyId)
      .execute();
    await trx
      .deleteFrom('connection_policies')
      .where('connection_id', '=', connectionId)
      .where('policy_id', '=', policyId)
      .execute();
    return { status: 'deleted' };
  });
}

/** What names the policy: the segments that start on it, and the customers put on it by hand. */
async function policyUses(trx: Db, connectionId: string, policyId: string): Promise<PolicyUses> {
  const segments = await trx
    .selectFrom('connection_segment_policies')
    .select('segment')
    .where('connection_id', '=', connectionId)
    .where('policy_id', '=', policyId)
    .execute();
  const customers = await trx
    .selectFrom('customer_settings as s')
    .innerJoin('contacts as c', 'c.id', 's.contact_id')
    .select(['c.id', 'c.name'])
    .where('c.connection_id', '=', connectionId)
    .where('s.policy_id', '=', policyId)
    .orderBy('c.name')
    .orderBy('c.id')
    .execute();
  return { segments: SEGMENTS.filter((segment) => segments.some((s) => s.segment === segment)), customers };
}
