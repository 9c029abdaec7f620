// Texts: the customer's mobile number (E.164); and on a text's action the words it goes with, kept
// from before its claim so that a send cut off before it was recorded can be found at the provider
// (SMS providers take no idempotency key), and the provider's id for it once sent.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table contacts add column mobile text`.execute(db);
  await sql`
    alter table followup_actions
      add column message_body text,
      add column provider_message_id text`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table followup_actions
      drop column if exists message_body,
      drop column if exists provider_message_id`.execute(db);
  await sql`alter table contacts drop column if exists mobile`.execute(db);
}
