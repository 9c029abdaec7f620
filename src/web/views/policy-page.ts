// One policy's edit form (its stages, their timing, channel, tone, approval and wording; a stage added
// or removed; the last one repeating), and a preview of a stage's message on a real open invoice.
import { formatDate } from '../../domain/dates';
import { formatMoney } from '../../domain/money';
import { PLACEHOLDERS, placeholdersFor } from '../../domain/placeholders';
import { templateIds } from '../../domain/templates';
import type { StagePreview } from '../../services/policies/policy-preview';
import type { PolicyKind } from '../../services/policies/stored-policies';
import type { PolicyForm, StageRow } from '../routes/policy-form';
import { html, SafeHtml } from './html';
import { layout } from './layout';
import { deleteForm, POLICY_KIND_LABELS, problemList } from './policies-page';

export interface PolicyPageView {
  connectionId: string;
  policyId: string;
  kind: PolicyKind;
  form: PolicyForm;
  csrf: string;
  problems?: string[];
  saved?: boolean;
  /** Stages of the saved policy, for the preview. */
  savedStages: { key: string; name: string }[];
  preview: { stageKey: string; invoiceNumber: string; result: StagePreview | { problem: string } | null };
}

type Choice = readonly [value: string, label: string];

const FROM: Choice[] = [
  ['due', 'days after the due date (negative: before it)'],
  ['previous_contact', 'days after the previous contact'],
];
const CHANNELS: Choice[] = [
  ['email', 'email'],
  ['sms', 'text message'],
  ['task', 'task for the team'],
];
const TASK_KINDS: Choice[] = [
  ['', '(not a task)'],
  ['call', 'call'],
  ['letter', 'letter'],
  ['mediation', 'mediation'],
  ['agency', 'agency'],
];
const TONES: Choice[] = ['friendly', 'polite', 'firm', 'final', 'escalation'].map((t) => [t, t] as const);
const APPROVALS: Choice[] = [
  ['auto', 'goes automatically'],
  ['needs_approval', 'needs approval'],
];
const NOT_STAGE_WORDING = new Set(['thank-you', 'part-payment', 'instalment-reminder', 'allocate-credit']);
const WORDINGS: Choice[] = templateIds
  .filter((id) => !NOT_STAGE_WORDING.has(id))
  .map((id) => [id, id] as const);

/** A select that keeps a value it does not offer, so a rejected form comes back as it was sent. */
function select(name: string, label: string, choices: readonly Choice[], value: string) {
  const all = choices.some(([v]) => v === value) ? choices : [...choices, [value, value] as const];
  return html`<label
    >${label}
    <select name="${name}">
      ${all.map(
        ([v, l]) => html`<option value="${v}" ${v === value ? new SafeHtml('selected') : ''}>${l}</option>`,
      )}
    </select></label
  >`;
}

function stageFields(row: StageRow, i: number) {
  const isNew = !row.key;
  return html`<fieldset data-stage="${row.key}">
    <legend>${isNew ? 'Add a stage' : `Stage ${i + 1}: ${row.name}`}</legend>
    <input type="hidden" name="key-${i}" value="${row.key}" />
    <label>Name <input name="name-${i}" value="${row.name}" /></label>
    <label>When <input name="days-${i}" value="${row.days}" size="4" /></label>
    ${select(`from-${i}`, '', FROM, row.from || 'due')}
    <br />${select(`channel-${i}`, 'Channel', CHANNELS, row.channel || 'email')}
    ${select(`taskKind-${i}`, 'Task', TASK_KINDS, row.taskKind)}
    ${select(`tone-${i}`, 'Tone', TONES, row.tone || 'polite')}
    ${select(`approval-${i}`, '', APPROVALS, row.approval || 'auto')}
    <br />${select(`wording-${i}`, 'Built-in wording', WORDINGS, row.wording || 'polite')}
    <span class="muted">used when the subject and message below are empty</span>
    <br /><label>Subject <input name="subject-${i}" value="${row.subject}" size="70" /></label> <br /><label
      >Message<br /><textarea name="body-${i}" rows="6" cols="80">${row.body}</textarea>
    </label>
    ${isNew ? '' : html`<br /><label><input type="checkbox" name="remove-${i}" value="on" ${row.remove ? new SafeHtml('checked') : ''} /> remove this stage</label>`}
  </fieldset>`;
}

