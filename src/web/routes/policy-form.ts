// The policy edit form as posted: every field kept as the person typed it (so a rejected form comes
// back exactly as sent), and the draft policy read from it. Reading never judges; `draftProblems`
// names what is wrong, field by field.
import { idFor, isOwnTemplateId, TONE_WORDING, type PolicyDraft } from '../../domain/own-policy';
import type { EditedTemplate } from '../../domain/placeholders';
import type { Channel, Policy, Stage, TaskKind, Tone } from '../../domain/policy';

export interface StageRow {
  /** Empty for a stage added on this form. */
  key: string;
  name: string;
  from: string;
  days: string;
  channel: string;
  taskKind: string;
  tone: string;
  approval: string;
  /** The built-in wording used when the subject and body are left empty. */
  wording: string;
  subject: string;
  body: string;
  remove: boolean;
}

export interface PolicyForm {
  name: string;
  gap: string;
  /** Days after which the last stage comes round again; empty when it does not. */
  repeat: string;
  stages: StageRow[];
}

/** Rows the form shows per stage; a form can add one stage at a time. */
export const STAGE_FIELDS = [
  'key',
  'name',
  'from',
  'days',
  'channel',
  'taskKind',
  'tone',
  'approval',
  'wording',
  'subject',
  'body',
] as const;

export function formOf(draft: PolicyDraft): PolicyForm {
  const { policy } = draft;
  return {
    name: policy.name,
    gap: String(policy.minDaysBetweenContacts),
    repeat: String(policy.stages.at(-1)?.repeatEveryDays ?? ''),
    stages: policy.stages.map((s) => ({
      key: s.key,
      name: s.name,
      from: s.offset.from,
      days: String(s.offset.days),
      channel: s.channel,
      taskKind: s.taskKind ?? '',
      tone: s.tone,
      approval: s.approval,
      wording: s.template,
      subject: draft.wordings[s.key]?.subject ?? '',
      body: draft.wordings[s.key]?.body ?? '',
      remove: false,
    })),
  };
}

const MAX_STAGES = 60;

export function readPolicyForm(body: unknown): PolicyForm {
  const fields = (body ?? {}) as Record<string, unknown>;
  const text = (name: string) => {
    const value = fields[name];
    return typeof value === 'string' ? value.replace(/\r\n?/g, '\n') : '';
  };
  const count = Math.min(Math.max(Number.parseInt(text('stages'), 10) || 0, 0), MAX_STAGES + 1);
  const stages: StageRow[] = [];
  for (let i = 0; i < count; i++) {
    const row = Object.fromEntries(STAGE_FIELDS.map((f) => [f, text(`${f}-${i}`)])) as Omit<
      StageRow,
      'remove'
    >;
    const blank = !row.key && [row.name, row.days, row.subject, row.body].every((v) => !v.trim());
    if (!blank) stages.push({ ...row, remove: text(`remove-${i}`) === 'on' });
  }
  return { name: text('name'), gap: text('gap'), repeat: text('repeat'), stages };
}

/** A whole number as typed, else NaN, which the policy check reports against its field. */
function whole(value: string): number {
  return /^\s*-?\d+\s*$/.test(value) ? Number(value) : Number.NaN;
}

export function draftFromForm(form: PolicyForm, current: Policy): PolicyDraft {
  const kept = form.stages.filter((row) => !row.remove);
  // A removed stage's key stays taken: a new stage must not inherit what was done under it.
  const keys = new Set(form.stages.map((row) => row.key).filter(Boolean));
  const wordings: Record<string, EditedTemplate> = {};
  const stages = kept.map((row, index): Stage => {
    const key = row.key || idFor(row.name, keys, `stage-${index + 1}`);
    keys.add(key);
    if (row.subject.trim() || row.body.trim())
      wordings[key] = { subject: row.subject.trim(), body: row.body };
    const tone = row.tone as Tone;
    const template =
      row.wording && !isOwnTemplateId(row.wording) ? row.wording : (TONE_WORDING[tone] ?? 'polite');
    return {
      key,
      name: row.name.trim(),
      offset: { from: row.from as Stage['offset']['from'], days: whole(row.days) },
      channel: row.channel as Channel,
      ...(row.channel === 'task' ? { taskKind: row.taskKind as TaskKind } : {}),
      tone,
      template,
      approval: row.approval as Stage['approval'],
      ...(index === kept.length - 1 && form.repeat.trim() ? { repeatEveryDays: whole(form.repeat) } : {}),
    };
  });
  return {
    policy: { ...current, name: form.name.trim(), minDaysBetweenContacts: whole(form.gap), stages },
    wordings,
  };
}
