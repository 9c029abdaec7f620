// What a person agreed with a customer (disputes, promises to pay, payment plans) and what they decided
// about chasing (a customer's policy, exclusion, preferred contact; an invoice's exclusion).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table arrangements (
      id uuid primary key default gen_random_uuid(),
      connection_id uuid not null references connections(id) on delete cascade,
      contact_id uuid not null references contacts(id) on delete cascade,
      kind text not null check (kind in ('dispute', 'promise', 'payment_plan')),
      invoice_ids uuid[] not null,
      made_on date not null,
      reason text,
      promised_for date,
      currency text,
      instalments jsonb not null default '[]',
      resolved_on date,
      created_by uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      check (cardinality(invoice_ids) > 0),
      check (kind <> 'promise' or promised_for is not null),
      check (kind <> 'dispute' or reason is not null)
    )`.execute(db);
  await sql`create index arrangements_by_connection on arrangements (connection_id, contact_id)`.execute(db);

  await sql`
    create table customer_settings (
      contact_id uuid primary key references contacts(id) on delete cascade,
      policy_id text,
      excluded boolean not null default false,
      contact_person jsonb
    )`.execute(db);
  await sql`alter table invoices add column excluded boolean not null default false`.execute(db);
  await sql`alter table connections add column approval_mode boolean not null default false`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table connections drop column approval_mode`.execute(db);
  await sql`alter table invoices drop column excluded`.execute(db);
  await sql`drop table if exists customer_settings`.execute(db);
  await sql`drop table if exists arrangements`.execute(db);
}