const BLANK: StageRow = {
  key: '',
  name: '',
  from: 'due',
  days: '',
  channel: 'email',
  taskKind: '',
  tone: 'polite',
  approval: 'auto',
  wording: '',
  subject: '',
  body: '',
  remove: false,
};

function editForm(v: PolicyPageView) {
  const rows = v.form.stages.some((s) => !s.key) ? v.form.stages : [...v.form.stages, BLANK];
  return html`<form method="post" action="/connections/${v.connectionId}/policies/${v.policyId}">
    <input type="hidden" name="_csrf" value="${v.csrf}" />
    <input type="hidden" name="stages" value="${rows.length}" />
    <p>
      <label>Name <input name="name" value="${v.form.name}" size="40" /></label>
    </p>
    <p>
      <label
        >At least <input name="gap" value="${v.form.gap}" size="3" /> days between two messages to one
        customer</label
      >
    </p>
    ${rows.map(stageFields)}
    <p>
      <label
        >Repeat the last stage every <input name="repeat" value="${v.form.repeat}" size="4" /> days
        <span class="muted">(empty: it does not repeat)</span></label
      >
    </p>
    <p class="muted">
      Placeholders for your own wording:
      ${placeholdersFor('reminder').map((p) => html`<code>{{${p}}}</code> ${PLACEHOLDERS[p].description}; `)}
    </p>
    <button>Save</button>
  </form>`;
}

function previewSection(v: PolicyPageView) {
  const { stageKey, invoiceNumber, result } = v.preview;
  const choices: Choice[] = v.savedStages.map((s) => [s.key, s.name] as const);
  return html`<section class="card" id="preview">
    <h2>Preview</h2>
    <form method="get" action="/connections/${v.connectionId}/policies/${v.policyId}#preview">
      ${select('stage', 'Stage', choices, stageKey)}
      <label
        >on invoice <input name="invoice" value="${invoiceNumber}" placeholder="the most overdue" size="12"
      /></label>
      <button class="secondary">Show</button>
    </form>
    ${
      result === null
        ? ''
        : 'problem' in result
          ? html`<p class="error">${result.problem}</p>`
          : html`<p class="muted" data-preview-invoice="${result.invoice.number}">
                ${result.stage.name} on invoice ${result.invoice.number} for ${result.invoice.customer}:
                ${formatMoney(result.invoice.amountDue, result.invoice.currency)} due
                ${formatDate(result.invoice.dueDate)}. To: ${result.to.join(', ') || 'no address'}
              </p>
              ${result.subject === null ? '' : html`<p><strong>Subject:</strong> ${result.subject}</p>`}
              <h3>Plain text</h3>
              <pre class="preview-text">${result.text}</pre>
              ${
                result.html === null
                  ? ''
                  : html`<h3>HTML</h3>
                      <iframe
                        class="preview-html"
                        sandbox=""
                        title="The HTML email"
                        style="width: 100%; height: 28rem; border: 1px solid #e4e7eb;"
                        srcdoc="${result.html}"
                      ></iframe>`
              }`
    }
  </section>`;
}

function deleteSection(v: PolicyPageView) {
  return html`<section class="card" id="delete">
    <h2>Delete this policy</h2>
    <p class="muted">
      It goes for good, with its wording. While customers are on it, by payment history or picked by hand, it
      is not deleted: you are shown who, to move them first. Reminders it planned that have not gone yet are
      planned again under each customer's policy.
    </p>
    ${deleteForm(`/connections/${v.connectionId}/policies/${v.policyId}`, v.csrf, 'Delete this policy')}
  </section>`;
}

export function policyPage(v: PolicyPageView): string {
  return layout(
    `Policy: ${v.form.name || v.policyId}`,
    html`<section class="card">
        <h1>${v.form.name || v.policyId} <span class="status">${POLICY_KIND_LABELS[v.kind]}</span></h1>
        ${v.saved ? html`<p class="status" role="status">Saved.</p>` : ''} ${problemList(v.problems)}
        ${editForm(v)}
        <p><a href="/connections/${v.connectionId}/policies">All policies</a></p>
      </section>
      ${previewSection(v)} ${v.kind === 'copy' ? deleteSection(v) : ''}`,
    { signedIn: true },
  );
}
