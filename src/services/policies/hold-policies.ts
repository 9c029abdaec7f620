// A change that names some of a connection's copied policies (a customer's policy, the segments', the
// copy being saved) holds their rows until it commits, so a deletion cannot slip in between the check
// that a copy exists and the write that names it: either the deletion waits and then sees the new use,
// or the change waits and then finds the copy gone. Built-ins are never deleted and need no hold.
import type { Db } from '../../db/database';
import { isBuiltIn } from './stored-policies';

/** The named copies that no longer exist (none, normally); call inside the transaction that names them. */
export async function holdPolicies(trx: Db, connectionId: string, policyIds: string[]): Promise<string[]> {
  const copies = [...new Set(policyIds)].filter((id) => !isBuiltIn(id));
  if (copies.length === 0) return [];
  const held = await trx
    .selectFrom('connection_policies')
    .select('policy_id')
    .where('connection_id', '=', connectionId)
    .where('policy_id', 'in', copies)
    .forShare()
    .execute();
  return copies.filter((id) => !held.some((h) => h.policy_id === id));
}
