// The first schema. Money columns are bigint minor units; dates that are calendar dates are `date`.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists pgcrypto`.execute(db);

  await sql`
    create table accounts (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      created_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table users (
      id uuid primary key default gen_random_uuid(),
      account_id uuid not null references accounts(id) on delete cascade,
      platform text not null,
      subject text not null,
      email text,
      name text,
      created_at timestamptz not null default now(),
      unique (platform, subject)
    )`.execute(db);

  // Tokens belong to the grant a person gave, not to one organisation: one Xero consent can cover
  // several organisations, and they must share the one rotating refresh token.
  await sql`
    create table oauth_grants (
      id uuid primary key default gen_random_uuid(),
      account_id uuid not null references accounts(id) on delete cascade,
      platform text not null,
      tokens bytea,
      created_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table connections (
      id uuid primary key default gen_random_uuid(),
      account_id uuid not null references accounts(id) on delete cascade,
      platform text not null,
      tenant_id text not null,
      connection_ref text,
      name text not null,
      status text not null default 'active' check (status in ('active', 'needs_reauth', 'disconnected')),
      status_reason text,
      grant_id uuid references oauth_grants(id) on delete set null,
      base_currency text not null default 'NZD',
      timezone text not null default 'UTC',
      country_code text not null default 'NZ',
      reply_to text,
      last_synced_at timestamptz,
      created_at timestamptz not null default now(),
      unique (account_id, platform, tenant_id)
    )`.execute(db);

  await sql`
    create table contacts (
      id uuid primary key default gen_random_uuid(),
      connection_id uuid not null references connections(id) on delete cascade,
      external_id text not null,
      name text not null,
      email text,
      first_name text,
      last_name text,
      persons jsonb not null default '[]',
      archived boolean not null default false,
      remote_updated_at timestamptz not null,
      unique (connection_id, external_id)
    )`.execute(db);

  await sql`
    create table invoices (
      id uuid primary key default gen_random_uuid(),
      connection_id uuid not null references connections(id) on delete cascade,
      external_id text not null,
      contact_external_id text not null,
      number text not null,
      reference text,
      currency text not null,
      issue_date date not null,
      due_date date not null,
      status text not null,
      total bigint not null,
      platform_amount_due bigint not null,
      remote_updated_at timestamptz not null,
      -- What reconciliation last concluded (null until the first pass): the 'before' of the next
      -- transition, kept apart from the platform's fields that each sync overwrites.
      outstanding bigint,
      reconciled_status text,
      reconciled_due_date date,
      needs_reconcile boolean not null default true,
      unique (connection_id, external_id)
    )`.execute(db);
  await sql`create index invoices_to_reconcile on invoices (connection_id) where needs_reconcile`.execute(db);
  await sql`create index invoices_open on invoices (connection_id, contact_external_id) where outstanding > 0`.execute(
    db,
  );

  await sql`
    create table payments (
      id uuid primary key default gen_random_uuid(),
      connection_id uuid not null references connections(id) on delete cascade,
      external_id text not null,
      invoice_external_id text not null,
      amount bigint not null,
      currency text not null,
      paid_on date not null,
      status text not null check (status in ('active', 'deleted')),
      remote_updated_at timestamptz not null,
      unique (connection_id, external_id)
    )`.execute(db);
  await sql`create index payments_by_invoice on payments (connection_id, invoice_external_id)`.execute(db);

  await sql`
    create table credits (
      id uuid primary key default gen_random_uuid(),
      connection_id uuid not null references connections(id) on delete cascade,
      external_id text not null,
      kind text not null,
      number text,
      contact_external_id text not null,
      currency text not null,
      credit_date date not null,
      status text not null,
      total bigint not null,
      remaining bigint not null,
      remote_updated_at timestamptz not null,
      unique (connection_id, external_id)
    )`.execute(db);

  await sql`
    create table credit_allocations (
      credit_id uuid not null references credits(id) on delete cascade,
      connection_id uuid not null references connections(id) on delete cascade,
      invoice_external_id text not null,
      amount bigint not null,
      allocated_on date not null,
      position int not null,
      primary key (credit_id, position)
    )`.execute(db);
  await sql`create index credit_allocations_by_invoice on credit_allocations (connection_id, invoice_external_id)`.execute(
    db,
  );

  await sql`
    create table sync_cursors (
      connection_id uuid not null references connections(id) on delete cascade,
      resource text not null,
      modified_since timestamptz,
      next_page int not null default 1,
      high_water timestamptz,
      updated_at timestamptz not null default now(),
      primary key (connection_id, resource)
    )`.execute(db);

  await sql`
    create table invoice_events (
      id bigserial primary key,
      invoice_id uuid not null references invoices(id) on delete cascade,
      kind text not null,
      detail text not null,
      occurred_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table reconciliation_issues (
      invoice_id uuid primary key references invoices(id) on delete cascade,
      computed bigint not null,
      platform bigint not null,
      noticed_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table followup_actions (
      id uuid primary key default gen_random_uuid(),
      idempotency_key text not null,
      connection_id uuid not null references connections(id) on delete cascade,
      contact_id uuid not null references contacts(id) on delete cascade,
      stage_key text not null,
      stage_name text not null,
      channel text not null,
      tone text not null,
      template text not null,
      currency text not null,
      reason text not null,
      status text not null default 'pending'
        check (status in ('pending', 'claimed', 'sent', 'task_open', 'cancelled', 'skipped')),
      status_reason text,
      planned_on date not null,
      claimed_at timestamptz,
      completed_at timestamptz,
      created_at timestamptz not null default now(),
      unique (connection_id, idempotency_key)
    )`.execute(db);
  await sql`create index followup_actions_pending on followup_actions (connection_id) where status in ('pending', 'claimed')`.execute(
    db,
  );

  // One row per invoice per stage: the database, not the job queue, guarantees no invoice is chased
  // twice at the same stage.
  await sql`
    create table followup_action_invoices (
      action_id uuid not null references followup_actions(id) on delete cascade,
      invoice_id uuid not null references invoices(id) on delete cascade,
      stage_key text not null,
      primary key (action_id, invoice_id),
      unique (invoice_id, stage_key)
    )`.execute(db);

  await sql`
    create table contact_log (
      id bigserial primary key,
      connection_id uuid not null references connections(id) on delete cascade,
      contact_id uuid references contacts(id) on delete set null,
      action_id uuid unique references followup_actions(id) on delete set null,
      kind text not null,
      channel text not null,
      recipient text,
      subject text,
      message_id text,
      summary text not null,
      invoice_ids uuid[] not null default '{}',
      occurred_at timestamptz not null default now()
    )`.execute(db);
  // The log is a record of what was said to customers: append-only, enforced by the database.
  // Only the cascades of removing a whole connection or account (trigger depth > 0) may touch it.
  await sql`
    create function contact_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'contact_log is append-only';
    end $$`.execute(db);
  await sql`
    create trigger contact_log_no_update before update or delete on contact_log
    for each row when (pg_trigger_depth() = 0)
    execute function contact_log_append_only()`.execute(db);

  await sql`
    create table note_outbox (
      id bigserial primary key,
      connection_id uuid not null references connections(id) on delete cascade,
      contact_log_id bigint not null references contact_log(id),
      invoice_id uuid not null references invoices(id) on delete cascade,
      invoice_external_id text not null,
      body text not null,
      status text not null default 'pending' check (status in ('pending', 'posted', 'failed')),
      attempts int not null default 0,
      last_error text,
      posted_at timestamptz,
      created_at timestamptz not null default now(),
      unique (contact_log_id, invoice_id)
    )`.execute(db);
  await sql`create index note_outbox_pending on note_outbox (connection_id, id) where status = 'pending'`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'note_outbox',
    'contact_log',
    'followup_action_invoices',
    'followup_actions',
    'reconciliation_issues',
    'invoice_events',
    'sync_cursors',
    'credit_allocations',
    'credits',
    'payments',
    'invoices',
    'contacts',
    'connections',
    'oauth_grants',
    'users',
    'accounts',
  ]) {
    await sql`drop table if exists ${sql.table(table)} cascade`.execute(db);
  }
  await sql`drop function if exists contact_log_append_only`.execute(db);
}
