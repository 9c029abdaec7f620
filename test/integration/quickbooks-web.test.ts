// QuickBooks Online in the running app, against the QuickBooks sandbox with real Postgres and Redis:
// connecting through the web flow, Intuit's Launch, Disconnect and Reconnect addresses, and webhooks in
// both of Intuit's payloads.
import { signWebhook } from '../../connectors/quickbooks/sandbox';
import type { RunningQuickBooksSandbox } from '../../connectors/quickbooks/sandbox';
import { pendingActionIds } from '../../src/services/followups/pending-actions';
import { planConnection } from '../../src/services/followups/plan-connection';
import { sendAction } from '../../src/services/followups/send-action';
import { postPendingNotes } from '../../src/services/notes/post-notes';
import { refetchChanged } from '../../src/services/sync/refetch-changed';
import { syncConnection } from '../../src/services/sync/sync-connection';
import { TestBrowser } from '../support/browser';
import { startHarness, type Harness } from '../support/harness';

const VERIFIER = 'qbo-webhook-verifier-token';

let h: Harness<'quickbooks'>;
let qbo: RunningQuickBooksSandbox;
let connectionId: string;
const owner = new TestBrowser();

beforeAll(async () => {
  h = await startHarness({ platform: 'quickbooks', webhookKey: VERIFIER });
  qbo = h.sandbox;
});
afterAll(() => h.close());

const db = () => h.runtime.ctx.db;
const paths = (browser: TestBrowser) => browser.hops.map((hop) => new URL(hop.url).pathname);

type QboInvoice = { Id: string; Balance: number; TotalAmt: number; CurrencyRef: { value: string } };

function openInvoice(): QboInvoice {
  const found = (qbo.store.invoices() as unknown as QboInvoice[]).find(
    (i) => i.Balance >= 100 && i.Balance === i.TotalAmt,
  );
  if (!found) throw new Error('The demo company has an untouched open invoice');
  return found;
}

async function storedOutstanding(externalId: string) {
  const row = await db()
    .selectFrom('invoices')
    .select('outstanding')
    .where('connection_id', '=', connectionId)
    .where('external_id', '=', externalId)
    .executeTakeFirstOrThrow();
  return row.outstanding;
}

