// The dry run of the coming weeks (what would go, and what would be held back), with a customer's own
// chasing settings when it is about one customer.
import { formatDate } from '../../domain/dates';
import type { SimulatedStep } from '../../services/views/simulation';
import { html, SafeHtml } from './html';
import { layout } from './layout';

export interface CustomerSettingsView {
  contactId: string;
  policyId: string | null;
  /** The organisation's policies a customer can be put on, built-in and copies. */
  policies: { id: string; name: string }[];
  excluded: boolean;
  csrf: string;
  back: string;
}

function customerSettingsForm(c: CustomerSettingsView) {
  const option = (value: string, label: string) =>
    html`<option value="${value}" ${(c.policyId ?? 'auto') === value ? new SafeHtml('selected') : ''}>
      ${label}
    </option>`;
  return html`<form method="post" action="/customers/${c.contactId}/settings">
    <input type="hidden" name="_csrf" value="${c.csrf}" /><input
      type="hidden"
      name="back"
      value="${c.back}"
    />
    <label
      >Policy
      <select name="policy">
        ${option('auto', 'chosen by payment history')}${c.policies.map((p) => option(p.id, p.name))}
      </select></label
    >
    <label
      ><input type="checkbox" name="excluded" value="on" ${c.excluded ? new SafeHtml('checked') : ''} /> do
      not chase this customer</label
    >
    <button>Save</button>
  </form>`;
}

export function simulationPage(
  title: string,
  steps: SimulatedStep[],
  customer: CustomerSettingsView | null = null,
): string {
  return layout(
    title,
    html`<section class="card">
      <h1>${title}</h1>
      ${customer ? customerSettingsForm(customer) : ''}
      <p class="muted">
        What Goodwill would do over the coming weeks from today's data, assuming nobody pays. Nothing here is
        sent.
      </p>
      ${
        steps.length === 0
          ? html`<p>Nothing would be sent.</p>`
          : html`<table>
              <thead>
                <tr>
                  <th>Day</th>
                  <th>Customer</th>
                  <th>What</th>
                  <th>Invoices</th>
                  <th>Why</th>
                </tr>
              </thead>
              <tbody>
                ${steps.map(
                  (s) =>
                    html`<tr>
                      <td>${formatDate(s.on)}</td>
                      <td>${s.customer}</td>
                      <td>
                        ${s.action === null ? html`<span class="status">held back</span>` : html`${s.action} <span class="muted">(${s.channel})</span>`}
                      </td>
                      <td>${s.invoices.join(', ')}</td>
                      <td class="muted">${s.reason}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
      <p><a href="/settings">Back</a></p>
    </section>`,
    { signedIn: true },
  );
}
