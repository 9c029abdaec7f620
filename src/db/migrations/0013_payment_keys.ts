// A payment row is known by its connection and the platform's id for it, and nothing else refers to
// it: the surrogate uuid and its index were written for every row and never read. A row also names
// its platform payment only when that is not the row itself (a QuickBooks payment settling several
// invoices gives a row per invoice); a Xero payment is always one row, and indexing its id a second
// time cost as much as the row. Together these were two of the four indexes every inserted payment
// updated, and about 40% of the time Postgres took to store a page of payments.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table payments drop column id`.execute(db);
  await sql`alter table payments drop constraint payments_connection_id_external_id_key`.execute(db);
  await sql`alter table payments add constraint payments_pkey primary key (connection_id, external_id)`.execute(
    db,
  );
  await sql`drop index payments_by_platform_payment`.execute(db);
  await sql`update payments set platform_payment_id = null where platform_payment_id = external_id`.execute(
    db,
  );
  await sql`
    create index payments_by_platform_payment on payments (connection_id, platform_payment_id)
    where platform_payment_id is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index payments_by_platform_payment`.execute(db);
  await sql`update payments set platform_payment_id = external_id where platform_payment_id is null`.execute(
    db,
  );
  await sql`create index payments_by_platform_payment on payments (connection_id, platform_payment_id)`.execute(
    db,
  );
  await sql`alter table payments drop constraint payments_pkey`.execute(db);
  await sql`
    alter table payments add constraint payments_connection_id_external_id_key
    unique (connection_id, external_id)`.execute(db);
  await sql`alter table payments add column id uuid primary key default gen_random_uuid()`.execute(db);
}
