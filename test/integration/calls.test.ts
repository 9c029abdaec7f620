// A call made by hand, logged from the invoice page or the CLI: one log entry and one note on each
// invoice it was about, the customer's call task closed, the gap between contacts counted from it,
// and a promise made on the call recorded as any other.
import { runCommand } from '../../src/cli';
import { CallError } from '../../src/services/calls/input';
import { createRuntime } from '../../src/runtime';
import { loadDebtors } from '../../src/services/followups/debtor-facts';
import { localDate } from '../../src/services/followups/local-date';
import { carryOut } from '../../src/services/followups/send-action';
import { postPendingNotes } from '../../src/services/notes/post-notes';
import { TestBrowser } from '../support/browser';
import type { Harness } from '../support/harness';
import { startPlanned } from '../support/planned';

let h: Harness;
let connectionId: string;
const browser = new TestBrowser();
const DAY = 86_400_000;
const ZONE = 'Pacific/Auckland';

beforeAll(async () => {
  ({ h, connectionId } = await startPlanned(browser));
  // The team's tasks open; messages stay pending.
  const tasks = await db()
    .selectFrom('followup_actions')
    .select('id')
    .where('channel', '=', 'task')
    .where('status', '=', 'pending')
    .execute();
  for (const t of tasks) await carryOut(h.runtime.ctx, t.id);
});
afterAll(() => h.close());

const db = () => h.runtime.ctx.db;
const today = () => localDate(h.runtime.ctx.now(), ZONE);
const token = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)![1]!;
const counts = async () => ({
  log: (await db().selectFrom('contact_log').select('id').execute()).length,
  notes: (await db().selectFrom('note_outbox').select('id').execute()).length,
  arrangements: (await db().selectFrom('arrangements').select('id').execute()).length,
});

/** Open invoices of one customer, the customer chosen by `pick` among those with unpaid invoices. */
async function customerInvoices(pick: (contactIds: string[]) => Promise<string | undefined>) {
  const rows = await db()
    .selectFrom('invoices as i')
    .innerJoin('contacts as c', (j) =>
      j.onRef('c.connection_id', '=', 'i.connection_id').onRef('c.external_id', '=', 'i.contact_external_id'),
    )
    .select(['i.id', 'i.number', 'i.external_id', 'c.id as contact_id'])
    .where('i.status', '=', 'authorised')
    .where('i.outstanding', '>', 0)
    .orderBy('i.due_date')
    .execute();
  const contactId = await pick([...new Set(rows.map((r) => r.contact_id))]);
  if (!contactId) throw new Error('No customer fits');
  return { contactId, invoices: rows.filter((r) => r.contact_id === contactId) };
}

/** The policy's call task, open, as it is once every reminder has gone (weeks of planning, covered elsewhere). */
async function giveCallTask(contactId: string) {
  await db()
    .insertInto('followup_actions')
    .values({
      idempotency_key: `call-customer:${contactId}`,
      connection_id: connectionId,
      contact_id: contactId,
      stage_key: 'call-customer',
      stage_name: 'Call the customer',
      channel: 'task',
      task_kind: 'call',
      tone: 'firm',
      template: 'call',
      currency: 'NZD',
      reason: 'every reminder has gone',
      status: 'task_open',
      planned_on: today(),
    })
    .execute();
}

const callTaskStatus = async (contactId: string) =>
  (
    await db()
      .selectFrom('followup_actions')
      .select('status')
      .where('contact_id', '=', contactId)
      .where('task_kind', '=', 'call')
      .execute()
  ).map((t) => t.status);

/** A customer with two open invoices, a reminder waiting to go, and a call task open. */
async function withCallTask(contactIds: string[]) {
  const counted = await db()
    .selectFrom('invoices as i')
    .innerJoin('contacts as c', (j) =>
      j.onRef('c.connection_id', '=', 'i.connection_id').onRef('c.external_id', '=', 'i.contact_external_id'),
    )
    .select(['c.id', db().fn.countAll<string>().as('open')])
    .where('c.id', 'in', contactIds)
    .where('i.outstanding', '>', 0)
    .groupBy('c.id')
    .execute();
  const reminded = new Set(
    (
      await db()
        .selectFrom('followup_actions')
        .select('contact_id')
        .where('status', '=', 'pending')
        .where('channel', '=', 'email')
        .execute()
    ).map((a) => a.contact_id),
  );
  const contactId = counted.find((c) => Number(c.open) >= 2 && reminded.has(c.id))?.id;
  if (contactId) await giveCallTask(contactId);
  return contactId;
}

