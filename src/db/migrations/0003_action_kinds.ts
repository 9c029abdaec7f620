// Follow-up actions beyond policy stages (thank-yous, credit to allocate, instalment reminders, notes),
// tasks of a kind, and actions that wait for a person's approval.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table followup_actions
    add column kind text not null default 'stage',
    add column task_kind text,
    add column requires_approval boolean not null default false,
    add column recipient text,
    add column detail jsonb not null default '{}'`.execute(db);
  await sql`alter table followup_actions drop constraint followup_actions_status_check`.execute(db);
  await sql`alter table followup_actions add constraint followup_actions_status_check
    check (status in ('pending', 'awaiting_approval', 'claimed', 'sent', 'task_open', 'cancelled', 'skipped'))`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table followup_actions drop constraint followup_actions_status_check`.execute(db);
  await sql`alter table followup_actions add constraint followup_actions_status_check
    check (status in ('pending', 'claimed', 'sent', 'task_open', 'cancelled', 'skipped'))`.execute(db);
  await sql`alter table followup_actions
    drop column kind, drop column task_kind, drop column requires_approval, drop column recipient,
    drop column detail`.execute(db);
}
