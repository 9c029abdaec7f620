// The suppression list: an address the mail server refuses, that unsubscribes, that a bounce notice
// reports, or that a person adds is never emailed again, and each held reminder says why on its
// invoice's timeline.
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../../src/cli';
import { BounceNoticeError } from '../../src/email/bounce-notice';
import { createRuntime } from '../../src/runtime';
import type { AppContext } from '../../src/services/context';
import { planConnection } from '../../src/services/followups/plan-connection';
import { recipientsOf } from '../../src/services/followups/recipients';
import { carryOut } from '../../src/services/followups/send-action';
import { escapeHtml } from '../../src/web/views/html';
import { TestBrowser } from '../support/browser';
import type { Harness } from '../support/harness';
import { startPlanned } from '../support/planned';

let h: Harness;
let connectionId: string;
const browser = new TestBrowser();
const DAY = 86_400_000;
/** Customers whose reminder a test has used, so each test works with a customer of its own. */
const used = new Set<string>();

beforeAll(async () => {
  ({ h, connectionId } = await startPlanned(browser));
});
afterAll(() => h.close());

const db = () => h.runtime.ctx.db;
const later = (days: number): AppContext => ({
  ...h.runtime.ctx,
  now: () => new Date(h.runtime.ctx.now().getTime() + days * DAY),
});
const token = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)![1]!;

/** A pending reminder email of a customer no other test has used, with its addresses and invoices. */
async function pendingReminder() {
  const actions = await db()
    .selectFrom('followup_actions as a')
    .innerJoin('contacts as c', 'c.id', 'a.contact_id')
    .select(['a.id', 'a.contact_id', 'c.email', 'c.first_name', 'c.persons', 'c.name'])
    .where('a.status', '=', 'pending')
    .where('a.channel', '=', 'email')
    .orderBy('c.name')
    .execute();
  const action = actions.find((a) => !used.has(a.contact_id) && recipientsOf(a).to.length > 0);
  if (!action) throw new Error('No reminder of an unused customer is pending');
  used.add(action.contact_id);
  const invoices = await db()
    .selectFrom('followup_action_invoices')
    .select('invoice_id')
    .where('action_id', '=', action.id)
    .execute();
  return {
    id: action.id,
    contactId: action.contact_id,
    name: action.name,
    to: recipientsOf(action).to,
    invoiceId: invoices[0]!.invoice_id,
  };
}

const suppressions = () =>
  db()
    .selectFrom('suppressions')
    .select(['address', 'reason', 'source', 'removed_at', 'removed_by'])
    .orderBy('id')
    .execute();

async function timeline(invoiceId: string) {
  return (await browser.get(`${h.baseUrl}/invoices/${invoiceId}`)).body;
}

it('a refused address is suppressed, the reminder skipped on the timeline, and never emailed again', async () => {
  const reminder = await pendingReminder();
  for (const address of reminder.to) h.sink.refuse(address);
  const before = h.sink.messages().length;

  expect((await carryOut(h.runtime.ctx, reminder.id)).outcome).toBe('skipped');
  expect(h.sink.messages()).toHaveLength(before);
  const listed = (await suppressions()).filter((s) =>
    reminder.to.map((t) => t.toLowerCase()).includes(s.address),
  );
  expect(listed.map((s) => [s.reason, s.source])).toEqual(reminder.to.map(() => ['bounced', 'smtp']));
  const skipped = await db()
    .selectFrom('contact_log')
    .select('summary')
    .where('action_id', '=', reminder.id)
    .executeTakeFirstOrThrow();
  expect(skipped.summary).toMatch(/^not sent: the mail server refused .*550/);
  expect(await timeline(reminder.invoiceId)).toContain(escapeHtml(skipped.summary));

  // A week on, the next reminder is due, and held: the address is on the list.
  const plan = await planConnection(later(8), connectionId);
  const held = plan!.skips.filter((s) => s.debtorId === reminder.contactId);
  expect(held.map((s) => s.cause)).toContain('suppressed');
  const pending = await db()
    .selectFrom('followup_actions')
    .select('id')
    .where('contact_id', '=', reminder.contactId)
    .where('channel', '=', 'email')
    .where('status', '=', 'pending')
    .execute();
  expect(pending).toEqual([]);
  const reason = held.find((s) => s.cause === 'suppressed')!.reason;
  expect(await timeline(held.find((s) => s.cause === 'suppressed')!.invoiceIds[0]!)).toContain(
    escapeHtml(reason),
  );
});

