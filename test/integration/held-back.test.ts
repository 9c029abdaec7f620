// What is not going out says why, on the settings page and in the dry run: credit waiting to be
// allocated, or no address to write to (neither is "every step taken"), or the night.
import { loadDebtors } from '../../src/services/followups/debtor-facts';
import { accountOverview } from '../../src/services/views/account-overview';
import { simulateFollowups } from '../../src/services/views/simulation';
import { escapeHtml } from '../../src/web/views/html';
import { settingsPage } from '../../src/web/views/settings-page';
import { sendAction } from '../../src/services/followups/send-action';
import type { PlannerDebtor } from '../../src/domain/planner';
import { TestBrowser } from '../support/browser';
import type { Harness } from '../support/harness';
import { startPlanned } from '../support/planned';

let h: Harness;
let connectionId: string;
let debtors: PlannerDebtor[];
let settings: string;
const browser = new TestBrowser();

beforeAll(async () => {
  ({ h, connectionId } = await startPlanned(browser, { quickbooks: {} }, 'quickbooks'));
  // The team is handed each credit to allocate, as the worker would: the task is open, nothing is pending.
  const tasks = await h.runtime.ctx.db
    .selectFrom('followup_actions')
    .select('id')
    .where('connection_id', '=', connectionId)
    .where('kind', '=', 'allocate_credit')
    .where('status', '=', 'pending')
    .execute();
  for (const task of tasks) await sendAction(h.runtime.ctx, task.id);
  debtors = await loadDebtors(h.runtime.ctx.db, connectionId, 'America/Los_Angeles', '2026-11-24');
  settings = (await browser.get(`${h.baseUrl}/settings`)).body;
});
afterAll(() => h.close());

async function accountOf(id: string): Promise<string> {
  const connection = await h.runtime.ctx.db
    .selectFrom('connections')
    .select('account_id')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return connection.account_id;
}

/** The customer's row of the settings page, found by the dry-run link only that row carries. */
function rowOf(contactId: string): string {
  const row = settings.split('<tr>').find((r) => r.includes(`simulation?customer=${contactId}"`));
  if (!row) throw new Error(`No row for customer ${contactId}`);
  return row;
}

/** A customer who owes money in a currency they also hold unallocated credit in. */
function inCredit(): PlannerDebtor {
  const found = debtors.find((d) =>
    d.invoices.some((i) => d.unallocatedCredit?.some((c) => c.currency === i.currency && c.amount > 0)),
  );
  if (!found) throw new Error('The demo organisation has no customer in credit');
  return found;
}

it('shows a customer in credit as held back until the credit is allocated', async () => {
  const row = rowOf(inCredit().id);
  expect(row).toContain('Held back');
  expect(row).toMatch(/of unallocated credit; .* waits until it is allocated/);
  expect(row).toContain('Last: Allocate unallocated credit (task open)');
  expect(row).not.toContain('every step taken');
});

it("names every step held back on a customer's first held day, as the dry run does", async () => {
  const steps = await simulateFollowups(
    h.runtime.ctx.db,
    { accountId: await accountOf(connectionId), connectionId },
    h.runtime.ctx.now(),
  );
  const holds = steps!.filter((s) => s.action === null);
  const customers = new Map(debtors.map((d) => [d.name, d.id]));
  const firstDay = new Map<string, string[]>();
  for (const hold of holds) {
    const day = firstDay.get(hold.customer);
    if (!day) firstDay.set(hold.customer, [hold.on, hold.reason]);
    else if (day[0] === hold.on) day.push(hold.reason);
  }
  // The demo organisation has a customer with an overdue invoice and one not yet due, both held by credit.
  expect([...firstDay.values()].some((day) => day.length > 2)).toBe(true);
  for (const [customer, [, ...reasons]] of firstDay) {
    const row = rowOf(customers.get(customer)!);
    for (const reason of reasons) expect(row).toContain(escapeHtml(reason!));
  }
});

it('shows a customer with no email address as held back for want of one', async () => {
  const noEmail = debtors.find((d) => d.email === null && d.invoices.length > 0);
  if (!noEmail) throw new Error('The demo organisation has no customer without an email address');
  const row = rowOf(noEmail.id);
  expect(row).toContain('Held back');
  expect(row).toContain('no email address for');
  expect(row).not.toContain('every step taken');
});

it("lists what would be held back in the customer's dry run, with the reason", async () => {
  const customer = inCredit();
  const dryRun = await browser.get(
    `${h.baseUrl}/connections/${connectionId}/simulation?customer=${customer.id}`,
  );
  expect(dryRun.body).toContain('held back');
  expect(dryRun.body).toMatch(/of unallocated credit; .* waits until it is allocated/);
  expect(dryRun.body).not.toContain('Nothing would be sent.');
});

it('says when messages due at night or at the weekend will go, and that tasks do not wait', async () => {
  const accountId = await accountOf(connectionId);
  const at = async (instant: string) =>
    (await accountOverview(h.runtime.ctx.db, accountId, new Date(instant)))[0]!;

  // 13:00 on Tuesday 24 November in California: the window is open.
  expect((await at('2026-11-24T21:00:00Z')).messagesWaitUntil).toBeNull();
  // 05:00 on Wednesday: from 09:00 that morning.
  expect((await at('2026-11-25T13:00:00Z')).messagesWaitUntil).toEqual({ date: '2026-11-25', time: '09:00' });
  // 18:00 that evening: Thursday is Thanksgiving.
  expect((await at('2026-11-26T02:00:00Z')).messagesWaitUntil).toEqual({ date: '2026-11-27', time: '09:00' });
  // 18:00 on Friday 27 November: the weekend comes first.
  const friday = await at('2026-11-28T02:00:00Z');
  expect(friday.messagesWaitUntil).toEqual({ date: '2026-11-30', time: '09:00' });
  expect(settingsPage([friday], 'token', ['quickbooks']).replace(/\s+/g, ' ')).toContain(
    'Outside business hours in America/Los_Angeles: emails and texts due now go out from 09:00 on Mon 30 Nov 2026. Tasks for the team open at once.',
  );
});
