// Each integration test file gets a database of its own, so files can run in parallel.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDb, type Db } from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrate';

const SERVER = process.env.TEST_DATABASE_SERVER ?? 'postgres://postgres@127.0.0.1:5432';

export interface TestDatabase {
  url: string;
  db: Db;
  drop(): Promise<void>;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: `${SERVER}/postgres` });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function freshDatabase(): Promise<TestDatabase> {
  const name = `goodwill_test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`create database ${name}`));
  const url = `${SERVER}/${name}`;
  const db = createDb(url, 5);
  await migrateToLatest(db);
  return {
    url,
    db,
    async drop() {
      await db.destroy();
      await admin((c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}

/** An account with one connection and nothing synced yet, for tests that write the books directly. */
export async function seedConnection(
  db: Db,
  platform: 'xero' | 'quickbooks' = 'xero',
): Promise<{ id: string }> {
  const account = await db
    .insertInto('accounts')
    .values({ name: 'Acme' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return db
    .insertInto('connections')
    .values({
      account_id: account.id,
      platform,
      tenant_id: 't-1',
      name: 'Acme Ltd',
      connection_ref: null,
      status_reason: null,
      grant_id: null,
      reply_to: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}
