// Disputes, promises to pay and payment plans, recorded from an invoice's page: each pauses chasing,
// is logged and noted on the invoice in Xero; a broken promise resumes chasing and is noted too.
import { localDate } from '../../src/services/followups/local-date';
import { planConnection } from '../../src/services/followups/plan-connection';
import { carryOut } from '../../src/services/followups/send-action';
import { postPendingNotes } from '../../src/services/notes/post-notes';
import { escapeHtml } from '../../src/web/views/html';
import { TestBrowser } from '../support/browser';
import type { Harness } from '../support/harness';
import { startPlanned } from '../support/planned';

let h: Harness;
let connectionId: string;
const browser = new TestBrowser();
const DAY = 86_400_000;

beforeAll(async () => {
  ({ h, connectionId } = await startPlanned(browser));
});
afterAll(() => h.close());

const db = () => h.runtime.ctx.db;

/** An open invoice with a reminder waiting, alone in its action, so pausing it cancels the action. */
async function invoiceWithPendingReminder(skip: string[] = []) {
  const rows = await db()
    .selectFrom('followup_action_invoices as ai')
    .innerJoin('followup_actions as a', 'a.id', 'ai.action_id')
    .innerJoin('invoices as i', 'i.id', 'ai.invoice_id')
    .select(['i.id', 'i.number', 'i.external_id', 'i.outstanding', 'a.id as action_id'])
    .where('a.status', '=', 'pending')
    .where('a.channel', '=', 'email')
    .execute();
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.action_id, (counts.get(r.action_id) ?? 0) + 1);
  const found = rows.find((r) => counts.get(r.action_id) === 1 && !skip.includes(r.id));
  if (!found) throw new Error('No single-invoice reminder is pending');
  return found;
}

async function csrf(invoiceId: string) {
  const page = await browser.get(`${h.baseUrl}/invoices/${invoiceId}`);
  return /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
}

async function drainNotes() {
  while ((await postPendingNotes(h.runtime.ctx, connectionId)).posted > 0);
}

it('records a dispute: the waiting reminder is cancelled, the contact logged and noted on the invoice once', async () => {
  const invoice = await invoiceWithPendingReminder();
  const res = await browser.post(`${h.baseUrl}/invoices/${invoice.id}/arrangements`, {
    _csrf: await csrf(invoice.id),
    kind: 'dispute',
    reason: 'Says the signage was delivered late',
    person: 'Mere',
    via: 'phone',
  });
  expect(res.status).toBe(200);
  expect(res.url).toBe(`${h.baseUrl}/invoices/${invoice.id}`);
  expect(res.body).toContain('Says the signage was delivered late');

  const action = await db()
    .selectFrom('followup_actions')
    .select(['status', 'status_reason'])
    .where('id', '=', invoice.action_id)
    .executeTakeFirstOrThrow();
  expect(action).toEqual({ status: 'cancelled', status_reason: 'dispute recorded' });
  expect((await carryOut(h.runtime.ctx, invoice.action_id)).outcome).toBe('not_pending');

  await drainNotes();
  const notes = h.sandbox.store.history(invoice.external_id).filter((r) => /disput/i.test(r.Details));
  expect(notes).toHaveLength(1);
  expect(notes[0]!.Details).toContain(invoice.number);

  // Planning again leaves the disputed invoice alone and says why.
  const plan = await planConnection(h.runtime.ctx, connectionId);
  const waiting = await db()
    .selectFrom('followup_action_invoices as ai')
    .innerJoin('followup_actions as a', 'a.id', 'ai.action_id')
    .select('a.id')
    .where('ai.invoice_id', '=', invoice.id)
    .where('a.status', '=', 'pending')
    .execute();
  expect(waiting).toEqual([]);
  const held = plan!.skips.find((k) => k.cause === 'dispute' && k.invoiceIds.includes(invoice.id));
  expect(held).toBeDefined();
  // The hold is on the invoice's timeline, once however many days it lasts.
  await planConnection(h.runtime.ctx, connectionId);
  const page = await browser.get(`${h.baseUrl}/invoices/${invoice.id}`);
  expect(page.body.split(escapeHtml(held!.reason)).length - 1).toBe(1);
});

