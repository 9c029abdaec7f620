// Actions still waiting to be carried out for a connection (new ones, and ones whose send failed).
import type { Db } from '../../db/database';

export async function pendingActionIds(db: Db, connectionId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('followup_actions')
    .select('id')
    .where('connection_id', '=', connectionId)
    .where('status', '=', 'pending')
    .orderBy('created_at')
    .execute();
  return rows.map((r) => r.id);
}
