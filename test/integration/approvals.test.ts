// Approval mode: planned messages wait on a list; only what a person approves is sent.
import { pendingActionIds } from '../../src/services/followups/pending-actions';
import { planConnection } from '../../src/services/followups/plan-connection';
import { carryOut } from '../../src/services/followups/send-action';
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

const token = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)![1]!;

it('holds every planned message for approval, and sends only what was approved', async () => {
  const settings = await browser.get(`${h.baseUrl}/settings`);
  const on = await browser.post(`${h.baseUrl}/connections/${connectionId}/approval-mode`, {
    _csrf: token(settings.body),
    mode: 'on',
  });
  expect(on.body).toContain('Approval mode is on');

  await planConnection(h.runtime.ctx, connectionId);
  // Messages wait; tasks for the team (a call, credit to allocate) are the team's own list already.
  const goingAnyway = await h.runtime.ctx.db
    .selectFrom('followup_actions')
    .select('channel')
    .where('status', '=', 'pending')
    .execute();
  expect(goingAnyway.every((a) => a.channel === 'task')).toBe(true);
  const waiting = await h.runtime.ctx.db
    .selectFrom('followup_actions')
    .select(['id', 'channel'])
    .where('status', '=', 'awaiting_approval')
    .where('channel', '=', 'email')
    .orderBy('id')
    .execute();
  expect(waiting.length).toBeGreaterThan(2);
  // Waiting is not sending, whatever a worker is asked.
  expect((await carryOut(h.runtime.ctx, waiting[0]!.id)).outcome).toBe('not_pending');

  const list = await browser.get(`${h.baseUrl}/approvals`);
  expect(list.body).toContain('Waiting for your approval');
  const [approved, declined] = [waiting[0]!.id, waiting[1]!.id];
  await browser.post(`${h.baseUrl}/approvals`, {
    _csrf: token(list.body),
    decision: 'approve',
    ids: approved,
  });
  await browser.post(`${h.baseUrl}/approvals`, {
    _csrf: token(list.body),
    decision: 'decline',
    ids: declined,
  });

  const statuses = await h.runtime.ctx.db
    .selectFrom('followup_actions')
    .select(['id', 'status', 'status_reason'])
    .where('id', 'in', [approved, declined])
    .execute();
  expect(statuses.find((s) => s.id === approved)?.status).toBe('pending');
  expect(statuses.find((s) => s.id === declined)).toMatchObject({
    status: 'cancelled',
    status_reason: expect.stringMatching(/^declined by /),
  });

  for (const id of await pendingActionIds(h.runtime.ctx.db, connectionId)) await carryOut(h.runtime.ctx, id);
  // Of all the messages planned, only the approved one went.
  const sent = await h.runtime.ctx.db
    .selectFrom('contact_log')
    .select('action_id')
    .where('kind', '=', 'email_sent')
    .execute();
  expect(sent.map((s) => s.action_id)).toEqual([approved]);
  expect(h.sink.messages()).toHaveLength(1);
});