it('refuses nonsense with a message naming what was wrong, and records nothing', async () => {
  const invoice = await invoiceWithPendingReminder();
  const before = (await db().selectFrom('arrangements').select('id').execute()).length;
  const token = await csrf(invoice.id);
  const past = await browser.post(`${h.baseUrl}/invoices/${invoice.id}/arrangements`, {
    _csrf: token,
    kind: 'promise',
    promisedFor: '2020-01-01',
  });
  expect(past.status).toBe(400);
  expect(past.body).toContain('cannot be for a day already past (2020-01-01)');
  const short = await browser.post(`${h.baseUrl}/invoices/${invoice.id}/arrangements`, {
    _csrf: token,
    kind: 'payment_plan',
    instalments: '2026-12-10 1.00\n2027-01-10 1.00',
  });
  expect(short.status).toBe(400);
  expect(short.body).toContain(`The instalments add up to 200 but ${invoice.outstanding} is owed`);
  const garbled = await browser.post(`${h.baseUrl}/invoices/${invoice.id}/arrangements`, {
    _csrf: token,
    kind: 'payment_plan',
    instalments: '2026-12-10 lots',
  });
  expect(garbled.status).toBe(400);
  expect(garbled.body).toContain(
    'Instalment 1: &quot;2026-12-10 lots&quot; is not &quot;YYYY-MM-DD amount&quot;',
  );
  expect((await db().selectFrom('arrangements').select('id').execute()).length).toBe(before);
});

it('replaces chasing with instalment reminders under a payment plan', async () => {
  const invoice = await invoiceWithPendingReminder();
  const owed = invoice.outstanding!;
  const first = Math.floor(owed / 2);
  const day = (n: number) => localDate(new Date(h.runtime.ctx.now().getTime() + n * DAY), 'Pacific/Auckland');
  const res = await browser.post(`${h.baseUrl}/invoices/${invoice.id}/arrangements`, {
    _csrf: await csrf(invoice.id),
    kind: 'payment_plan',
    instalments: `${day(6)} ${(first / 100).toFixed(2)}\n${day(36)} ${((owed - first) / 100).toFixed(2)}`,
  });
  expect(res.status).toBe(200);

  // On the day of the first instalment (a Tuesday), its reminder is planned, and nothing else is.
  // (This runs before the promise test, whose plans two weeks ahead would count as later contacts.)
  const later = { ...h.runtime.ctx, now: () => new Date(h.runtime.ctx.now().getTime() + 6 * DAY) };
  const plan = await planConnection(later, connectionId);
  const forInvoice = await db()
    .selectFrom('followup_actions as a')
    .innerJoin('followup_action_invoices as ai', 'ai.action_id', 'a.id')
    .select(['a.id', 'a.kind'])
    .where('ai.invoice_id', '=', invoice.id)
    .where('a.id', 'in', plan!.planned)
    .execute();
  expect(forInvoice.map((a) => a.kind)).toEqual(['instalment_reminder']);
  const before = h.sink.messages().length;
  expect((await carryOut(later, forInvoice[0]!.id)).outcome).toBe('sent');
  const email = h.sink.messages()[before]!;
  expect(email.text).toContain(invoice.number);
  expect(email.text).toMatch(/instalment 1 of 2/i);
});

it('pauses chasing until a promised date, then notes the broken promise and resumes', async () => {
  const invoice = await invoiceWithPendingReminder();
  const promisedFor = new Date(h.runtime.ctx.now().getTime() + 7 * DAY).toISOString().slice(0, 10);
  const res = await browser.post(`${h.baseUrl}/invoices/${invoice.id}/arrangements`, {
    _csrf: await csrf(invoice.id),
    kind: 'promise',
    promisedFor,
    via: 'email',
  });
  expect(res.status).toBe(200);
  await drainNotes();
  expect(h.sandbox.store.history(invoice.external_id).filter((r) => /promise/i.test(r.Details))).toHaveLength(
    1,
  );

  // Two weeks on (past the promised date and its grace), still unpaid: the promise is broken.
  const later = { ...h.runtime.ctx, now: () => new Date(h.runtime.ctx.now().getTime() + 14 * DAY) };
  const plan = await planConnection(later, connectionId);
  const broken = await db()
    .selectFrom('followup_actions as a')
    .innerJoin('followup_action_invoices as ai', 'ai.action_id', 'a.id')
    .select(['a.id', 'a.kind', 'a.channel'])
    .where('ai.invoice_id', '=', invoice.id)
    .where('a.id', 'in', plan!.planned)
    .execute();
  expect(broken.map((b) => b.kind)).toContain('promise_broken');
  // Chasing resumes: the promise no longer holds the invoice; its next reminder is planned, or waits
  // only for the ordinary pace (one email a day, the gap between contacts).
  const held = plan!.skips.filter((k) => k.invoiceIds.includes(invoice.id));
  expect(held.map((k) => k.cause)).not.toContain('promise');
  expect(
    broken.some((b) => b.kind === 'stage') || held.some((k) => k.cause === 'one_a_day' || k.cause === 'gap'),
  ).toBe(true);
  const note = broken.find((b) => b.kind === 'promise_broken')!;
  expect((await carryOut(later, note.id)).outcome).toBe('noted');
  await drainNotes();
  expect(
    h.sandbox.store.history(invoice.external_id).filter((r) => /not kept|broken/i.test(r.Details)),
  ).toHaveLength(1);
});
