// A person's say over chasing: an invoice or a customer taken out of it, a customer's policy by hand.
import { loadDebtors } from '../../src/services/followups/debtor-facts';
import { setCustomerSettings } from '../../src/services/followups/overrides';
import { saveSegmentPolicies } from '../../src/services/policies/save-policies';
import { connectionPolicies } from '../../src/services/policies/stored-policies';
import { planConnection } from '../../src/services/followups/plan-connection';
import { TestBrowser } from '../support/browser';
import type { Harness } from '../support/harness';
import { startPlanned } from '../support/planned';

let h: Harness;
let connectionId: string;
const browser = new TestBrowser();

beforeAll(async () => {
  ({ h, connectionId } = await startPlanned(browser));
});
afterAll(() => h.close());

const db = () => h.runtime.ctx.db;
const token = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)![1]!;

async function pendingFor(invoiceIds: string[]) {
  return db()
    .selectFrom('followup_action_invoices as ai')
    .innerJoin('followup_actions as a', 'a.id', 'ai.action_id')
    .select('a.id')
    .where('ai.invoice_id', 'in', invoiceIds)
    .where('a.status', '=', 'pending')
    .execute();
}

async function accountId(): Promise<string> {
  const connection = await db()
    .selectFrom('connections')
    .select('account_id')
    .where('id', '=', connectionId)
    .executeTakeFirstOrThrow();
  return connection.account_id;
}

/** A pending stage reminder of a customer who follows their segment's policy (none picked by hand). */
function segmentFollowersReminder(otherThanContact?: string) {
  let query = db()
    .selectFrom('followup_actions as a')
    .leftJoin('customer_settings as s', 's.contact_id', 'a.contact_id')
    .select(['a.id', 'a.contact_id', 'a.policy_id'])
    .where('a.status', '=', 'pending')
    .where('a.kind', '=', 'stage')
    .where('s.policy_id', 'is', null);
  if (otherThanContact) query = query.where('a.contact_id', '!=', otherThanContact);
  return query.executeTakeFirstOrThrow();
}

/** A customer's stage reminders waiting to go, with the policy each was planned under. */
function pendingStageReminders(contactId: string) {
  return db()
    .selectFrom('followup_actions')
    .select(['id', 'policy_id'])
    .where('contact_id', '=', contactId)
    .where('status', '=', 'pending')
    .where('kind', '=', 'stage')
    .orderBy('id')
    .execute();
}

it('stops chasing an invoice a person excludes, at once and from then on', async () => {
  const waiting = await db()
    .selectFrom('followup_action_invoices as ai')
    .innerJoin('followup_actions as a', 'a.id', 'ai.action_id')
    .select('ai.invoice_id')
    .where('a.status', '=', 'pending')
    .where('a.channel', '=', 'email')
    .executeTakeFirstOrThrow();
  const page = await browser.get(`${h.baseUrl}/invoices/${waiting.invoice_id}`);
  const res = await browser.post(`${h.baseUrl}/invoices/${waiting.invoice_id}/exclusion`, {
    _csrf: token(page.body),
    excluded: 'yes',
  });
  expect(res.body).toContain('This invoice is not chased.');
  expect(await pendingFor([waiting.invoice_id])).toEqual([]);
  await planConnection(
    { ...h.runtime.ctx, now: () => new Date(h.runtime.ctx.now().getTime() + 6 * 86_400_000) },
    connectionId,
  );
  expect(await pendingFor([waiting.invoice_id])).toEqual([]);
});

