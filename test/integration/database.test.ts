import { sql } from 'kysely';
import { arrayParam } from '../../src/db/array-literal';
import { freshDatabase, seedConnection, type TestDatabase } from '../support/database';

let t: TestDatabase;
beforeAll(async () => {
  t = await freshDatabase();
});
afterAll(() => t.drop());

it('keeps minor units and calendar dates exactly', async () => {
  const connection = await seedConnection(t.db);
  await t.db
    .insertInto('invoices')
    .values({
      connection_id: connection.id,
      external_id: 'inv-1',
      contact_external_id: 'c-1',
      number: 'INV-1',
      reference: null,
      currency: 'NZD',
      issue_date: '2026-10-31',
      due_date: '2026-11-30',
      status: 'authorised',
      total: 9_007_199_254_740_991,
      platform_amount_due: 123_45,
      outstanding: 123_45,
      remote_updated_at: new Date(),
    })
    .execute();
  const row = await t.db
    .selectFrom('invoices')
    .selectAll()
    .where('external_id', '=', 'inv-1')
    .executeTakeFirstOrThrow();
  expect(row.total).toBe(9_007_199_254_740_991);
  expect(row.due_date).toBe('2026-11-30');
});

it('refuses to change or delete a contact-log entry', async () => {
  const connection = await seedConnection(t.db);
  const entry = await t.db
    .insertInto('contact_log')
    .values({
      connection_id: connection.id,
      contact_id: null,
      action_id: null,
      kind: 'email_sent',
      channel: 'email',
      recipient: 'a@example.com',
      subject: 's',
      message_id: null,
      summary: 'sent',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await expect(
    t.db.updateTable('contact_log').set({ summary: 'edited' }).where('id', '=', entry.id).execute(),
  ).rejects.toThrow('contact_log is append-only');
  await expect(t.db.deleteFrom('contact_log').where('id', '=', entry.id).execute()).rejects.toThrow(
    'append-only',
  );
  // Removing the whole connection still removes its log with it.
  await t.db.deleteFrom('connections').where('id', '=', connection.id).execute();
  const left = await sql<{
    n: string;
  }>`select count(*) as n from contact_log where connection_id = ${connection.id}`.execute(t.db);
  expect(Number(left.rows[0]?.n)).toBe(0);
});

it('hands Postgres a column of awkward values exactly as they were', async () => {
  const texts = [
    'plain',
    '',
    'NULL',
    'a,b',
    '{braces}',
    ' spaced ',
    'quote " inside',
    'back\\slash',
    'Māori ✓',
    null,
  ];
  const { rows } = await sql<{ value: string | null }>`
    select unnest(${arrayParam(texts, 'text')}) as value`.execute(t.db);
  expect(rows.map((r) => r.value)).toEqual(texts);
  const numbers = [0, -12, 9007199254740991, null];
  const { rows: big } = await sql<{ value: string | null }>`
    select unnest(${arrayParam(numbers, 'bigint')})::text as value`.execute(t.db);
  expect(big.map((r) => r.value)).toEqual(['0', '-12', '9007199254740991', null]);
});
