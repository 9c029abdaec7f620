// Why something due was not sent, per invoice, for its timeline. The same hold with the same reason is
// kept once (from the first day it applied), so a wait of many days is one line, not one a day.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table followup_skips (
      id bigserial primary key,
      connection_id uuid not null references connections(id) on delete cascade,
      invoice_id uuid not null references invoices(id) on delete cascade,
      skipped_on date not null,
      cause text not null,
      reason text not null,
      recorded_at timestamptz not null default now(),
      unique (invoice_id, cause, reason)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists followup_skips`.execute(db);
}
