// What webhooks said changed, waiting for the targeted re-fetch. The primary key deduplicates repeated
// and replayed deliveries for free.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table pending_refetch (
      connection_id uuid not null references connections(id) on delete cascade,
      kind text not null check (kind in ('invoices', 'contacts', 'credits')),
      external_id text not null,
      received_at timestamptz not null default now(),
      primary key (connection_id, kind, external_id)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists pending_refetch`.execute(db);
}
