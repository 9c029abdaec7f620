// Which platform payment a stored payment or credit row was read from: a QuickBooks payment settling
// several invoices is stored as several rows, and when it is edited or deleted every one of them must
// be found. Rows stored before this migration get it on their next sync.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table payments add column platform_payment_id text`.execute(db);
  await sql`alter table credits add column platform_payment_id text`.execute(db);
  await sql`
    create index payments_by_platform_payment on payments (connection_id, platform_payment_id)`.execute(db);
  await sql`
    create index credits_by_platform_payment on credits (connection_id, platform_payment_id)
    where platform_payment_id is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table credits drop column platform_payment_id`.execute(db);
  await sql`alter table payments drop column platform_payment_id`.execute(db);
}
