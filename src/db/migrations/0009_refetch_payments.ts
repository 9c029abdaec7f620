// A webhook may name a payment (QuickBooks Online sends Payment events); the re-fetch reads what it settles.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table pending_refetch drop constraint pending_refetch_kind_check`.execute(db);
  await sql`
    alter table pending_refetch add constraint pending_refetch_kind_check
      check (kind in ('invoices', 'contacts', 'credits', 'payments'))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from pending_refetch where kind = 'payments'`.execute(db);
  await sql`alter table pending_refetch drop constraint pending_refetch_kind_check`.execute(db);
  await sql`
    alter table pending_refetch add constraint pending_refetch_kind_check
      check (kind in ('invoices', 'contacts', 'credits'))`.execute(db);
}
