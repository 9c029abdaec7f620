// The screens. Each takes a view model and returns a whole HTML page.
import { daysBetween, formatDate } from '../../domain/dates';
import { formatMoney } from '../../domain/money';
import type { CaughtEmail } from '../../email/sink';
import type { ConnectionView, DebtorView } from '../../services/views/account-overview';
import type { InvoiceTimeline } from '../../services/views/invoice-timeline';
import type { SimulatedStep } from '../../services/views/simulation';
import type { AwaitingAction } from '../../services/followups/approvals';
import { html, SafeHtml } from './html';
import { layout } from './layout';

export function homePage(options: { sandbox: boolean }): string {
  return layout(
    'Welcome',
    html`<section class="card">
      <h1>Get paid without losing goodwill</h1>
      <p>
        Goodwill connects to your accounting, reminds customers before and after invoices fall due — friendly
        first, firmer later, never threatening — logs every contact and notes it on the invoice in your books.
      </p>
      <p><a class="button" href="/connect/xero">Connect Xero</a></p>
      ${options.sandbox ? html`<p class="muted">No Xero app is configured, so this connects the built-in sandbox organisation.</p>` : ''}
    </section>`,
  );
}

export function errorPage(title: string, message: string, status: number): string {
  return layout(
    title,
    html`<section class="card error">
      <h1>${title}</h1>
      <p>${message}</p>
      <p><a href="/">Back to the start</a></p>
      <p class="muted">HTTP ${status}</p>
    </section>`,
  );
}

function nextCell(d: DebtorView) {
  const current = d.next;
  if (current?.status === 'pending') {
    return html`<strong>${current.stageName}</strong> <span class="status">due now</span><br /><span
        class="muted"
        >${current.reason}</span
      >`;
  }
  const last = current
    ? html`<br /><span class="muted">Last: ${current.stageName} (${current.status.replace('_', ' ')})</span>`
    : '';
  if (d.upcoming) {
    return html`<strong>${d.upcoming.stageName}</strong> on ${formatDate(d.upcoming.on)}<br /><span
        class="muted"
        >for ${d.upcoming.invoiceNumber}</span
      >${last}`;
  }
  return html`<span class="muted">every step taken; over to the team</span>${last}`;
}

function debtorRow(d: DebtorView, today: string, connectionId: string) {
  const days = daysBetween(d.oldestDueDate, today);
  return html`<tr>
    <td>
      <strong>${d.name}</strong><br /><span class="muted">${d.email ?? 'no email address'}</span><br /><a
        class="muted"
        href="/connections/${connectionId}/simulation?customer=${d.contactId}"
        >the next 90 days</a
      >
    </td>
    <td class="num">${d.owed.map((o) => html`${formatMoney(o.total, o.currency)}<br />`)}</td>
    <td class="num overdue">
      ${d.owed.map((o) => html`${o.overdue > 0 ? formatMoney(o.overdue, o.currency) : '—'}<br />`)}
    </td>
    <td>
      ${days > 0 ? html`<span class="overdue">${days} days overdue</span>` : days === 0 ? 'due today' : `due in ${-days} days`}
    </td>
    <td>${d.invoices.map((i) => html`<a href="/invoices/${i.id}">${i.number}</a> `)}</td>
    <td>${nextCell(d)}</td>
  </tr>`;
}

