// One Kysely instance per process over a pg pool.
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema';

// bigint (int8) holds minor units; they are safe integers far beyond any invoice, and a value that
// is not is refused loudly rather than rounded.
pg.types.setTypeParser(pg.types.builtins.INT8, (text) => {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`bigint out of safe range: ${text}`);
  return value;
});
// Calendar dates stay 'YYYY-MM-DD': turning them into Date instants would shift them by time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (text) => text);

export type Db = Kysely<Database>;

export function createDb(databaseUrl: string, poolSize = 10): Db {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  // An idle connection closed by the server (restart, failover) is dropped by the pool and replaced
  // on next use; without a listener, pg would crash the process over it. Queries in flight still fail
  // with their own error.
  pool.on('error', () => undefined);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