async function callForm(invoiceId: string) {
  const page = await browser.get(`${h.baseUrl}/invoices/${invoiceId}/call`);
  expect(page.status).toBe(200);
  return token(page.body);
}

const pendingOn = (invoiceId: string) =>
  db()
    .selectFrom('followup_action_invoices as ai')
    .innerJoin('followup_actions as a', 'a.id', 'ai.action_id')
    .select('a.id')
    .where('ai.invoice_id', '=', invoiceId)
    .where('a.status', '=', 'pending')
    .execute();

function callPost(fields: Record<string, string>, invoiceIds: string[]) {
  const form = new URLSearchParams(fields);
  for (const id of invoiceIds) form.append('invoiceIds', id);
  return browser.post(`${h.baseUrl}/calls`, form);
}

async function drainNotes() {
  while ((await postPendingNotes(h.runtime.ctx, connectionId)).posted > 0);
}

async function lastContactOn(contactId: string) {
  const debtors = await loadDebtors(db(), connectionId, ZONE, today());
  return debtors.find((d) => d.id === contactId)?.lastContactOn ?? null;
}

it('logs a call from the invoice page: one entry, one note per invoice, the call task done, the gap counted', async () => {
  const { contactId, invoices } = await customerInvoices(withCallTask);
  const about = invoices.slice(0, 2);
  expect(about).toHaveLength(2);
  const waiting = (await Promise.all(about.map((i) => pendingOn(i.id)))).flat();
  expect(waiting.length).toBeGreaterThan(0);
  const before = await counts();
  const res = await callPost(
    {
      _csrf: await callForm(about[0]!.id),
      person: 'Mere Tane',
      number: '+64 21 555 0101',
      outcome: 'reached',
      summary: 'Cheque run is on Friday; will pay then',
    },
    about.map((i) => i.id),
  );
  expect(res.status).toBe(200);
  expect(res.url).toBe(`${h.baseUrl}/invoices/${about[0]!.id}`);
  expect(res.body).toContain('Cheque run is on Friday; will pay then');
  // The timeline reads in the organisation's time: 10 a.m. on Wednesday in Wellington, not Tuesday in UTC.
  expect(res.body).toMatch(/25 Nov 2026, 10:\d\d NZDT/);

  const after = await counts();
  expect(after.log).toBe(before.log + 1);
  expect(after.notes).toBe(before.notes + about.length);
  const entry = await db()
    .selectFrom('contact_log')
    .selectAll()
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  expect(entry).toMatchObject({
    kind: 'call_reached',
    channel: 'call',
    recipient: 'Mere Tane (+64 21 555 0101)',
    contact_id: contactId,
  });
  expect([...entry.invoice_ids].sort()).toEqual(about.map((i) => i.id).sort());

  await drainNotes();
  for (const invoice of about) {
    const notes = h.sandbox.store.history(invoice.external_id).filter((r) => /called/.test(r.Details));
    expect(notes.map((n) => n.Details)).toEqual([
      expect.stringMatching(
        /^Goodwill: called Mere Tane \(\+64 21 555 0101\) on .* \(reached\): "Cheque run/,
      ),
    ]);
  }

  expect(await callTaskStatus(contactId)).toEqual(['task_done']);
  // The reminder that was waiting gives way to the call.
  for (const i of about) expect(await pendingOn(i.id)).toEqual([]);
  // The call is today's contact: the minimum gap between contacts counts from it.
  expect(await lastContactOn(contactId)).toBe(today());
});

it('a call nobody answered is logged and noted but is not a contact, and leaves the call task open', async () => {
  const { contactId, invoices } = await customerInvoices(async (ids) => {
    for (const id of ids) if ((await lastContactOn(id)) === null) return id;
    return undefined;
  });
  await giveCallTask(contactId);
  const res = await callPost(
    { _csrf: await callForm(invoices[0]!.id), person: 'Accounts desk', outcome: 'no_answer' },
    [invoices[0]!.id],
  );
  expect(res.status).toBe(200);
  expect(res.body).toContain('(no answer)');
  expect(await lastContactOn(contactId)).toBeNull();
  expect(await callTaskStatus(contactId)).toEqual(['task_open']);
});

