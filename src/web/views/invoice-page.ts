// One invoice: its figures, its timeline, and the forms that record what was agreed about it.
import { formatDate } from '../../domain/dates';
import { formatLocalTime } from '../../domain/local-time';
import { formatMoney } from '../../domain/money';
import type { InvoiceTimeline } from '../../services/views/invoice-timeline';
import { html } from './html';
import { layout } from './layout';
import { noteLabel } from './platforms';

function arrangementForms(t: InvoiceTimeline, csrf: string) {
  const action = `/invoices/${t.invoice.id}/arrangements`;
  const token = html`<input type="hidden" name="_csrf" value="${csrf}" />`;
  const who = html`<label>With <input name="person" placeholder="who you spoke to" /></label>
    <label
      >by
      <select name="via">
        <option>phone</option>
        <option>email</option>
        <option>in person</option>
        <option>letter</option>
        <option>sms</option>
      </select></label
    >`;
  const open = t.arrangements.filter((a) => a.kind === 'dispute' && !a.resolvedOn);
  const exclusion = html`<form method="post" action="/invoices/${t.invoice.id}/exclusion">
    ${token}
    ${
      t.invoice.excluded
        ? html`This invoice is not chased.
            <button class="secondary" name="excluded" value="no">Chase it again</button>`
        : html`<button class="secondary" name="excluded" value="yes">Stop chasing this invoice</button>`
    }
  </form>`;
  return html`${exclusion}
    <h2>Arrangements</h2>
    ${t.arrangements.map(
      (a) =>
        html`<p>
          ${a.kind.replace('_', ' ')} recorded
          ${formatDate(a.madeOn)}${a.reason ? html`: ${a.reason}` : ''}${
            a.promisedFor ? html`, to pay by ${formatDate(a.promisedFor)}` : ''
          }${a.resolvedOn ? html` (resolved ${formatDate(a.resolvedOn)})` : ''}
        </p>`,
    )}
    ${open.map(
      (a) =>
        html`<form method="post" action="/arrangements/${a.id}/resolve?back=/invoices/${t.invoice.id}">
          ${token}
          <label>Resolve the dispute: <input name="outcome" placeholder="what was agreed" required /></label>
          <button>Resolve</button>
        </form>`,
    )}
    ${
      (t.invoice.outstanding ?? 0) > 0
        ? html`<details>
              <summary>Record a dispute</summary>
              <form method="post" action="${action}">
                ${token} <input type="hidden" name="kind" value="dispute" /><label
                  >What is disputed <input name="reason" required
                /></label>
                ${who} <button>Record</button>
              </form>
            </details>
            <details>
              <summary>Record a promise to pay</summary>
              <form method="post" action="${action}">
                ${token} <input type="hidden" name="kind" value="promise" /><label
                  >Will pay by <input type="date" name="promisedFor" required
                /></label>
                ${who} <button>Record</button>
              </form>
            </details>
            <details>
              <summary>Agree a payment plan</summary>
              <form method="post" action="${action}">
                ${token} <input type="hidden" name="kind" value="payment_plan" /><label
                  >Instalments, one per line: date and amount<br />
                  <textarea name="instalments" rows="4" cols="30" placeholder="2026-12-15 250.00"></textarea>
                </label>
                ${who} <button>Record</button>
              </form>
            </details>`
        : ''
    }`;
}

export function invoicePage(t: InvoiceTimeline, csrf: string): string {
  const i = t.invoice;
  return layout(
    i.number,
    html`<section class="card">
      <h1>${i.number} <span class="muted">${i.customer}</span></h1>
      <p>
        Issued ${formatDate(i.issueDate)} · due ${formatDate(i.dueDate)} · total
        ${formatMoney(i.total, i.currency)} · still owed
        ${i.outstanding === null ? '—' : formatMoney(i.outstanding, i.currency)} · ${i.status}
      </p>
      <h2>Timeline</h2>
      ${
        t.entries.length === 0
          ? html`<p class="muted">Nothing has happened on this invoice yet.</p>`
          : html`<table>
              <tbody>
                ${t.entries.map(
                  (e) =>
                    html`<tr>
                      <td class="muted">${formatLocalTime(e.at, t.invoice.locality)}</td>
                      <td>${e.kind.replace('_', ' ')}</td>
                      <td>
                        ${e.text}${
                          e.note
                            ? html`<br /><span class="muted"
                                  >${noteLabel(t.invoice.platform, e.note.status)}: ${e.note.body}</span
                                >`
                            : ''
                        }
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
      <p><a class="button" href="/invoices/${i.id}/call">Log a call</a></p>
      ${arrangementForms(t, csrf)}
      <p><a href="/settings">Back</a></p>
    </section>`,
    { signedIn: true },
  );
}
