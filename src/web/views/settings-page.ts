// The settings page: each connection, its customers who owe money, and what comes next for each.
import type { Platform } from '../../../connectors/types';
import { daysBetween, formatDate, formatDateWithWeekday } from '../../domain/dates';
import { formatLocalTime } from '../../domain/local-time';
import { formatMoney } from '../../domain/money';
import { count, joinAnd } from '../../domain/text';
import {
  CUSTOMERS_PER_PAGE,
  type ConnectionView,
  type CustomerList,
  type DebtorView,
} from '../../services/views/account-overview';
import { COLLECTED_DAYS, type Collected } from '../../services/views/collected';
import { html } from './html';
import { layout } from './layout';
import { PLATFORM_NAME, platformChoices } from './platforms';

function nextCell(d: DebtorView, today: string) {
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
  if (d.held) {
    const when = d.held.on <= today ? '' : ` from ${formatDate(d.held.on)}`;
    return html`<strong>Held back</strong>${when}${d.held.reasons.map(
        (reason) => html`<br /><span class="muted">${reason}</span>`,
      )}${last}`;
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
      · <a class="muted" href="/customers/${d.contactId}/call">log a call</a>
    </td>
    <td class="num">${d.owed.map((o) => html`${formatMoney(o.total, o.currency)}<br />`)}</td>
    <td class="num overdue">
      ${d.owed.map((o) => html`${o.overdue > 0 ? formatMoney(o.overdue, o.currency) : '—'}<br />`)}
    </td>
    <td>
      ${days > 0 ? html`<span class="overdue">${count(days, 'day')} overdue</span>` : days === 0 ? 'due today' : `due in ${count(-days, 'day')}`}
    </td>
    <td>${d.invoices.map((i) => html`<a href="/invoices/${i.id}">${i.number}</a> `)}</td>
    <td>${nextCell(d, today)}</td>
  </tr>`;
}

/** "$12,345.67 NZD owed by 37 customers, $4,567.89 NZD of it overdue", a line per currency. */
function owedSummary(list: CustomerList) {
  const customers = count(list.count, 'customer');
  return html`<p>
    ${list.owed.map(
      (o, i) =>
        html`${i > 0 ? html`<br />` : ''}<strong>${formatMoney(o.total, o.currency)}</strong> owed${
            i === 0 ? ` by ${customers}` : ''
          }${o.overdue > 0 ? html`, <span class="overdue">${formatMoney(o.overdue, o.currency)} of it overdue</span>` : ''}`,
    )}
  </p>`;
}

/** "Received after Goodwill's reminders in the last 30 days: $2,345.00 NZD on 4 invoices." */
function collectedSummary(collected: readonly Collected[]) {
  if (collected.length === 0) return '';
  const parts = collected.map(
    (c) => `${formatMoney(c.amount, c.currency)} on ${count(c.invoices, 'invoice')}`,
  );
  return html`<p class="muted">
    Received after Goodwill's reminders in the last ${COLLECTED_DAYS} days: ${joinAnd(parts)}.
  </p>`;
}

/** Where this page sits among the customers, with links to the pages either side. */
function pager(connectionId: string, list: CustomerList) {
  if (list.pages === 1) return '';
  const first = (list.page - 1) * CUSTOMERS_PER_PAGE + 1;
  const last = first + list.debtors.length - 1;
  const link = (page: number, label: string) =>
    html`<a href="/settings?connection=${connectionId}&amp;page=${page}#c-${connectionId}">${label}</a>`;
  return html`<p class="muted">
    Customers ${first}–${last} of ${list.count}, most overdue first.
    ${list.page > 1 ? link(list.page - 1, `← previous ${CUSTOMERS_PER_PAGE}`) : ''}
    ${list.page < list.pages ? link(list.page + 1, `next ${Math.min(CUSTOMERS_PER_PAGE, list.count - last)} →`) : ''}
  </p>`;
}

/** QuickBooks has its own reconnect address (Intuit's Reconnect URL); Xero reconnects by connecting. */
function reconnectHref(c: ConnectionView): string {
  return c.platform === 'quickbooks' ? '/quickbooks/reconnect' : `/connect/${c.platform}`;
}

function connectionSection(c: ConnectionView, csrf: string) {
  const syncing = c.status === 'active' && c.lastSyncedAt === null;
  return html`<section class="card" id="c-${c.id}" data-connection="${c.id}">
    <h2>${c.name} <span class="status ${c.status}">${c.status.replace('_', ' ')}</span></h2>
    <p class="muted">
      ${PLATFORM_NAME[c.platform]} ·
      ${c.lastSyncedAt ? `last synced ${formatLocalTime(c.lastSyncedAt, c.locality)}` : 'first sync in progress…'}
      ${c.statusReason ? html` · ${c.statusReason}` : ''}
    </p>
    ${
      c.status === 'needs_reauth' || c.status === 'disconnected'
        ? html`<p><a class="button" href="${reconnectHref(c)}">Reconnect</a></p>`
        : html`<form method="post" action="/connections/${c.id}/disconnect">
              <input type="hidden" name="_csrf" value="${csrf}" /><button class="secondary">
                Disconnect
              </button>
            </form>
            <p><a href="/connections/${c.id}/policies">Follow-up policies and wording</a></p>
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
    <p><a href="/connections/${c.id}/suppressions">Addresses not to be contacted</a></p>
    ${
      syncing
        ? ''
        : html`<h3>Customers who owe you</h3>
            ${
              c.messagesWaitUntil
                ? html`<p class="muted">
                    Outside business hours in ${c.locality.timeZone}: emails and texts due now go out from
                    ${c.messagesWaitUntil.time} on ${formatDateWithWeekday(c.messagesWaitUntil.date)}. Tasks
                    for the team open at once.
                  </p>`
                : ''
            }
            ${collectedSummary(c.collected)}
            ${
              c.customers.count === 0
                ? html`<p class="muted">Nobody owes you anything right now.</p>`
                : html`${owedSummary(c.customers)}
                    <table>
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
                        ${c.customers.debtors.map((d) => debtorRow(d, c.today, c.id))}
                      </tbody>
                    </table>
                    ${pager(c.id, c.customers)}`
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

export function settingsPage(connections: ConnectionView[], csrf: string, offered: Platform[]): string {
  const syncing = connections.some((c) => c.status === 'active' && c.lastSyncedAt === null);
  return layout(
    'Settings',
    html`${connections.map((c) => connectionSection(c, csrf))}
      <section class="card">
        <h2>${connections.length === 0 ? 'No organisation is connected' : 'Connect another organisation'}</h2>
        ${platformChoices({ offered, sandboxes: [], signIn: false })}
      </section>`,
    { signedIn: true, refreshSeconds: syncing ? 2 : undefined },
  );
}
