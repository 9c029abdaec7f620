// The books carry no foreign key to their connection (migration 0012): every write locks the connection
// instead, once. These tests hold that lock to what the foreign key promised.
import { sql } from 'kysely';
import type { PulledPage } from '../../connectors/types';
import type { Db } from '../../src/db/database';
import { ConnectionGoneError, startBooksWrite } from '../../src/services/sync/books-write';
import { storePulledPage } from '../../src/services/sync/store-page';
import { freshDatabase, seedConnection, type TestDatabase } from '../support/database';

const NOW = new Date('2026-11-24T10:00:00Z');
const CURSOR = { modifiedSince: null, nextPage: 2, highWater: null };
const UPDATED = '2026-11-01T00:00:00.000Z';

let t: TestDatabase;

beforeAll(async () => {
  t = await freshDatabase();
});

afterAll(() => t.drop());

const pages: PulledPage[] = [
  {
    kind: 'contacts',
    page: {
      records: [
        {
          externalId: 'c-1',
          name: 'Harbour Cafe',
          email: 'ap@harbour.example',
          firstName: null,
          lastName: null,
          persons: [],
          mobile: null,
          archived: false,
          updatedAt: UPDATED,
        },
      ],
      cursor: CURSOR,
      last: true,
    },
  },
  {
    kind: 'payments',
    page: {
      records: [
        {
          externalId: 'pay-1',
          invoiceExternalId: 'inv-1',
          amount: 4000,
          currency: 'GBP',
          date: '2026-10-20',
          status: 'active',
          platformPaymentId: 'pay-1',
          updatedAt: UPDATED,
        },
      ],
      cursor: CURSOR,
      last: true,
    },
  },
  {
    kind: 'credits',
    page: {
      records: [
        {
          externalId: 'cn-1',
          kind: 'credit_note',
          number: 'CN-1',
          contactExternalId: 'c-1',
          currency: 'GBP',
          date: '2026-10-21',
          status: 'active',
          total: 1000,
          remaining: 0,
          platformPaymentId: null,
          allocations: [{ invoiceExternalId: 'inv-1', amount: 1000, date: '2026-10-21' }],
          updatedAt: UPDATED,
        },
      ],
      cursor: CURSOR,
      last: true,
    },
  },
  {
    kind: 'invoices',
    page: {
      records: [
        {
          externalId: 'inv-1',
          number: 'INV-1',
          reference: null,
          contactExternalId: 'c-1',
          currency: 'GBP',
          issueDate: '2026-10-01',
          dueDate: '2026-10-31',
          status: 'authorised',
          total: 10000,
          amountDue: 5000,
          amountPaid: 4000,
          amountCredited: 1000,
          updatedAt: UPDATED,
        },
      ],
      cursor: CURSOR,
      last: true,
    },
  },
];

async function writeBooks(connectionId: string): Promise<void> {
  for (const pulled of pages) {
    await t.db.transaction().execute(async (trx) => {
      await startBooksWrite(trx, connectionId);
      await storePulledPage(trx, connectionId, pulled, NOW);
    });
  }
}

const BOOK_TABLES = ['contacts', 'invoices', 'payments', 'credits', 'credit_allocations'] as const;

async function rowsHeld(db: Db, connectionId: string): Promise<Record<string, number>> {
  const held: Record<string, number> = {};
  for (const table of BOOK_TABLES) {
    const { rows } = await sql<{ n: string }>`
      select count(*) as n from ${sql.table(table)} where connection_id = ${connectionId}`.execute(db);
    held[table] = Number(rows[0]?.n);
  }
  return held;
}

const ONE_OF_EACH = { contacts: 1, invoices: 1, payments: 1, credits: 1, credit_allocations: 1 };
const NONE = { contacts: 0, invoices: 0, payments: 0, credits: 0, credit_allocations: 0 };

it('deleting a connection deletes its books and leaves every other connection’s', async () => {
  const gone = await seedConnection(t.db);
  const kept = await seedConnection(t.db);
  await writeBooks(gone.id);
  await writeBooks(kept.id);
  expect(await rowsHeld(t.db, gone.id)).toEqual(ONE_OF_EACH);

  await t.db.deleteFrom('connections').where('id', '=', gone.id).execute();

  expect(await rowsHeld(t.db, gone.id)).toEqual(NONE);
  expect(await rowsHeld(t.db, kept.id)).toEqual(ONE_OF_EACH);
});

it('refuses to write books for a connection that does not exist, and writes nothing', async () => {
  const { id } = await seedConnection(t.db);
  await t.db.deleteFrom('connections').where('id', '=', id).execute();

  await expect(writeBooks(id)).rejects.toThrow(ConnectionGoneError);
  await expect(writeBooks(id)).rejects.toThrow(`Connection ${id} no longer exists`);
  expect(await rowsHeld(t.db, id)).toEqual(NONE);
});

it('a connection cannot be deleted while its books are being written', async () => {
  const { id } = await seedConnection(t.db);
  let releaseWrite!: () => void;
  const writeMayEnd = new Promise<void>((resolve) => (releaseWrite = resolve));
  let writeStarted!: () => void;
  const started = new Promise<void>((resolve) => (writeStarted = resolve));

  const write = t.db.transaction().execute(async (trx) => {
    await startBooksWrite(trx, id);
    writeStarted();
    await writeMayEnd;
    await storePulledPage(trx, id, pages[0]!, NOW);
  });
  await started;
  const deletion = t.db.transaction().execute(async (trx) => {
    await sql`set local lock_timeout = '300ms'`.execute(trx);
    await trx.deleteFrom('connections').where('id', '=', id).execute();
  });
  await expect(deletion).rejects.toThrow('lock timeout');
  releaseWrite();
  await write;
  expect((await rowsHeld(t.db, id)).contacts).toBe(1);
});
