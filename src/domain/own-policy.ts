// A business's own version of a policy: the stages as it edited them, and for the stages whose wording
// it rewrote, that wording (subject and body with placeholders). Such a stage names a template id of
// the policy's own, "<policy>/<stage>", which no built-in wording uses; a stage without wording of its
// own keeps a built-in wording's id.
import type { EditedTemplate } from './placeholders';
import { templateProblems } from './placeholders';
import { policyProblems } from './policy-problems';
import type { Policy, Stage, Tone } from './policy';
import { purposeOf } from './templates';

export interface PolicyDraft {
  policy: Policy;
  /** Own wording by stage key; stages not listed use the built-in wording their `template` names. */
  wordings: Readonly<Record<string, EditedTemplate>>;
}

export interface OwnTemplate extends EditedTemplate {
  templateId: string;
  stageKey: string;
}

const ID_SHAPE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const MAX_ID_LENGTH = 40;

/** The built-in wording a stage falls back to when its own wording is taken away. */
export const TONE_WORDING: Readonly<Record<Tone, string>> = {
  friendly: 'friendly',
  polite: 'polite',
  firm: 'firm-plan',
  final: 'final',
  escalation: 'call',
};

export function ownTemplateId(policyId: string, stageKey: string): string {
  return `${policyId}/${stageKey}`;
}

export function isOwnTemplateId(templateId: string): boolean {
  return templateId.includes('/');
}

/** The policy as the planner uses it: stages with wording of their own name their own template. */
export function draftPolicy(draft: PolicyDraft): Policy {
  return {
    ...draft.policy,
    stages: draft.policy.stages.map((stage) =>
      draft.wordings[stage.key] ? { ...stage, template: ownTemplateId(draft.policy.id, stage.key) } : stage,
    ),
  };
}

export function draftTemplates(draft: PolicyDraft): OwnTemplate[] {
  return draft.policy.stages.flatMap((stage) => {
    const wording = draft.wordings[stage.key];
    return wording
      ? [{ ...wording, templateId: ownTemplateId(draft.policy.id, stage.key), stageKey: stage.key }]
      : [];
  });
}

/** The draft back from a stored policy and its templates (by template id), for the edit form. */
export function draftOf(policy: Policy, templates: ReadonlyMap<string, EditedTemplate>): PolicyDraft {
  const wordings: Record<string, EditedTemplate> = {};
  const stages = policy.stages.map((stage): Stage => {
    const own = templates.get(stage.template);
    if (!own)
      return isOwnTemplateId(stage.template) ? { ...stage, template: TONE_WORDING[stage.tone] } : stage;
    wordings[stage.key] = { subject: own.subject, body: own.body };
    return { ...stage, template: TONE_WORDING[stage.tone] };
  });
  return { policy: { ...policy, stages }, wordings };
}

/**
 * Everything wrong with a draft, each naming the field: the policy's own problems, then each stage's
 * wording (a placeholder that would not render, a brace without its pair, an empty subject).
 */
export function draftProblems(draft: PolicyDraft): string[] {
  const { policy } = draft;
  const problems: string[] = [];
  if (!ID_SHAPE.test(policy.id) || policy.id.length > MAX_ID_LENGTH) {
    problems.push(
      `the policy id '${policy.id}' must be lower-case letters, digits and hyphens, at most ${MAX_ID_LENGTH} long`,
    );
  }
  problems.push(...policyProblems(policy));
  const own = draftPolicy(draft);
  own.stages.forEach((stage, index) => {
    const wording = draft.wordings[stage.key];
    if (!wording) return;
    const label = stage.name?.trim() ? `'${stage.name}'` : `stage ${index + 1}`;
    const purpose = purposeOf({ stage });
    problems.push(...templateProblems(wording, purpose).map((p) => `${label} wording: ${p}`));
  });
  for (const key of Object.keys(draft.wordings)) {
    if (!policy.stages.some((s) => s.key === key))
      problems.push(`there is wording for a stage '${key}' that does not exist`);
  }
  return problems;
}

/** An id or key from a name ("Key accounts (NZ)" -> "key-accounts-nz"), unlike every one already taken. */
export function idFor(name: string, taken: ReadonlySet<string>, fallback: string): string {
  const base =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, MAX_ID_LENGTH - 4)
      .replace(/-+$/, '') || fallback;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
