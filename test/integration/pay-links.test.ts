// A reminder lists each invoice with the page where the customer views and pays it online, as the books
// give it: asked for once and kept, and never a reason to hold a reminder back.
import type { Platform } from '../../connectors/types';
import { planConnection } from '../../src/services/followups/plan-connection';
import { payLinks } from '../../src/services/followups/pay-links';
import { sendAction } from '../../src/services/followups/send-action';
import { findConnection } from '../../src/db/repositories/connections';
import { TestBrowser } from '../support/browser';
import { connectAndSync } from '../support/connect';
import { startHarness, type Harness } from '../support/harness';
import { pendingEmailReminders } from '../support/reminders';

interface PlatformCase {
  platform: Platform;
  /** The address the sandbox gives an invoice's page. */
  link: RegExp;
  /** The sandbox's label for the call that asks for it. */
  endpoint: string;
}

const CASES: PlatformCase[] = [
  {
    platform: 'xero',
    link: /^http:\/\/127\.0\.0\.1:\d+\/online-invoices\/[\w-]+$/,
    endpoint: 'GET /Invoices/{InvoiceID}/OnlineInvoice',
  },
  {
    platform: 'quickbooks',
    link: /^http:\/\/127\.0\.0\.1:\d+\/portal\/invoices\/[0-9a-f]{32}$/,
    endpoint: 'GET /invoice/{id}',
  },
];

describe.each(CASES)('$platform', ({ platform, link, endpoint }) => {
  let h: Harness<Platform>;
  let connectionId: string;

  beforeAll(async () => {
    h = await startHarness({ platform });
    connectionId = await connectAndSync(h, new TestBrowser(), platform);
    await planConnection(h.runtime.ctx, connectionId);
  });
  afterAll(() => h.close());

  const db = () => h.runtime.ctx.db;

  const pendingReminders = () => pendingEmailReminders(db(), connectionId);

  async function send(actionId: string) {
    expect(await sendAction(h.runtime.ctx, actionId)).toBe('sent');
    return h.sink.messages().at(-1)!;
  }

  it('lists every invoice with its page to view and pay, and keeps each address', async () => {
    const [reminder] = await pendingReminders();
    const email = await send(reminder!.id);
    const stored = await db()
      .selectFrom('invoices')
      .select(['number', 'online_url'])
      .where(
        'id',
        'in',
        reminder!.invoices.map((i) => i.id),
      )
      .execute();
    for (const invoice of stored) {
      expect(invoice.online_url).toMatch(link);
      expect(email.text).toContain(`${invoice.number}: ${invoice.online_url}`);
      expect(email.html).toContain(`<a href="${invoice.online_url}">View and pay</a>`);
    }
    // The page is the customer's: it names the invoice.
    const page = await fetch(stored[0]!.online_url!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(stored[0]!.number);
  });

  it('asks the books only for an address it does not hold', async () => {
    const linked = await db()
      .selectFrom('invoices')
      .select(['id', 'external_id', 'online_url'])
      .where('connection_id', '=', connectionId)
      .where('online_url', 'is not', null)
      .execute();
    expect(linked.length).toBeGreaterThan(0);
    const connection = (await findConnection(db(), connectionId))!;
    h.driver.resetCalls();
    const links = await payLinks(h.runtime.ctx, connection, linked);
    expect([...links.values()].sort()).toEqual(linked.map((i) => i.online_url).sort());
    expect(h.driver.callCount()).toBe(0);
  });

  it('sends the reminder without links when the books cannot give them, and asks again next time', async () => {
    const reminder = (await pendingReminders()).find((r) => r.invoices.every((i) => i.online_url === null))!;
    h.sandbox.store.injectFaults({ kind: '500', count: 100, endpoint });
    try {
      const email = await send(reminder.id);
      expect(email.text).not.toContain('View and pay');
      expect(email.html).not.toContain('Pay online');
      expect(email.text).toContain(reminder.invoices[0]!.number);
    } finally {
      h.sandbox.store.clearFaults();
    }
    const kept = await db()
      .selectFrom('invoices')
      .select('online_url')
      .where(
        'id',
        'in',
        reminder.invoices.map((i) => i.id),
      )
      .execute();
    expect(kept.every((i) => i.online_url === null)).toBe(true);
  });
});
