// A connection's suppression list: who is not written to and why, a form to add an address, and a
// button to take one off (the removal is kept, with who removed it and why).
import type { SuppressionList, SuppressionRow } from '../../services/suppression/manage';
import { formatLocalTime } from '../../domain/local-time';
import { html } from './html';
import { layout } from './layout';

const REASONS: Record<string, string> = {
  bounced: 'bounced',
  opted_out: 'opted out',
  complained: 'complained',
  manual: 'stopped by hand',
};
const SOURCES: Record<string, string> = {
  smtp: 'the mail server refused it',
  'unsubscribe link': 'the unsubscribe link in an email',
  'bounce notice': 'a bounce notice',
  person: 'a person',
};

function who(r: SuppressionRow) {
  return r.source === 'person' && r.by ? r.by : (SOURCES[r.source] ?? r.source);
}

export function suppressionsPage(list: SuppressionList, csrf: string): string {
  const when = (at: Date) => formatLocalTime(at, list.connection.locality);
  const base = `/connections/${list.connection.id}/suppressions`;
  const token = html`<input type="hidden" name="_csrf" value="${csrf}" />`;
  return layout(
    'Suppression list',
    html`<section class="card">
      <h1>Not to be contacted <span class="muted">${list.connection.name}</span></h1>
      <p class="muted">
        No reminder goes to these addresses. A customer with no other address is left for your team to call:
        the reminder is held on each invoice's timeline, saying why.
      </p>
      ${
        list.live.length === 0
          ? html`<p class="muted">Nobody is on the list.</p>`
          : html`<table>
              <thead>
                <tr>
                  <th>Address</th>
                  <th>Why</th>
                  <th>Since</th>
                  <th>Added by</th>
                  <th></th>
                </tr>
              </thead>
              <tbody>
                ${list.live.map(
                  (r) =>
                    html`<tr>
                      <td>
                        ${r.address} <span class="muted">${r.channel === 'sms' ? 'text' : 'email'}</span>
                      </td>
                      <td>
                        ${REASONS[r.reason] ?? r.reason}${r.detail ? html`<br /><span class="muted">${r.detail}</span>` : ''}
                      </td>
                      <td>${when(r.at)}</td>
                      <td>${who(r)}</td>
                      <td>
                        <form method="post" action="${base}/${r.id}/remove">
                          ${token}<input name="reason" placeholder="why remove it" />
                          <button class="secondary">Remove</button>
                        </form>
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
      <h2>Add an address</h2>
      <form method="post" action="${base}">
        ${token}
        <label
          ><select name="channel">
            <option value="email">email</option>
            <option value="sms">text message</option>
          </select></label
        >
        <label>Address or number <input name="address" required /></label>
        <label
          >because
          <select name="reason">
            <option value="manual">asked by hand</option>
            <option value="opted_out">opted out</option>
            <option value="complained">complained</option>
            <option value="bounced">bounced</option>
          </select></label
        >
        <label>Note <input name="detail" /></label>
        <button>Add</button>
      </form>
      ${
        list.removed.length > 0
          ? html`<h2>Removed</h2>
              <table>
                <tbody>
                  ${list.removed.map(
                    (r) =>
                      html`<tr>
                        <td>${r.address}</td>
                        <td>${REASONS[r.reason] ?? r.reason} since ${when(r.at)}</td>
                        <td>
                          removed ${when(r.removedAt!)} by
                          ${r.removedBy ?? 'a person'}${r.removalReason ? html`: ${r.removalReason}` : ''}
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
          : ''
      }
      <p><a href="/settings">Back</a></p>
    </section>`,
    { signedIn: true },
  );
}
