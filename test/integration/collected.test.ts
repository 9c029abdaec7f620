// Is it working? The settings page tells what came in on invoices after Goodwill chased them, and
// nothing that came in on invoices it never chased, or before it chased them.
import { sql } from 'kysely';
import { formatMoney } from '../../src/domain/money';
import { sendAction } from '../../src/services/followups/send-action';
import { syncConnection } from '../../src/services/sync/sync-connection';
import { TestBrowser } from '../support/browser';
import type { Harness } from '../support/harness';
import { startPlanned } from '../support/planned';
import { pendingEmailReminders } from '../support/reminders';

let h: Harness;
let connectionId: string;
const browser = new TestBrowser();

beforeAll(async () => {
  ({ h, connectionId } = await startPlanned(browser));
});
afterAll(() => h.close());

const db = () => h.runtime.ctx.db;
const settings = async () => (await browser.get(`${h.baseUrl}/settings`)).body;
const RECEIVED = /Received after Goodwill's reminders in the last 30 days: ([^<]*)\./;

/** The open invoices of a sent email reminder, and one open invoice no reminder went about. */
async function chasedAndUnchased() {
  const [reminder] = await pendingEmailReminders(db(), connectionId);
  expect(await sendAction(h.runtime.ctx, reminder!.id)).toBe('sent');
  // Its invoice that owes the most, so that a part payment fits.
  const chased = reminder!.invoices.sort((a, b) => (b.outstanding ?? 0) - (a.outstanding ?? 0))[0]!;
  const unchased = await db()
    .selectFrom('invoices as i')
    .select(['i.external_id', 'i.currency'])
    .where('i.connection_id', '=', connectionId)
    .where('i.status', '=', 'authorised')
    .where('i.outstanding', '>', 10_000)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('contact_log as l')
            .select('l.id')
            .where(sql<boolean>`i.id = any(l.invoice_ids)`),
        ),
      ),
    )
    .executeTakeFirstOrThrow();
  return { chased, unchased };
}

it('counts a payment made after the reminder, and not one on an invoice never chased', async () => {
  // Before anything was chased, the demo books' own payment history counts for nothing.
  expect(await settings()).not.toMatch(RECEIVED);
  const { chased, unchased } = await chasedAndUnchased();
  expect(await settings()).not.toMatch(RECEIVED);

  // Part of what the chased invoice owes (at most 100.00), in the books' decimal form.
  const paid = Math.min(chased.outstanding!, 10_000) - 1;
  h.driver.recordPayment({ invoiceId: chased.external_id, amount: (paid / 100).toFixed(2) });
  h.driver.recordPayment({ invoiceId: unchased.external_id, amount: '40.00' });
  await syncConnection(h.runtime.ctx, connectionId);

  expect(RECEIVED.exec(await settings())?.[1]).toBe(`${formatMoney(paid, chased.currency)} on 1 invoice`);
});
