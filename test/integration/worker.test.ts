// The queued path, as it runs in production: the callback queues the first sync, and the worker carries
// it through planning, sending and notes without anyone calling a service by hand. Then the CLI.
import { sql } from 'kysely';
import { runCommand } from '../../src/cli';
import { createRuntime } from '../../src/runtime';
import { startWorkers, type RunningWorkers } from '../../jobs/worker';
import { TestBrowser } from '../support/browser';
import { startHarness, type Harness } from '../support/harness';

let h: Harness;
let workers: RunningWorkers;
beforeAll(async () => {
  h = await startHarness();
  workers = startWorkers(h.runtime.ctx, h.runtime.queues, h.runtime.queueSettings);
});
afterAll(async () => {
  await workers.close();
  await h.close();
});

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

it('goes from the OAuth callback to emails sent and notes posted through the queues alone', async () => {
  const browser = new TestBrowser();
  const settled = await browser.get(`${h.baseUrl}/connect/xero`);
  expect(settled.url).toBe(`${h.baseUrl}/settings`);

  const db = h.runtime.ctx.db;
  await until('emails to be sent', async () => h.sink.messages().length > 0);
  await until('every action to be carried out and every note posted', async () => {
    // A claimed action is mid-send: the mail may be accepted and its log entry not yet written.
    const open = await sql<{ n: number }>`
      select (select count(*) from followup_actions where status in ('pending', 'claimed'))
           + (select count(*) from note_outbox where status = 'pending') as n`.execute(db);
    return (
      Number(open.rows[0]?.n) === 0 &&
      (await db.selectFrom('note_outbox').select('id').executeTakeFirst()) !== undefined
    );
  });

  const sent = await db
    .selectFrom('contact_log')
    .select(['message_id', 'invoice_ids'])
    .where('kind', '=', 'email_sent')
    .execute();
  expect(sent.length).toBe(h.sink.messages().length);
  expect(new Set(h.sink.messages().map((m) => m.messageId))).toEqual(new Set(sent.map((s) => s.message_id)));
  const notes = await db.selectFrom('note_outbox').select(['status']).execute();
  expect(notes.every((n) => n.status === 'posted')).toBe(true);

  const page = await browser.get(`${h.baseUrl}/settings`);
  expect(page.body).toContain('Customers who owe you');
  expect(page.body).toMatch(/days overdue/);
});

it('goodwill sync and goodwill followups run to completion and summarise in JSON', async () => {
  const sync = (await runCommand(['sync'], () => createRuntime(h.env, { silentLogs: true }))) as {
    connections: { ok: boolean; result: { records: { invoices: number } } }[];
  };
  expect(sync.connections).toHaveLength(1);
  expect(sync.connections[0]).toMatchObject({ ok: true });

  const followups = (await runCommand(['followups'], () => createRuntime(h.env, { silentLogs: true }))) as {
    connections: { ok: boolean; result: { planned: number; outcomes: Record<string, number> } }[];
  };
  // Everything due was already sent by the worker: a second pass plans and sends nothing.
  expect(followups.connections[0]).toMatchObject({ ok: true, result: { planned: 0, outcomes: {} } });

  await expect(runCommand(['chase-everyone'], () => createRuntime(h.env))).rejects.toThrow(
    'Unknown command "chase-everyone"',
  );
});
