// Which policy each follow-up action was planned under, so that deleting a copied policy can find the
// stage actions it planned that have not gone yet. Actions planned before this migration are known
// only when they carry wording of the policy's own ("<policy>/<stage>"); the others stay unknown.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table followup_actions add column policy_id text`.execute(db);
  await sql`
    update followup_actions set policy_id = split_part(template, '/', 1)
    where position('/' in template) > 0`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table followup_actions drop column policy_id`.execute(db);
}
