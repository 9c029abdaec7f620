// The dry run of the coming weeks, on the settings page and in the CLI, and arrangements from the CLI.
import { runCommand } from '../../src/cli';
import { createRuntime } from '../../src/runtime';
import { TestBrowser } from '../support/browser';
import { connectAndSync } from '../support/connect';
import { startHarness, type Harness } from '../support/harness';

let h: Harness;
let connectionId: string;
const browser = new TestBrowser();

beforeAll(async () => {
  h = await startHarness();
  connectionId = await connectAndSync(h, browser);
});
afterAll(() => h.close());

const cli = (...args: string[]) =>
  runCommand(args, () => createRuntime(h.env, { silentLogs: true, now: h.runtime.ctx.now }));
const actionCount = async () =>
  (await h.runtime.ctx.db.selectFrom('followup_actions').select('id').execute()).length;

it('shows what the next 90 days hold, for everyone and for one customer, without planning anything', async () => {
  const everyone = await browser.get(`${h.baseUrl}/connections/${connectionId}/simulation`);
  expect(everyone.status).toBe(200);
  expect(everyone.body).toContain('Final notice');
  const link = /href="(\/connections\/[^"]+\/simulation\?customer=[^"]+)"/.exec(
    (await browser.get(`${h.baseUrl}/settings`)).body,
  )![1]!;
  const one = await browser.get(`${h.baseUrl}${link.replace(/&amp;/g, '&')}`);
  expect(one.status).toBe(200);
  const contactId = /customer=([0-9a-f-]+)/.exec(link)![1]!;
  const names = await h.runtime.ctx.db.selectFrom('contacts').select(['id', 'name']).execute();
  const mine = names.find((n) => n.id === contactId)!.name;
  expect(one.body).toContain(`The next 90 days for ${mine.replace(/&/g, '&amp;')}`);
  // Only that customer appears: every other customer's name is absent from the table.
  const others = names.filter(
    (n) => n.id !== contactId && everyone.body.includes(n.name.replace(/&/g, '&amp;')),
  );
  expect(others.length).toBeGreaterThan(0);
  const cell = (name: string) => `<td>${name.replace(/&/g, '&amp;')}</td>`;
  expect(others.some((o) => everyone.body.includes(cell(o.name)))).toBe(true);
  expect(one.body).toContain(cell(mine));
  for (const other of others) expect(one.body).not.toContain(cell(other.name));
  expect(await actionCount()).toBe(0);

  const stranger = new TestBrowser();
  expect((await stranger.get(`${h.baseUrl}/connections/${connectionId}/simulation`)).url).toBe(
    `${h.baseUrl}/`,
  );
});

it('goodwill simulate prints the same dry run as JSON, in date order', async () => {
  const { steps } = (await cli('simulate', '--connection', connectionId, '--days', '30')) as {
    steps: { on: string; customer: string; action: string; reason: string }[];
  };
  expect(steps.length).toBeGreaterThan(0);
  expect(steps.map((s) => s.on)).toEqual([...steps.map((s) => s.on)].sort());
  expect(steps.every((s) => s.reason.length > 10)).toBe(true);
  expect(await actionCount()).toBe(0);
});

it('goodwill promise records a promise; nonsense is refused naming what was wrong', async () => {
  const invoice = await h.runtime.ctx.db
    .selectFrom('invoices')
    .select('id')
    .where('status', '=', 'authorised')
    .where('outstanding', '>', 0)
    .executeTakeFirstOrThrow();
  await expect(cli('promise', '--invoice', 'INV-0001', '--date', '2026-12-01')).rejects.toThrow(
    '--invoice must be an id such as those in the app\'s addresses, not "INV-0001"',
  );
  await expect(cli('promise', '--invoice', invoice.id, '--date', 'next week')).rejects.toThrow(
    'promisedFor: must be a date, YYYY-MM-DD',
  );
  await cli('promise', '--invoice', invoice.id, '--date', '2026-12-09');
  const recorded = await h.runtime.ctx.db
    .selectFrom('arrangements')
    .select(['kind', 'promised_for'])
    .execute();
  expect(recorded).toEqual([{ kind: 'promise', promised_for: '2026-12-09' }]);
});
