// Storing a page must read rows in proportion to the page, not to everything the connection holds:
// otherwise a first sync of a large organisation slows with every page it writes. The tables here hold
// thousands of rows Postgres has no statistics for (as during a first sync, when they grow far faster
// than autovacuum samples them), which is when the planner is tempted to read the whole connection.
import { sql } from 'kysely';
import type { CanonicalInvoice, CanonicalPayment, PulledPage } from '../../connectors/types';
import type { Db } from '../../src/db/database';
import { startBooksWrite } from '../../src/services/sync/books-write';
import { storePulledPage } from '../../src/services/sync/store-page';
import { freshDatabase, seedConnection, type TestDatabase } from '../support/database';

const HELD = 20_000;
const PAGE = 200;
const CURSOR = { modifiedSince: null, nextPage: 2, highWater: null };
const NOW = new Date('2026-11-24T10:00:00Z');

let t: TestDatabase;
let connectionId: string;

beforeAll(async () => {
  t = await freshDatabase();
  for (const table of ['invoices', 'payments', 'credits', 'credit_allocations']) {
    await sql`alter table ${sql.table(table)} set (autovacuum_enabled = false)`.execute(t.db);
  }
  ({ id: connectionId } = await seedConnection(t.db, 'quickbooks'));
  // Every held invoice paid by one held payment, as a large organisation's history is.
  await sql`
    insert into invoices (connection_id, external_id, contact_external_id, number, currency, issue_date,
                          due_date, status, total, platform_amount_due, remote_updated_at, outstanding,
                          reconciled_status, reconciled_due_date, needs_reconcile)
    select ${connectionId}, 'inv-' || n, 'c-1', 'INV-' || n, 'USD', date '2026-01-01', date '2026-02-01',
           'paid', 1000, 0, timestamptz '2026-03-01', 0, 'paid', date '2026-02-01', false
    from generate_series(1, ${HELD}) as n`.execute(t.db);
  await sql`
    insert into payments (connection_id, external_id, invoice_external_id, amount, currency, paid_on, status,
                          platform_payment_id, remote_updated_at)
    select ${connectionId}, 'pay-' || n || ':inv-' || n, 'inv-' || n, 1000, 'USD', date '2026-02-01', 'active',
           'pay-' || n, timestamptz '2026-03-01'
    from generate_series(1, ${HELD}) as n`.execute(t.db);
}, 60_000);

afterAll(() => (process.env.KEEP_DB ? (console.log('KEEP', t.url), t.db.destroy()) : t.drop()));

const ids = (from: number) => Array.from({ length: PAGE }, (_, i) => from + i);

function payment(n: number): CanonicalPayment {
  return {
    externalId: `pay-${n}:inv-${n}`,
    invoiceExternalId: `inv-${n}`,
    amount: 1000,
    currency: 'USD',
    date: '2026-02-01',
    status: 'active',
    platformPaymentId: `pay-${n}`,
    updatedAt: '2026-04-01T00:00:00.000Z',
  };
}

function invoice(n: number): CanonicalInvoice {
  return {
    externalId: `inv-${n}`,
    number: `INV-${n}`,
    reference: null,
    contactExternalId: 'c-1',
    currency: 'USD',
    issueDate: '2026-01-01',
    dueDate: '2026-02-01',
    status: 'paid',
    total: 1000,
    amountDue: 0,
    amountPaid: 1000,
    amountCredited: 0,
    updatedAt: '2026-04-01T00:00:00.000Z',
  };
}

/** Rows of the synced tables read so far by this backend, by any kind of scan. Postgres keeps these
 * counts per backend until it reports them, so only a difference taken in one transaction is that
 * transaction's own. */
async function rowsRead(trx: Db): Promise<number> {
  const { rows } = await sql<{ read: string }>`
    select sum(pg_stat_get_xact_tuples_returned(c.oid) + pg_stat_get_xact_tuples_fetched(c.oid)) as read
    from pg_class c where c.relname in ('invoices', 'payments', 'credits', 'credit_allocations')`.execute(
    trx,
  );
  return Number(rows[0]!.read);
}

/** Rows of the synced tables that storing the page read. */
async function rowsReadStoring(pulled: PulledPage): Promise<number> {
  return t.db.transaction().execute(async (trx) => {
    await startBooksWrite(trx, connectionId);
    const before = await rowsRead(trx);
    await storePulledPage(trx, connectionId, pulled, NOW);
    return (await rowsRead(trx)) - before;
  });
}

it('stores a page of payments, some of them edited copies, reading rows for that page only', async () => {
  // Half the page re-reads held payments (as a webhook's re-fetch or a full pass does), half is new.
  const page = [...ids(1).slice(0, PAGE / 2), ...ids(HELD + 1).slice(0, PAGE / 2)].map(payment);
  const read = await rowsReadStoring({
    kind: 'payments',
    page: { records: page, cursor: CURSOR, last: false },
    // QuickBooks names each payment of the page, so rows its newer copy no longer has are removed.
    removed: {
      invoices: [],
      credits: [],
      payments: page.map((p) => ({ externalId: p.platformPaymentId, updatedAt: p.updatedAt })),
    },
  });
  expect(read).toBeLessThan(PAGE * 10);
  const stored = await t.db
    .selectFrom('payments')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('connection_id', '=', connectionId)
    .executeTakeFirstOrThrow();
  expect(Number(stored.n)).toBe(HELD + PAGE / 2);
});

it('stores a page of invoices, reconciled against the payments held, reading rows for that page only', async () => {
  const read = await rowsReadStoring({
    kind: 'invoices',
    page: { records: ids(HELD / 2).map(invoice), cursor: CURSOR, last: false },
  });
  expect(read).toBeLessThan(PAGE * 10);
  const reconciled = await t.db
    .selectFrom('invoices')
    .select(['outstanding', 'reconciled_status'])
    .where('connection_id', '=', connectionId)
    .where('external_id', '=', `inv-${HELD / 2}`)
    .executeTakeFirstOrThrow();
  expect(reconciled).toEqual({ outstanding: 0, reconciled_status: 'paid' });
});

it('stores removals of invoices and payments, reading rows for those removed only', async () => {
  const gone = ids(HELD / 4).map((n) => ({ externalId: `inv-${n}`, updatedAt: '2026-05-01T00:00:00.000Z' }));
  const read = await rowsReadStoring({
    kind: 'invoices',
    page: { records: [], cursor: CURSOR, last: false },
    removed: {
      invoices: gone,
      credits: [],
      payments: ids(HELD / 4).map((n) => ({ externalId: `pay-${n}`, updatedAt: '2026-05-01T00:00:00.000Z' })),
    },
  });
  expect(read).toBeLessThan(PAGE * 10);
  const deleted = await t.db
    .selectFrom('payments')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('connection_id', '=', connectionId)
    .where('status', '=', 'deleted')
    .executeTakeFirstOrThrow();
  expect(Number(deleted.n)).toBe(PAGE);
});
