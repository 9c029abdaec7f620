// Texts: the customer's mobile number (E.164), and on a text's action the number and words it went
// with, kept from the claim on so that a send cut off before it was recorded can be found at the
// provider (SMS providers take no idempotency key).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table contacts add column mobile text`.execute(db);
  await sql`alter table followup_actions add column message_body text`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table followup_actions drop column if exists message_body`.execute(db);
  await sql`alter table contacts drop column if exists mobile`.execute(db);
}
