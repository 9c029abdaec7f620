// A business's own follow-up policies, per connection: edited copies of the built-ins (under the
// built-in's id, which they then stand in for) and copies under new ids; the wording of stages it
// rewrote; and which policy each payment-history segment starts on.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table connection_policies (
      connection_id uuid not null references connections(id) on delete cascade,
      policy_id text not null,
      name text not null,
      based_on text,
      definition jsonb not null,
      updated_at timestamptz not null default now(),
      primary key (connection_id, policy_id)
    )`.execute(db);
  await sql`
    create table connection_templates (
      connection_id uuid not null,
      template_id text not null,
      policy_id text not null,
      subject text not null,
      body text not null,
      primary key (connection_id, template_id),
      foreign key (connection_id, policy_id)
        references connection_policies (connection_id, policy_id) on delete cascade
    )`.execute(db);
  await sql`
    create table connection_segment_policies (
      connection_id uuid not null references connections(id) on delete cascade,
      segment text not null check (segment in ('new', 'reliable', 'occasional_late', 'chronic_late')),
      policy_id text not null,
      primary key (connection_id, segment)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists connection_segment_policies`.execute(db);
  await sql`drop table if exists connection_templates`.execute(db);
  await sql`drop table if exists connection_policies`.execute(db);
}
