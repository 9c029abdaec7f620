// Changing a connection's policies: saving an edited policy with its stages' wording, copying one under
// a new name, putting a built-in back as it was, and choosing each segment's policy. Every change is
// checked in full first and written in one transaction, so a form with one bad field stores nothing.
import {
  draftOf,
  draftPolicy,
  draftProblems,
  draftTemplates,
  idFor,
  type PolicyDraft,
} from '../../domain/own-policy';
import { defaultSegmentPolicies, type Segment } from '../../domain/segments';
import type { Db } from '../../db/database';
import { dropUnsentStageReminders } from '../followups/replan-reminders';
import { holdPolicies } from './hold-policies';
import { connectionPolicies, isBuiltIn, policyTemplates, SEGMENTS } from './stored-policies';

export interface Invalid {
  status: 'invalid';
  problems: string[];
}
export type ChangeOutcome = { status: 'saved'; policyId: string } | Invalid;

/** The connection's id when it belongs to the account, else null: nobody changes another's policies. */
export async function ownConnection(db: Db, accountId: string, connectionId: string): Promise<string | null> {
  const row = await db
    .selectFrom('connections')
    .select('id')
    .where('id', '=', connectionId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Saves a policy the connection already has (a built-in, edited or not, or a copy). */
export async function savePolicy(
  db: Db,
  connectionId: string,
  draft: PolicyDraft,
): Promise<ChangeOutcome | null> {
  const existing = (await connectionPolicies(db, connectionId)).list.find(
    (p) => p.policy.id === draft.policy.id,
  );
  if (!existing) return null;
  const problems = draftProblems(draft);
  if (problems.length > 0) return { status: 'invalid', problems };
  return db.transaction().execute(async (trx) => {
    // A copy deleted since it was read is not brought back by saving it.
    if ((await holdPolicies(trx, connectionId, [draft.policy.id])).length > 0) return null;
    await writeDraft(trx, connectionId, draft, existing.basedOn);
    return { status: 'saved', policyId: draft.policy.id } as const;
  });
}

/** A copy of one of the connection's policies, wording and all, under a new id made from its name. */
export async function copyPolicy(
  db: Db,
  connectionId: string,
  sourceId: string,
  name: string,
): Promise<ChangeOutcome | null> {
  const { list } = await connectionPolicies(db, connectionId);
  const source = list.find((p) => p.policy.id === sourceId);
  if (!source) return null;
  if (!name.trim()) return { status: 'invalid', problems: ['the copy needs a name'] };
  const id = idFor(name, new Set(list.map((p) => p.policy.id)), 'policy');
  const draft = draftOf(source.policy, await policyTemplates(db, connectionId, sourceId));
  const copy: PolicyDraft = { ...draft, policy: { ...draft.policy, id, name: name.trim() } };
  const problems = draftProblems(copy);
  if (problems.length > 0) return { status: 'invalid', problems };
  await db.transaction().execute((trx) => writeDraft(trx, connectionId, copy, sourceId));
  return { status: 'saved', policyId: id };
}

async function writeDraft(trx: Db, connectionId: string, draft: PolicyDraft, basedOn: string | null) {
  const policy = draftPolicy(draft);
  const definition = JSON.stringify(policy);
  await trx
    .insertInto('connection_policies')
    .values({
      connection_id: connectionId,
      policy_id: policy.id,
      name: policy.name,
      based_on: isBuiltIn(policy.id) ? null : basedOn,
      definition,
    })
    .onConflict((oc) =>
      oc.columns(['connection_id', 'policy_id']).doUpdateSet({
        name: policy.name,
        definition,
        updated_at: new Date(),
      }),
    )
    .execute();
  await trx
    .deleteFrom('connection_templates')
    .where('connection_id', '=', connectionId)
    .where('policy_id', '=', policy.id)
    .execute();
  const templates = draftTemplates(draft);
  if (templates.length === 0) return;
  await trx
    .insertInto('connection_templates')
    .values(
      templates.map((t) => ({
        connection_id: connectionId,
        template_id: t.templateId,
        policy_id: policy.id,
        subject: t.subject,
        body: t.body,
      })),
    )
    .execute();
}

/** A built-in policy as it ships, its edits and rewritten wording gone. False for anything else. */
export async function resetPolicy(db: Db, connectionId: string, policyId: string): Promise<boolean> {
  if (!isBuiltIn(policyId)) return false;
  await db
    .deleteFrom('connection_policies')
    .where('connection_id', '=', connectionId)
    .where('policy_id', '=', policyId)
    .execute();
  return true;
}

const SEGMENT_NAMES: Record<Segment, string> = {
  new: 'new customers',
  reliable: 'reliable payers',
  occasional_late: 'occasional late payers',
  chronic_late: 'chronic late payers',
};

export function segmentName(segment: Segment): string {
  return SEGMENT_NAMES[segment];
}

export async function saveSegmentPolicies(
  db: Db,
  connectionId: string,
  chosen: Readonly<Record<string, string | undefined>>,
): Promise<{ status: 'saved' } | Invalid> {
  const { policies } = await connectionPolicies(db, connectionId);
  const problems = SEGMENTS.flatMap((segment) => {
    const id = chosen[segment];
    if (!id) return [`pick a policy for ${SEGMENT_NAMES[segment]}`];
    return policies[id] ? [] : [`the policy for ${SEGMENT_NAMES[segment]}, '${id}', does not exist`];
  });
  if (problems.length > 0) return { status: 'invalid', problems };
  return db.transaction().execute(async (trx) => {
    const picked = SEGMENTS.map((segment) => chosen[segment]!);
    const gone = await holdPolicies(trx, connectionId, picked);
    if (gone.length > 0) {
      return { status: 'invalid', problems: gone.map((id) => `the policy '${id}' was deleted meanwhile`) };
    }
    const before = await trx
      .deleteFrom('connection_segment_policies')
      .where('connection_id', '=', connectionId)
      .returning(['segment', 'policy_id'])
      .execute();
    await trx
      .insertInto('connection_segment_policies')
      .values(SEGMENTS.map((segment, i) => ({ connection_id: connectionId, segment, policy_id: picked[i]! })))
      .execute();
    // A segment moved to another policy: what its old policy planned and has not sent is planned again
    // (for anyone in another segment still on that policy, the same reminder comes back at the next
    // planning run; customers put on it by hand are left alone).
    const was: Record<string, string> = { ...defaultSegmentPolicies };
    for (const b of before) was[b.segment] = b.policy_id;
    const left = SEGMENTS.filter((segment, i) => was[segment] !== picked[i]).map((segment) => was[segment]!);
    for (const policyId of new Set(left)) {
      await dropUnsentStageReminders(trx, connectionId, { segmentPolicyId: policyId });
    }
    return { status: 'saved' } as const;
  });
}
