// Addresses no message may go to (bounced, opted out, complained of, or stopped by a person), per
// connection. A removal keeps the row with who removed it and when, so the list's history stays
// readable. And a task a person has done (a call logged) is closed as 'task_done'.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table suppressions (
      id bigserial primary key,
      connection_id uuid not null references connections(id) on delete cascade,
      channel text not null check (channel in ('email', 'sms')),
      address text not null,
      reason text not null check (reason in ('bounced', 'opted_out', 'complained', 'manual')),
      detail text not null default '',
      source text not null,
      created_by uuid references users(id) on delete set null,
      suppressed_at timestamptz not null,
      removed_at timestamptz,
      removed_by uuid references users(id) on delete set null,
      removal_reason text,
      check (channel <> 'email' or address = lower(address))
    )`.execute(db);
  // One live entry per address; removed ones stay as history.
  await sql`create unique index suppressions_live on suppressions (connection_id, channel, address)
    where removed_at is null`.execute(db);

  await sql`alter table followup_actions drop constraint followup_actions_status_check`.execute(db);
  await sql`alter table followup_actions add constraint followup_actions_status_check
    check (status in ('pending', 'awaiting_approval', 'claimed', 'sent', 'task_open', 'task_done', 'cancelled', 'skipped'))`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`update followup_actions set status = 'task_open' where status = 'task_done'`.execute(db);
  await sql`alter table followup_actions drop constraint followup_actions_status_check`.execute(db);
  await sql`alter table followup_actions add constraint followup_actions_status_check
    check (status in ('pending', 'awaiting_approval', 'claimed', 'sent', 'task_open', 'cancelled', 'skipped'))`.execute(
    db,
  );
  await sql`drop table if exists suppressions`.execute(db);
}
