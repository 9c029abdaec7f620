// The list of actions waiting for a person's approval.
import { formatDate } from '../../domain/dates';
import type { AwaitingAction } from '../../services/followups/approvals';
import { html } from './html';
import { layout } from './layout';

export function approvalsPage(actions: AwaitingAction[], csrf: string): string {
  return layout(
    'Approvals',
    html`<section class="card">
      <h1>Waiting for your approval</h1>
      ${
        actions.length === 0
          ? html`<p class="muted">
              Nothing is waiting. In approval mode, every message Goodwill plans appears here first.
            </p>`
          : html`<form method="post" action="/approvals">
              <input type="hidden" name="_csrf" value="${csrf}" />
              <table>
                <thead>
                  <tr>
                    <th></th>
                    <th>Day</th>
                    <th>Customer</th>
                    <th>What</th>
                    <th>Invoices</th>
                    <th>Why</th>
                  </tr>
                </thead>
                <tbody>
                  ${actions.map(
                    (a) =>
                      html`<tr>
                        <td><input type="checkbox" name="ids" value="${a.id}" checked /></td>
                        <td>${formatDate(a.plannedOn)}</td>
                        <td>${a.customer}<br /><span class="muted">${a.connection}</span></td>
                        <td>${a.stageName} <span class="muted">(${a.channel})</span></td>
                        <td>${a.invoices.join(', ')}</td>
                        <td class="muted">${a.reason}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
              <p>
                <button name="decision" value="approve">Approve the ticked ones</button>
                <button class="secondary" name="decision" value="decline">Decline them</button>
              </p>
            </form>`
      }
    </section>`,
    { signedIn: true },
  );
}