it('a promise to pay made on the call is recorded as a promise, pausing chasing', async () => {
  const waiting = await db()
    .selectFrom('followup_action_invoices as ai')
    .innerJoin('followup_actions as a', 'a.id', 'ai.action_id')
    .select('ai.invoice_id')
    .where('a.status', '=', 'pending')
    .where('a.channel', '=', 'email')
    .orderBy('ai.invoice_id')
    .executeTakeFirstOrThrow();
  const invoices = [{ id: waiting.invoice_id }];
  const promisedFor = localDate(new Date(h.runtime.ctx.now().getTime() + 7 * DAY), ZONE);
  const before = await counts();
  const res = await callPost(
    {
      _csrf: await callForm(invoices[0]!.id),
      person: 'Sam',
      outcome: 'reached',
      summary: 'Will pay next week',
      promisedFor,
    },
    [invoices[0]!.id],
  );
  expect(res.status).toBe(200);
  const promise = await db()
    .selectFrom('arrangements')
    .select(['kind', 'promised_for', 'invoice_ids'])
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
  expect(promise).toEqual({ kind: 'promise', promised_for: promisedFor, invoice_ids: [invoices[0]!.id] });
  // The call's own entry and note, and the promise's.
  expect(await counts()).toEqual({
    log: before.log + 2,
    notes: before.notes + 2,
    arrangements: before.arrangements + 1,
  });
  expect(await pendingOn(invoices[0]!.id)).toEqual([]);
});

it('refuses a form with no invoice, an unknown outcome or a promise for a day past, storing nothing', async () => {
  const { invoices } = await customerInvoices(async (ids) => ids[0]);
  const csrf = await callForm(invoices[0]!.id);
  const before = await counts();
  const cases: [Record<string, string>, string[], string][] = [
    [{ person: 'Jo', outcome: 'reached' }, [], 'invoiceIds: name at least one invoice the call was about'],
    [
      { person: 'Jo', outcome: 'shouted' },
      [invoices[0]!.id],
      'outcome: must be reached, voicemail, no answer or wrong number',
    ],
    [{ person: '', outcome: 'reached' }, [invoices[0]!.id], 'person: say who was called'],
    [
      { person: 'Jo', outcome: 'reached', promisedFor: '2020-01-01' },
      [invoices[0]!.id],
      'A promise to pay cannot be for a day already past (2020-01-01)',
    ],
    [
      { person: 'Jo', outcome: 'voicemail', promisedFor: '2030-01-01' },
      [invoices[0]!.id],
      'a promise to pay needs a call that reached someone',
    ],
    [{ person: 'Jo', outcome: 'reached' }, ['not-an-id'], 'is not an invoice of yours'],
  ];
  for (const [fields, ids, message] of cases) {
    const res = await callPost({ _csrf: csrf, ...fields }, ids);
    expect(res.status).toBe(400);
    expect(res.body).toContain(message);
  }
  expect(await counts()).toEqual(before);
});

it('goodwill call logs a call from the command line, and refuses nonsense', async () => {
  const cli = (...args: string[]) =>
    runCommand(args, () => createRuntime(h.env, { silentLogs: true, now: h.runtime.ctx.now }));
  const { invoices } = await customerInvoices(async (ids) => ids.at(-1));
  const before = await counts();
  const logged = (await cli(
    'call',
    '--invoice',
    invoices[0]!.id,
    '--person',
    'Jo',
    '--outcome',
    'wrong number',
    '--summary',
    'Number on file belongs to someone else',
  )) as { contactLogId: string };
  const entry = await db()
    .selectFrom('contact_log')
    .select(['kind', 'channel'])
    .where('id', '=', logged.contactLogId)
    .executeTakeFirstOrThrow();
  expect(entry).toEqual({ kind: 'call_wrong_number', channel: 'call' });
  await expect(
    cli('call', '--invoice', invoices[0]!.id, '--person', 'Jo', '--outcome', 'maybe'),
  ).rejects.toThrow(CallError);
  expect((await counts()).log).toBe(before.log + 1);
});
