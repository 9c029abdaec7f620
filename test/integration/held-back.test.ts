// A customer Goodwill is not chasing says why, on the settings page and in the dry run: credit waiting
// to be allocated, or no address to write to. Neither is "every step taken".
import { loadDebtors } from '../../src/services/followups/debtor-facts';
import { planConnection } from '../../src/services/followups/plan-connection';
import { sendAction } from '../../src/services/followups/send-action';
import type { PlannerDebtor } from '../../src/domain/planner';
import { TestBrowser } from '../support/browser';
import { connectAndSyncXero } from '../support/connect';
import { startHarness, type Harness } from '../support/harness';

let h: Harness;
let connectionId: string;
let debtors: PlannerDebtor[];
let settings: string;
const browser = new TestBrowser();

beforeAll(async () => {
  h = await startHarness();
  connectionId = await connectAndSyncXero(h, browser);
  await planConnection(h.runtime.ctx, connectionId);
  // The team is handed each credit to allocate, as the worker would: the task is open, nothing is pending.
  const tasks = await h.runtime.ctx.db
    .selectFrom('followup_actions')
    .select('id')
    .where('connection_id', '=', connectionId)
    .where('kind', '=', 'allocate_credit')
    .where('status', '=', 'pending')
    .execute();
  for (const task of tasks) await sendAction(h.runtime.ctx, task.id);
  debtors = await loadDebtors(h.runtime.ctx.db, connectionId, 'Pacific/Auckland', '2026-11-25');
  settings = (await browser.get(`${h.baseUrl}/settings`)).body;
});
afterAll(() => h.close());

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
