// Every transaction that writes a connection's copy of the books (a synced page, a webhook's
// re-fetch, a reconciliation) starts here.
//
// One writer at a time per connection: an invoice page is reconciled against the payments and credits
// already stored, read just before it is written; a payment committed in between by another job would
// be missed. A transaction-scoped advisory lock keeps those writers in line and is released by the
// commit or the rollback, or by the database when a worker dies.
//
// The connection is locked for key share, once: the books' rows carry no foreign key to it (each
// would be checked row by row, see migration 0012), so this is what makes sure it exists and is not
// deleted while its books are being written.
//
// No wait for the disk: what is written is a copy of the platform's books, and each transaction carries
// the cursor (or the reconcile flags) that says how far the copy has got. If Postgres itself crashed
// before the commit reached the disk, the data and its cursor would vanish together and the next sync
// would read that page again. For a first sync of a large organisation, that wait is a good part of
// the time.
import { sql } from 'kysely';
import type { Db } from '../../db/database';

export class ConnectionGoneError extends Error {
  constructor(readonly connectionId: string) {
    super(`Connection ${connectionId} no longer exists; its books were not written`);
    this.name = 'ConnectionGoneError';
  }
}

export async function startBooksWrite(trx: Db, connectionId: string): Promise<void> {
  const { rows } = await sql<{ held: string | null }>`
    select set_config('synchronous_commit', 'off', true),
           pg_advisory_xact_lock(hashtextextended(${`books:${connectionId}`}, 0)),
           (select id from connections where id = ${connectionId} for key share) as held`.execute(trx);
  if (rows[0]?.held == null) throw new ConnectionGoneError(connectionId);
}