it('a temporary refusal is retried, not suppressed', async () => {
  const reminder = await pendingReminder();
  for (const address of reminder.to)
    h.sink.refuse(address, { code: 451, message: '4.3.0 Mailbox busy, try later' });
  const listedBefore = (await suppressions()).length;
  await expect(carryOut(h.runtime.ctx, reminder.id)).rejects.toThrow(/451/);
  const action = await db()
    .selectFrom('followup_actions')
    .select('status')
    .where('id', '=', reminder.id)
    .executeTakeFirstOrThrow();
  expect(action.status).toBe('pending');
  expect(await suppressions()).toHaveLength(listedBefore);
});

it('an address added on the settings page between planning and sending stops the send; removing it is kept', async () => {
  const reminder = await pendingReminder();
  const listPage = await browser.get(`${h.baseUrl}/connections/${connectionId}/suppressions`);
  expect(listPage.status).toBe(200);
  const csrf = token(listPage.body);
  for (const address of reminder.to) {
    const added = await browser.post(`${h.baseUrl}/connections/${connectionId}/suppressions`, {
      _csrf: csrf,
      channel: 'email',
      address: address.toUpperCase(),
      reason: 'manual',
      detail: 'asked on the phone not to be emailed',
    });
    expect(added.status).toBe(200);
    expect(added.body).toContain(escapeHtml(address.toLowerCase()));
    // In the organisation's own time: 10 a.m. on Wednesday in Wellington, not Tuesday evening in UTC.
    expect(added.body).toMatch(/<td>25 Nov 2026, 10:\d\d NZDT<\/td>/);
  }
  const twice = await browser.post(`${h.baseUrl}/connections/${connectionId}/suppressions`, {
    _csrf: csrf,
    channel: 'email',
    address: reminder.to[0]!,
    reason: 'manual',
  });
  expect(twice.status).toBe(400);
  expect(twice.body).toContain('is already on the suppression list');
  const nonsense = await browser.post(`${h.baseUrl}/connections/${connectionId}/suppressions`, {
    _csrf: csrf,
    channel: 'email',
    address: 'not an address',
    reason: 'manual',
  });
  expect(nonsense.status).toBe(400);
  expect(nonsense.body).toContain('&quot;not an address&quot; is not an email address');

  const before = h.sink.messages().length;
  expect((await carryOut(h.runtime.ctx, reminder.id)).outcome).toBe('skipped');
  expect(h.sink.messages()).toHaveLength(before);
  const page = await timeline(reminder.invoiceId);
  expect(page).toContain(escapeHtml(`${reminder.to[0]!.toLowerCase()} was stopped by your team`));

  const ids = await db()
    .selectFrom('suppressions')
    .select('id')
    .where('address', '=', reminder.to[0]!.toLowerCase())
    .execute();
  const removed = await browser.post(
    `${h.baseUrl}/connections/${connectionId}/suppressions/${ids[0]!.id}/remove`,
    { _csrf: csrf, reason: 'customer asked for emails again' },
  );
  expect(removed.status).toBe(200);
  expect(removed.body).toContain('customer asked for emails again');
  const row = (await suppressions()).find((s) => s.address === reminder.to[0]!.toLowerCase())!;
  expect(row.removed_at).not.toBeNull();
  expect(row.removed_by).not.toBeNull();
});