function connectionSection(c: ConnectionView, csrf: string) {
  const syncing = c.status === 'active' && c.lastSyncedAt === null;
  return html`<section class="card" data-connection="${c.id}">
    <h2>${c.name} <span class="status ${c.status}">${c.status.replace('_', ' ')}</span></h2>
    <p class="muted">
      ${c.platform === 'xero' ? 'Xero' : 'QuickBooks Online'} ·
      ${c.lastSyncedAt ? `last synced ${c.lastSyncedAt.toISOString().replace('T', ' ').slice(0, 16)} UTC` : 'first sync in progress…'}
      ${c.statusReason ? html` · ${c.statusReason}` : ''}
    </p>
    ${
      c.status === 'needs_reauth' || c.status === 'disconnected'
        ? html`<p><a class="button" href="/connect/${c.platform}">Reconnect</a></p>`
        : html`<form method="post" action="/connections/${c.id}/disconnect">
              <input type="hidden" name="_csrf" value="${csrf}" /><button class="secondary">
                Disconnect
              </button>
            </form>
            <form method="post" action="/connections/${c.id}/approval-mode">
              <input type="hidden" name="_csrf" value="${csrf}" />
              ${
                c.approvalMode
                  ? html`Approval mode is on: every message waits on <a href="/approvals">your list</a>.
                      <button class="secondary" name="mode" value="off">Send without approval</button>`
                  : html`Messages go out automatically.
                      <button class="secondary" name="mode" value="on">Approve each one first</button>`
              }
            </form>`
    }
    ${
      syncing
        ? ''
        : html`<h3>Customers who owe you</h3>
            ${
              c.debtors.length === 0
                ? html`<p class="muted">Nobody owes you anything right now.</p>`
                : html`<table>
                    <thead>
                      <tr>
                        <th>Customer</th>
                        <th class="num">Owed</th>
                        <th class="num">Overdue</th>
                        <th>Oldest</th>
                        <th>Invoices</th>
                        <th>Next action and why</th>
                      </tr>
                    </thead>
                    <tbody>
                      ${c.debtors.map((d) => debtorRow(d, c.today, c.id))}
                    </tbody>
                  </table>`
            }`
    }
    ${
      c.issues.length > 0
        ? html`<h3>Figures that do not add up</h3>
            <p class="muted">
              Our total of payments and credits differs from what the books say is due. Nothing was
              overwritten; please check these invoices.
            </p>
            <table>
              <tbody>
                ${c.issues.map(
                  (i) =>
                    html`<tr>
                      <td><a href="/invoices/${i.invoiceId}">${i.number}</a></td>
                      <td>we make it ${formatMoney(i.computed, i.currency)}</td>
                      <td>the books say ${formatMoney(i.platform, i.currency)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
        : ''
    }
  </section>`;
}

export function settingsPage(connections: ConnectionView[], csrf: string): string {
  const syncing = connections.some((c) => c.status === 'active' && c.lastSyncedAt === null);
  return layout(
    'Settings',
    html`${
      connections.length === 0
        ? html`<section class="card">
            <p>No organisation is connected.</p>
            <p><a class="button" href="/connect/xero">Connect Xero</a></p>
          </section>`
        : ''
    }
    ${connections.map((c) => connectionSection(c, csrf))}`,
    { signedIn: true, refreshSeconds: syncing ? 2 : undefined },
  );
}

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
                      <td class="muted">${e.at.toISOString().slice(0, 16).replace('T', ' ')}</td>
                      <td>${e.kind.replace('_', ' ')}</td>
                      <td>
                        ${e.text}${e.note ? html`<br /><span class="muted">Note in the books (${e.note.status}): ${e.note.body}</span>` : ''}
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
      ${arrangementForms(t, csrf)}
      <p><a href="/settings">Back</a></p>
    </section>`,
    { signedIn: true },
  );
}

export function outboxPage(messages: CaughtEmail[] | null): string {
  return layout(
    'Outbox',
    html`<section class="card">
      <h1>Outbox</h1>
      ${
        messages === null
          ? html`<p class="muted">Email goes out through the configured SMTP server; it is not kept here.</p>`
          : messages.length === 0
            ? html`<p class="muted">
                No email has been sent yet. The development mail sink catches every message here instead of
                delivering it.
              </p>`
            : messages
                .slice()
                .reverse()
                .map(
                  (m) =>
                    html`<article>
                        <h3>${m.subject}</h3>
                        <p class="muted">
                          To ${m.to.join(', ')} · ${m.receivedAt.toISOString()} · ${m.messageId}
                        </p>
                        <pre style="white-space:pre-wrap">${m.text}</pre>
                      </article>
                      <hr />`,
                )
      }
    </section>`,
    { signedIn: true },
  );
}

export interface CustomerSettingsView {
  contactId: string;
  policyId: string | null;
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
        ${option('auto', 'chosen by payment history')}${option('gentle', 'gentle')}${option('standard', 'standard')}${option('firm', 'firm')}
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
                      <td>${s.action} <span class="muted">(${s.channel})</span></td>
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
