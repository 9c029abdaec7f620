// Where each resource's sync stands, per connection.
import type { SyncCursor } from '../../../connectors/types';
import type { Db } from '../../db/database';

export async function loadCursor(db: Db, connectionId: string, resource: string): Promise<SyncCursor> {
  const row = await db
    .selectFrom('sync_cursors')
    .select(['modified_since', 'next_page', 'high_water'])
    .where('connection_id', '=', connectionId)
    .where('resource', '=', resource)
    .executeTakeFirst();
  return {
    modifiedSince: row?.modified_since?.toISOString() ?? null,
    nextPage: row?.next_page ?? 1,
    highWater: row?.high_water?.toISOString() ?? null,
  };
}

export async function saveCursor(
  db: Db,
  connectionId: string,
  resource: string,
  cursor: SyncCursor,
): Promise<void> {
  const values = {
    modified_since: cursor.modifiedSince,
    next_page: cursor.nextPage,
    high_water: cursor.highWater,
    updated_at: new Date(),
  };
  await db
    .insertInto('sync_cursors')
    .values({ connection_id: connectionId, resource, ...values })
    .onConflict((oc) => oc.columns(['connection_id', 'resource']).doUpdateSet(values))
    .execute();
}
