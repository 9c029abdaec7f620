// An organisation's follow-up policies: the built-ins (as shipped or as edited), its own copies, and
// which policy each kind of payer starts on.
import type { Segment } from '../../domain/segments';
import type { ConnectionPolicy } from '../../services/policies/stored-policies';
import { html, SafeHtml } from './html';
import { layout } from './layout';

export interface PoliciesView {
  connectionId: string;
  connectionName: string;
  list: ConnectionPolicy[];
  segments: { segment: Segment; label: string; policyId: string }[];
  csrf: string;
  problems?: string[];
}

export const POLICY_KIND_LABELS: Record<ConnectionPolicy['kind'], string> = {
  'built-in': 'built-in',
  edited: 'built-in, edited',
  copy: 'your copy',
};

export function problemList(problems: readonly string[] | undefined) {
  if (!problems || problems.length === 0) return '';
  return html`<div class="error" role="alert">
    <strong>Nothing was saved.</strong>
    <ul>
      ${problems.map((p) => html`<li>${p}</li>`)}
    </ul>
  </div>`;
}

/** A copy's delete button; a copy still in use is not deleted (the answer says what uses it). */
export function deleteForm(base: string, csrf: string, label: string) {
  return html`<form method="post" action="${base}/delete">
    <input type="hidden" name="_csrf" value="${csrf}" />
    <button class="secondary" aria-label="${label}">Delete</button>
  </form>`;
}

function policyRow(v: PoliciesView, p: ConnectionPolicy) {
  const base = `/connections/${v.connectionId}/policies/${p.policy.id}`;
  const from = p.basedOn ? (v.list.find((o) => o.policy.id === p.basedOn)?.policy.name ?? p.basedOn) : null;
  return html`<tr data-policy="${p.policy.id}">
    <td>
      <a href="${base}"><strong>${p.policy.name}</strong></a
      ><br /><span class="muted">${p.policy.id}</span>
    </td>
    <td>
      ${POLICY_KIND_LABELS[p.kind]}${from ? html`<br /><span class="muted">copied from ${from}</span>` : ''}
    </td>
    <td class="num">${p.policy.stages.length}</td>
    <td>
      <form method="post" action="${base}/copy">
        <input type="hidden" name="_csrf" value="${v.csrf}" />
        <input name="name" placeholder="Name of the copy" aria-label="Name of the copy of ${p.policy.name}" />
        <button class="secondary">Copy</button>
      </form>
      ${
        p.kind === 'edited'
          ? html`<form method="post" action="${base}/reset">
              <input type="hidden" name="_csrf" value="${v.csrf}" />
              <button class="secondary">Reset to built-in</button>
            </form>`
          : p.kind === 'copy'
            ? deleteForm(base, v.csrf, `Delete ${p.policy.name}`)
            : ''
      }
    </td>
  </tr>`;
}

export function policiesPage(v: PoliciesView): string {
  const option = (selected: string, id: string, name: string) =>
    html`<option value="${id}" ${selected === id ? new SafeHtml('selected') : ''}>${name}</option>`;
  return layout(
    'Follow-up policies',
    html`<section class="card">
        <h1>Follow-up policies for ${v.connectionName}</h1>
        ${problemList(v.problems)}
        <p class="muted">
          Edit a built-in policy to change it for this organisation only, or copy one to make a policy of your
          own. A customer can be put on any of them from its page.
        </p>
        <table>
          <thead>
            <tr>
              <th>Policy</th>
              <th>Kind</th>
              <th class="num">Stages</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            ${v.list.map((p) => policyRow(v, p))}
          </tbody>
        </table>
      </section>
      <section class="card">
        <h2>Which policy each customer starts on</h2>
        <p class="muted">
          Customers are grouped by how they paid over the last year; a policy picked by hand for a customer
          wins.
        </p>
        <form method="post" action="/connections/${v.connectionId}/segment-policies">
          <input type="hidden" name="_csrf" value="${v.csrf}" />
          ${v.segments.map(
            (s) =>
              html`<p>
                <label
                  >${s.label}
                  <select name="${s.segment}">
                    ${v.list.map((p) => option(s.policyId, p.policy.id, p.policy.name))}
                  </select></label
                >
              </p>`,
          )}
          <button>Save</button>
        </form>
        <p><a href="/settings">Back to settings</a></p>
      </section>`,
    { signedIn: true },
  );
}
