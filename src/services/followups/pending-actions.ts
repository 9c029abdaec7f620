// Actions still waiting to be carried out for a connection (new ones, ones whose send failed, and
// claimed ones whose send was cut off and is still to be settled: see send-once.ts).
import type { Db } from '../../db/database';

export async function pendingActionIds(db: Db, connectionId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('followup_actions')
    .select('id')
    .where('connection_id', '=', connectionId)
    .where('status', 'in', ['pending', 'claimed'])
    .orderBy('created_at')
    .execute();
  return rows.map((r) => r.id);
}
