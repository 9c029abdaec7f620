// The policies a connection plans with: the built-ins, overlaid with the business's edited copies
// (same id) and its own copies (new ids), which policy each segment starts on, and the wording of
// stages it rewrote. Stored definitions are parsed with zod, like any payload from outside the code.
import { z } from 'zod';
import { isOwnTemplateId } from '../../domain/own-policy';
import { builtInPolicies } from '../../domain/policy';
import type { EditedTemplate } from '../../domain/placeholders';
import type { Policy } from '../../domain/policy';
import { defaultSegmentPolicies, type Segment } from '../../domain/segments';
import type { Db } from '../../db/database';

const stageSchema = z.object({
  key: z.string(),
  name: z.string(),
  offset: z.object({ from: z.enum(['due', 'previous_contact']), days: z.number().int() }),
  channel: z.enum(['email', 'sms', 'task']),
  taskKind: z.enum(['call', 'letter', 'mediation', 'agency']).optional(),
  tone: z.enum(['friendly', 'polite', 'firm', 'final', 'escalation']),
  template: z.string(),
  approval: z.enum(['auto', 'needs_approval']),
  repeatEveryDays: z.number().int().optional(),
});

export const policySchema = z.object({
  id: z.string(),
  name: z.string(),
  stages: z.array(stageSchema),
  minDaysBetweenContacts: z.number().int(),
  graceDays: z.number().int(),
  instalmentReminderDaysBefore: z.number().int(),
  smallBalance: z.object({
    byCurrency: z.record(z.string(), z.number().int()),
    wholeUnitsOtherwise: z.number().int(),
  }),
}) satisfies z.ZodType<Policy>;

export const SEGMENTS = Object.keys(defaultSegmentPolicies) as Segment[];

/** One of the policies every organisation has: it can be edited and reset, never deleted. */
export const isBuiltIn = (policyId: string) => Object.hasOwn(builtInPolicies, policyId);

export type PolicyKind = 'built-in' | 'edited' | 'copy';

export interface ConnectionPolicy {
  policy: Policy;
  kind: PolicyKind;
  /** For a copy: the policy it was copied from. */
  basedOn: string | null;
}

export interface ConnectionPolicies {
  /** Built-ins first, in their usual order, then copies by name. */
  list: ConnectionPolicy[];
  policies: Readonly<Record<string, Policy>>;
  segmentPolicies: Readonly<Record<Segment, string>>;
}

function parseStored(row: { policy_id: string; definition: unknown }): Policy {
  const parsed = policySchema.safeParse(row.definition);
  if (!parsed.success) {
    throw new Error(`The stored policy '${row.policy_id}' cannot be read: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

export async function connectionPolicies(db: Db, connectionId: string): Promise<ConnectionPolicies> {
  const rows = await db
    .selectFrom('connection_policies')
    .select(['policy_id', 'based_on', 'definition'])
    .where('connection_id', '=', connectionId)
    .orderBy('name')
    .execute();
  const stored = new Map(rows.map((r) => [r.policy_id, { policy: parseStored(r), basedOn: r.based_on }]));
  const list: ConnectionPolicy[] = Object.values(builtInPolicies).map((builtIn) => {
    const edited = stored.get(builtIn.id);
    return edited
      ? { policy: edited.policy, kind: 'edited', basedOn: null }
      : { policy: builtIn, kind: 'built-in', basedOn: null };
  });
  for (const [id, { policy, basedOn }] of stored) {
    if (!isBuiltIn(id)) list.push({ policy, kind: 'copy', basedOn });
  }
  const segments = await db
    .selectFrom('connection_segment_policies')
    .select(['segment', 'policy_id'])
    .where('connection_id', '=', connectionId)
    .execute();
  const policies = Object.fromEntries(list.map((p) => [p.policy.id, p.policy]));
  const segmentPolicies = { ...defaultSegmentPolicies };
  for (const s of segments) {
    if (SEGMENTS.includes(s.segment as Segment) && policies[s.policy_id])
      segmentPolicies[s.segment as Segment] = s.policy_id;
  }
  return { list, policies, segmentPolicies };
}

/** The business's own wording for a template id of this connection, if it has one. */
export async function ownTemplate(
  db: Db,
  connectionId: string,
  templateId: string,
): Promise<EditedTemplate | null> {
  if (!isOwnTemplateId(templateId)) return null;
  const row = await db
    .selectFrom('connection_templates')
    .select(['subject', 'body'])
    .where('connection_id', '=', connectionId)
    .where('template_id', '=', templateId)
    .executeTakeFirst();
  return row ?? null;
}

/** The wording of one policy's rewritten stages, by template id. */
export async function policyTemplates(
  db: Db,
  connectionId: string,
  policyId: string,
): Promise<Map<string, EditedTemplate>> {
  const rows = await db
    .selectFrom('connection_templates')
    .select(['template_id', 'subject', 'body'])
    .where('connection_id', '=', connectionId)
    .where('policy_id', '=', policyId)
    .execute();
  return new Map(rows.map((r) => [r.template_id, { subject: r.subject, body: r.body }]));
}