it('takes a whole customer out of chasing, and keeps a policy picked by hand', async () => {
  const settings = await browser.get(`${h.baseUrl}/settings`);
  const link = /href="(\/connections\/[^"]+\/simulation\?customer=([0-9a-f-]+))"/.exec(settings.body)!;
  const contactId = link[2]!;
  const page = await browser.get(`${h.baseUrl}${link[1]!}`);
  expect(page.body).toContain('chosen by payment history');

  await browser.post(`${h.baseUrl}/customers/${contactId}/settings`, {
    _csrf: token(page.body),
    policy: 'gentle',
    back: link[1]!,
  });
  const debtors = await loadDebtors(db(), connectionId, 'Pacific/Auckland', '2026-11-25');
  expect(debtors.find((d) => d.id === contactId)?.overrides).toMatchObject({
    policyId: 'gentle',
    excluded: false,
  });

  await browser.post(`${h.baseUrl}/customers/${contactId}/settings`, {
    _csrf: token(page.body),
    policy: 'auto',
    excluded: 'on',
  });
  const invoices = (await loadDebtors(db(), connectionId, 'Pacific/Auckland', '2026-11-25'))
    .find((d) => d.id === contactId)!
    .invoices.map((i) => i.id);
  expect(await pendingFor(invoices)).toEqual([]);
  const later = await planConnection(
    { ...h.runtime.ctx, now: () => new Date(h.runtime.ctx.now().getTime() + 13 * 86_400_000) },
    connectionId,
  );
  expect(later!.planned.length).toBeGreaterThan(0);
  const planned = await db()
    .selectFrom('followup_actions')
    .select('contact_id')
    .where('id', 'in', later!.planned)
    .execute();
  expect(planned.map((p) => p.contact_id)).not.toContain(contactId);
});

it('plans the reminders not yet sent again when a person moves a customer to another policy', async () => {
  const waiting = await db()
    .selectFrom('followup_actions')
    .select(['id', 'contact_id'])
    .where('status', '=', 'pending')
    .where('kind', '=', 'stage')
    .where('policy_id', '!=', 'firm')
    .executeTakeFirstOrThrow();
  const account = await accountId();
  const moveToFirm = () =>
    setCustomerSettings(h.runtime.ctx, account, waiting.contact_id, { policyId: 'firm', excluded: false });
  const stageReminders = () => pendingStageReminders(waiting.contact_id);

  expect(await moveToFirm()).toBe('saved');
  expect(await stageReminders()).toEqual([]);

  await planConnection(h.runtime.ctx, connectionId);
  const replanned = await stageReminders();
  expect(replanned.length).toBeGreaterThan(0);
  expect(replanned.every((r) => r.policy_id === 'firm')).toBe(true);

  // Saving the same choice again leaves what is planned alone.
  expect(await moveToFirm()).toBe('saved');
  expect(await stageReminders()).toEqual(replanned);
});

it('plans again what a policy had not sent when a segment moves from it to another, except for customers put on it by hand', async () => {
  const waiting = await segmentFollowersReminder();
  const from = waiting.policy_id!;
  const to = from === 'gentle' ? 'firm' : 'gentle';
  // Another customer put on that same policy by hand stays on it, and keeps what it planned.
  const byHand = await segmentFollowersReminder(waiting.contact_id);
  expect(
    await setCustomerSettings(h.runtime.ctx, await accountId(), byHand.contact_id, {
      policyId: from,
      excluded: false,
    }),
  ).toBe('saved');
  await planConnection(h.runtime.ctx, connectionId);
  const keptByHand = async () =>
    (await pendingStageReminders(byHand.contact_id)).filter((r) => r.policy_id === from);
  const plannedByHand = await keptByHand();
  expect(plannedByHand.length).toBeGreaterThan(0);

  const { segmentPolicies } = await connectionPolicies(db(), connectionId);
  const chosen = Object.fromEntries(
    Object.entries(segmentPolicies).map(([segment, policy]) => [segment, policy === from ? to : policy]),
  );
  expect(await saveSegmentPolicies(db(), connectionId, chosen)).toEqual({ status: 'saved' });
  expect(
    await db().selectFrom('followup_actions').select('id').where('id', '=', waiting.id).execute(),
  ).toEqual([]);
  expect(await keptByHand()).toEqual(plannedByHand);

  await planConnection(h.runtime.ctx, connectionId);
  const replanned = await pendingStageReminders(waiting.contact_id);
  expect(replanned.length).toBeGreaterThan(0);
  expect(replanned.every((r) => r.policy_id === to)).toBe(true);
});