it('every email carries a one-click unsubscribe; the link opts the address out, a forged one changes nothing', async () => {
  const reminder = await pendingReminder();
  const before = h.sink.messages().length;
  expect((await carryOut(h.runtime.ctx, reminder.id)).outcome).toBe('sent');
  const email = h.sink.messages()[before]!;
  expect(email.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
  const url = /^<(.+)>$/.exec(email.headers['list-unsubscribe'] ?? '')![1]!;
  expect(url.startsWith(`${h.baseUrl}/unsubscribe/`)).toBe(true);
  expect(email.text).toContain(url);
  expect(email.html).toContain(`href="${url}"`);

  const listed = (await suppressions()).length;
  // Visiting the link only asks: mail scanners follow links.
  const confirm = await browser.get(url);
  expect(confirm.status).toBe(200);
  expect(confirm.body).toContain('Unsubscribe');
  expect(await suppressions()).toHaveLength(listed);

  const [body, sig] = url.slice(url.lastIndexOf('/') + 1).split('.');
  const otherAddress = Buffer.from(
    JSON.stringify({ c: connectionId, a: ['someone.else@example.com'] }),
  ).toString('base64url');
  for (const forged of [`${otherAddress}.${sig}`, `${body}.${sig!.slice(0, -2)}xx`, 'garbled', `${body}`]) {
    const res = await fetch(`${h.baseUrl}/unsubscribe/${forged}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('This unsubscribe link is not valid');
  }
  expect(await suppressions()).toHaveLength(listed);

  // The mail client's one click.
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'List-Unsubscribe=One-Click',
  });
  expect(res.status).toBe(200);
  expect(await res.text()).toContain('You are unsubscribed');
  const added = (await suppressions()).slice(listed);
  expect(added.map((s) => [s.address, s.reason, s.source])).toEqual(
    reminder.to.map((a) => [a.toLowerCase(), 'opted_out', 'unsubscribe link']),
  );
  // Clicking again is harmless.
  const again = await fetch(url, { method: 'POST' });
  expect(again.status).toBe(200);
  expect(await again.text()).toContain('You are unsubscribed');
  expect(await suppressions()).toHaveLength(listed + reminder.to.length);
});

function bounceNotice(recipient: string, messageId: string, action = 'failed', status = '5.1.1') {
  return [
    'From: Mail Delivery System <MAILER-DAEMON@mx.example.net>',
    'To: reminders@goodwill.localhost',
    'Subject: Undelivered Mail Returned to Sender',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="REPORT"',
    '',
    '--REPORT',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'Your message could not be delivered to one or more recipients.',
    '',
    '--REPORT',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.example.net',
    'Arrival-Date: Wed, 25 Nov 2026 10:00:05 +1300',
    '',
    `Final-Recipient: rfc822; ${recipient}`,
    `Original-Recipient: rfc822;${recipient}`,
    `Action: ${action}`,
    `Status: ${status}`,
    'Remote-MTA: dns; mail.example.net',
    'Diagnostic-Code: smtp; 550 5.1.1 <' + recipient + '>: Recipient address rejected:',
    '    User unknown in virtual mailbox table',
    '',
    '--REPORT',
    'Content-Type: text/rfc822-headers',
    '',
    `Message-ID: ${messageId}`,
    'Subject: Reminder',
    '',
    '--REPORT--',
    '',
  ].join('\r\n');
}

it('a bounce notice piped to the CLI suppresses the failed recipient and joins the timeline; a delay does not', async () => {
  const reminder = await pendingReminder();
  const before = h.sink.messages().length;
  expect((await carryOut(h.runtime.ctx, reminder.id)).outcome).toBe('sent');
  const messageId = h.sink.messages()[before]!.messageId;
  const address = reminder.to[0]!;
  const cli = (...args: string[]) =>
    runCommand(args, () => createRuntime(h.env, { silentLogs: true, now: h.runtime.ctx.now }));
  const file = (name: string) => join(tmpdir(), `${h.redisPrefix}-${name}.eml`);

  await writeFile(file('delayed'), bounceNotice(address, messageId, 'delayed', '4.4.1'));
  expect(await cli('bounce', '--file', file('delayed'))).toEqual({ connectionId, suppressed: [] });
  await writeFile(file('stranger'), bounceNotice(address, '<not-ours@example.net>'));
  await expect(cli('bounce', '--file', file('stranger'))).rejects.toThrow(BounceNoticeError);
  await writeFile(file('plain'), 'Subject: hello\r\n\r\nnot a report\r\n');
  await expect(cli('bounce', '--file', file('plain'))).rejects.toThrow(
    'This is not a delivery status notification',
  );
  expect((await suppressions()).some((s) => s.address === address.toLowerCase())).toBe(false);

  await writeFile(file('failed'), bounceNotice(address, messageId));
  expect(await cli('bounce', '--file', file('failed'))).toEqual({
    connectionId,
    suppressed: [address.toLowerCase()],
  });
  expect((await suppressions()).find((s) => s.address === address.toLowerCase())).toMatchObject({
    reason: 'bounced',
    source: 'bounce notice',
  });
  expect(await timeline(reminder.invoiceId)).toContain(
    `Email to ${escapeHtml(address)} bounced (5.1.1 550 5.1.1`,
  );
  // The same notice again records nothing new.
  expect(await cli('bounce', '--file', file('failed'))).toEqual({ connectionId, suppressed: [] });
});
