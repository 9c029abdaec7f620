// What a sync writes is a copy of the platform's books, and each transaction carries the cursor (or
// the reconcile flags) that says how far the copy has got. If Postgres itself crashed before such a
// commit reached the disk, the data and its cursor would vanish together and the next sync would
// simply read that page again. So these commits need not wait for the disk: for a first sync of a
// large organisation, that wait is a good part of the time.
import { sql } from 'kysely';
import type { Db } from '../../db/database';

export async function commitWithoutFlush(trx: Db): Promise<void> {
  await sql`set local synchronous_commit = off`.execute(trx);
}