function deliver(body: string, signature?: string) {
  return fetch(`${h.baseUrl}/webhooks/quickbooks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature ? { 'intuit-signature': signature } : {}) },
    body,
  });
}

describe('an installation that serves QuickBooks Online only', () => {
  it('offers QuickBooks alone on the home page', async () => {
    const home = await new TestBrowser().get(h.baseUrl);
    expect(home.body).toContain('Connect QuickBooks');
    expect(home.body).toContain('Sign in with Intuit');
    expect(home.body).toContain('connects to your books in QuickBooks Online,');
    expect(home.body).not.toContain('Xero');
  });

  it('refuses to connect Xero with a clear page, and sends no one anywhere', async () => {
    const browser = new TestBrowser();
    const res = await browser.get(`${h.baseUrl}/connect/xero`);
    expect(res.status).toBe(404);
    expect(res.body).toContain('Xero is not available');
    expect(res.body).toContain(
      'Xero is not available on this installation of Goodwill, so nothing was connected. It connects to QuickBooks Online.',
    );
    expect(paths(browser)).toEqual(['/connect/xero']);
    expect(await db().selectFrom('connections').selectAll().execute()).toEqual([]);
  });
});

describe('connecting', () => {
  it('connects a QuickBooks company through the web flow and lists who owes what', async () => {
    const page = await owner.get(`${h.baseUrl}/connect/quickbooks`);
    expect(paths(owner).slice(-4)).toEqual([
      '/connect/quickbooks',
      '/connect/oauth2',
      '/connect/quickbooks/callback',
      '/settings',
    ]);
    expect(page.status).toBe(200);
    const connection = await db().selectFrom('connections').selectAll().executeTakeFirstOrThrow();
    expect(connection).toMatchObject({
      platform: 'quickbooks',
      tenant_id: qbo.realmId,
      name: 'Bayview Sign & Print',
      status: 'active',
      base_currency: 'USD',
    });
    connectionId = connection.id;

    await syncConnection(h.runtime.ctx, connectionId);
    const settings = await owner.get(`${h.baseUrl}/settings`);
    expect(settings.body).toContain('QuickBooks Online');
    expect(settings.body).toContain('Customers who owe you');
    // Every customer with an open balance in QuickBooks is on the page, with what it owes.
    const customers = qbo.store.contacts() as unknown as { DisplayName: string; Balance: number }[];
    const debtors = customers.filter((c) => c.Balance > 0);
    expect(debtors.length).toBeGreaterThan(5);
    for (const debtor of debtors) expect(settings.body).toContain(escape(debtor.DisplayName));
    expect(settings.body).toMatch(/\$[\d,]+\.\d\d USD/);
    // Only QuickBooks is offered to connect another organisation: Xero is not set up here.
    expect(settings.body).toContain('Connect QuickBooks');
    expect(settings.body).not.toContain('Connect Xero');
  });

  it('sends the first reminders and attaches a note to each invoice in QuickBooks', async () => {
    await planConnection(h.runtime.ctx, connectionId);
    for (const id of await pendingActionIds(db(), connectionId)) await sendAction(h.runtime.ctx, id);
    while ((await postPendingNotes(h.runtime.ctx, connectionId)).posted > 0);
    expect(h.sink.messages().length).toBeGreaterThan(0);

    const note = await db()
      .selectFrom('note_outbox')
      .select(['invoice_id', 'invoice_external_id', 'body', 'status'])
      .where('connection_id', '=', connectionId)
      .executeTakeFirstOrThrow();
    expect(note.status).toBe('posted');
    const attached = qbo.store.attachables(note.invoice_external_id) as unknown as { Note: string }[];
    expect(attached.map((a) => a.Note)).toEqual([note.body]);
    const page = await owner.get(`${h.baseUrl}/invoices/${note.invoice_id}`);
    expect(page.body).toContain('Note attached to the invoice in QuickBooks');
    expect(page.body).not.toContain('Xero');
  });

  it('signs a new person in with Intuit from the Launch URL and connects their company', async () => {
    qbo.store.useNextIdentity({ email: 'lee@bayviewsign.example', name: 'Lee Ortiz' });
    const newcomer = new TestBrowser();
    const page = await newcomer.get(`${h.baseUrl}/quickbooks/launch`);
    expect(paths(newcomer)).toEqual([
      '/quickbooks/launch',
      '/connect/oauth2',
      '/connect/quickbooks/callback',
      '/settings',
    ]);
    expect(page.body).toContain('Bayview Sign &amp; Print');
    const user = await db()
      .selectFrom('users')
      .selectAll()
      .where('email', '=', 'lee@bayviewsign.example')
      .executeTakeFirstOrThrow();
    expect(user).toMatchObject({ platform: 'quickbooks', name: 'Lee Ortiz' });
    const theirs = await db()
      .selectFrom('connections')
      .select(['tenant_id', 'status'])
      .where('account_id', '=', user.account_id)
      .execute();
    expect(theirs).toEqual([{ tenant_id: qbo.realmId, status: 'active' }]);

    // Launching again once connected goes straight to the company's settings, without a round trip.
    const again = await newcomer.get(`${h.baseUrl}/quickbooks/launch`);
    expect(again.url).toBe(`${h.baseUrl}/settings`);
    expect(paths(newcomer).slice(-2)).toEqual(['/quickbooks/launch', '/settings']);
  });
});

describe('webhooks', () => {
  it('refuses a delivery with a bad or missing intuit-signature, and changes nothing', async () => {
    const body = JSON.stringify({
      eventNotifications: [
        {
          realmId: qbo.realmId,
          dataChangeEvent: { entities: [{ name: 'Invoice', id: openInvoice().Id, operation: 'Update' }] },
        },
      ],
    });
    const forged = await deliver(body, signWebhook('not-the-verifier', body));
    expect(forged.status).toBe(401);
    expect((await deliver(body)).status).toBe(401);
    expect(await db().selectFrom('pending_refetch').selectAll().execute()).toEqual([]);
  });

  it.each(['legacy', 'cloudevents'] as const)(
    'takes a signed %s delivery from QuickBooks and re-fetches the invoice it names',
    async (format) => {
      qbo.store.setWebhook({ url: `${h.baseUrl}/webhooks/quickbooks`, key: VERIFIER, format });
      const invoice = openInvoice();
      const before = await storedOutstanding(invoice.Id);
      qbo.store.recordPayment({ invoiceId: invoice.Id, amount: '25.00' });
      await qbo.store.flushWebhooks();
      qbo.store.setWebhook(null);

      const delivery = qbo.store.webhookDeliveries().at(-1)!;
      expect(delivery).toMatchObject({ format, status: 200 });
      const pending = await db()
        .selectFrom('pending_refetch')
        .select(['kind', 'external_id'])
        .where('connection_id', '=', connectionId)
        .execute();
      expect(pending).toContainEqual({ kind: 'invoices', external_id: invoice.Id });
      expect(await storedOutstanding(invoice.Id)).toBe(before);

      await refetchChanged(h.runtime.ctx, connectionId);
      expect(await storedOutstanding(invoice.Id)).toBe(before! - 2500);
    },
  );
});

describe("Intuit's Disconnect and Reconnect URLs", () => {
  it('answers a disconnect for a company Goodwill does not know with a clear page', async () => {
    const res = await owner.get(`${h.baseUrl}/quickbooks/disconnect?realmId=1234567890`);
    expect(res.status).toBe(404);
    expect(res.body).toContain('No such company is connected to Goodwill');
    const nonsense = await owner.get(`${h.baseUrl}/quickbooks/disconnect?realmId=%3Cscript%3E`);
    expect(nonsense.status).toBe(404);
  });

  it('changes nothing while QuickBooks still lets Goodwill in', async () => {
    const res = await new TestBrowser().get(`${h.baseUrl}/quickbooks/disconnect?realmId=${qbo.realmId}`);
    expect(res.body).toContain('still connected');
    // A stranger is not told the company's name.
    expect(res.body).not.toContain('Bayview');
    const statuses = await db().selectFrom('connections').select('status').execute();
    expect(statuses.every((c) => c.status === 'active')).toBe(true);
  });

  it('marks the connection disconnected once the company has disconnected Goodwill, and stops its jobs', async () => {
    // A customer newly overdue: a reminder for it waits, planned but not yet sent.
    const { ContactID } = qbo.store.createContact({
      name: 'Harbour Kites',
      email: 'ap@harbourkites.example',
    });
    qbo.store.createInvoice({
      contactId: ContactID,
      amount: '480.00',
      date: '2026-10-01',
      dueDate: '2026-10-31',
    });
    await syncConnection(h.runtime.ctx, connectionId);
    const plan = await planConnection(h.runtime.ctx, connectionId);
    expect(plan?.planned.length).toBeGreaterThan(0);
    qbo.store.revokeConnections(qbo.realmId);

    const res = await owner.get(`${h.baseUrl}/quickbooks/disconnect?realmId=${qbo.realmId}`);
    expect(res.status).toBe(200);
    expect(res.body).toContain('Goodwill is disconnected from Bayview Sign &amp; Print');
    expect(res.body).toContain('href="/quickbooks/reconnect"');
    const connection = await db()
      .selectFrom('connections')
      .select(['status', 'status_reason'])
      .where('id', '=', connectionId)
      .executeTakeFirstOrThrow();
    expect(connection).toEqual({ status: 'disconnected', status_reason: 'Disconnected inside QuickBooks' });
    const pending = await db()
      .selectFrom('followup_actions')
      .select('id')
      .where('connection_id', '=', connectionId)
      .where('status', '=', 'pending')
      .execute();
    expect(pending).toEqual([]);

    // A sync already queued for it does nothing: not one call reaches QuickBooks.
    qbo.store.resetCalls();
    expect(await syncConnection(h.runtime.ctx, connectionId)).toBeNull();
    expect(await planConnection(h.runtime.ctx, connectionId)).toBeNull();
    expect(Object.values(qbo.store.calls).reduce((a, b) => a + b, 0)).toBe(0);

    const settings = await owner.get(`${h.baseUrl}/settings`);
    expect(settings.body).toContain('Disconnected inside QuickBooks');
  });

  it('reconnects the same connection, with its history, through the Reconnect URL', async () => {
    const invoicesBefore = await db()
      .selectFrom('invoices')
      .select(({ fn }) => fn.countAll<string>().as('n'))
      .where('connection_id', '=', connectionId)
      .executeTakeFirstOrThrow();
    const page = await owner.get(`${h.baseUrl}/quickbooks/reconnect`);
    expect(paths(owner).slice(-4)).toEqual([
      '/quickbooks/reconnect',
      '/connect/oauth2',
      '/connect/quickbooks/callback',
      '/settings',
    ]);
    expect(page.status).toBe(200);
    const connections = await db()
      .selectFrom('connections')
      .select(['id', 'status', 'status_reason'])
      .where('account_id', '=', (await accountOf(connectionId)).account_id)
      .execute();
    expect(connections).toEqual([{ id: connectionId, status: 'active', status_reason: null }]);
    const invoicesAfter = await db()
      .selectFrom('invoices')
      .select(({ fn }) => fn.countAll<string>().as('n'))
      .where('connection_id', '=', connectionId)
      .executeTakeFirstOrThrow();
    expect(invoicesAfter.n).toBe(invoicesBefore.n);
    // QuickBooks answers again.
    expect(await syncConnection(h.runtime.ctx, connectionId)).not.toBeNull();
  });

  it('marks the connection at the first refused call when QuickBooks never sends the person to the Disconnect URL', async () => {
    qbo.store.revokeConnections(qbo.realmId);
    // The access token held is still within its hour; QuickBooks refuses it all the same.
    await expect(syncConnection(h.runtime.ctx, connectionId)).rejects.toMatchObject({
      code: 'reauth_required',
    });
    const connection = await db()
      .selectFrom('connections')
      .select('status')
      .where('id', '=', connectionId)
      .executeTakeFirstOrThrow();
    expect(connection.status).toBe('needs_reauth');
    qbo.store.resetCalls();
    expect(await syncConnection(h.runtime.ctx, connectionId)).toBeNull();
    expect(Object.values(qbo.store.calls).reduce((a, b) => a + b, 0)).toBe(0);
  });
});

function accountOf(id: string) {
  return db().selectFrom('connections').select('account_id').where('id', '=', id).executeTakeFirstOrThrow();
}

function escape(text: string) {
  return text.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/"/g, '&quot;');
}
