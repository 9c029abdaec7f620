// The web app's edges: health, a forged OAuth callback, tenant isolation and form protection.
import { TestBrowser } from '../support/browser';
import { startHarness, type Harness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

it('reports Postgres and Redis health as JSON', async () => {
  const res = await fetch(`${h.baseUrl}/healthz`);
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ status: 'ok', postgres: 'ok', redis: 'ok' });
});

it("offers only Xero when no QuickBooks app is configured, and answers Intuit's addresses clearly", async () => {
  const home = await new TestBrowser().get(h.baseUrl);
  expect(home.body).toContain('Connect Xero');
  expect(home.body).not.toContain('QuickBooks');
  for (const path of ['/connect/quickbooks', '/quickbooks/launch', '/quickbooks/reconnect']) {
    const res = await new TestBrowser().get(`${h.baseUrl}${path}`);
    expect(res.status).toBe(404);
    expect(res.body).toContain('QuickBooks Online is not available on this installation of Goodwill');
  }
});

it('refuses a callback whose state does not belong to the session, and connects nothing', async () => {
  const browser = new TestBrowser();
  // Start the flow, but stop at the platform's redirect back to us.
  const start = await fetch(`${h.baseUrl}/connect/xero`, { redirect: 'manual' });
  const cookie = start.headers.getSetCookie()[0]!.split(';')[0]!;
  const consent = await fetch(start.headers.get('location')!, { redirect: 'manual' });
  const callback = new URL(consent.headers.get('location')!);
  expect(callback.searchParams.get('state')).toBeTruthy();
  callback.searchParams.set('state', 'forged-state');

  const res = await fetch(callback, { headers: { cookie }, redirect: 'manual' });
  const body = await res.text();
  expect(res.status).toBe(400);
  expect(body).toContain('state mismatch');
  expect(await h.runtime.ctx.db.selectFrom('connections').selectAll().execute()).toEqual([]);

  // A callback with no flow started in this browser at all is refused too.
  const stray = await browser.get(`${h.baseUrl}/connect/xero/callback?code=x&state=y`);
  expect(stray.status).toBe(400);
  expect(stray.body).toContain('did not start in this browser session');
});

it('keeps each account to its own data, by any route or id', async () => {
  const alice = new TestBrowser();
  await alice.get(`${h.baseUrl}/connect/xero`);
  const invoice = await h.runtime.ctx.db.selectFrom('invoices').select('id').executeTakeFirst();
  const connection = await h.runtime.ctx.db.selectFrom('connections').select('id').executeTakeFirstOrThrow();
  // Alice's invoices exist only after a sync; create one row directly if the queue has not run yet.
  const invoiceId =
    invoice?.id ??
    (
      await h.runtime.ctx.db
        .insertInto('invoices')
        .values({
          connection_id: connection.id,
          external_id: 'x-1',
          contact_external_id: 'c-1',
          number: 'INV-X',
          reference: null,
          currency: 'NZD',
          issue_date: '2026-11-01',
          due_date: '2026-11-30',
          status: 'authorised',
          total: 1000,
          platform_amount_due: 1000,
          remote_updated_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  expect((await alice.get(`${h.baseUrl}/invoices/${invoiceId}`)).status).toBe(200);

  // Mallory signs up separately: a new account with nothing connected.
  const mallory = new TestBrowser();
  const anonymous = await mallory.get(`${h.baseUrl}/invoices/${invoiceId}`);
  expect(anonymous.url).toBe(`${h.baseUrl}/`);
  await h.runtime.ctx.db
    .insertInto('accounts')
    .values({ name: 'Mallory Ltd' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const otherAccountUser = await signInAsNewAccount(mallory);
  expect(otherAccountUser).toBe(true);
  const peek = await mallory.get(`${h.baseUrl}/invoices/${invoiceId}`);
  expect(peek.status).toBe(404);
  const settings = await mallory.get(`${h.baseUrl}/settings`);
  expect(settings.body).not.toContain('INV-');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(settings.body)?.[1] ?? '';
  const attempt = await mallory.post(`${h.baseUrl}/connections/${connection.id}/disconnect`, { _csrf: csrf });
  expect(attempt.status).toBe(csrf ? 404 : 403);
  const still = await h.runtime.ctx.db
    .selectFrom('connections')
    .select('status')
    .where('id', '=', connection.id)
    .executeTakeFirstOrThrow();
  expect(still.status).toBe('active');
});

it('refuses a form post without the session token', async () => {
  const browser = new TestBrowser();
  await browser.get(`${h.baseUrl}/connect/xero`);
  const connection = await h.runtime.ctx.db.selectFrom('connections').select('id').executeTakeFirstOrThrow();
  const res = await browser.post(`${h.baseUrl}/connections/${connection.id}/disconnect`, {});
  expect(res.status).toBe(403);
  expect(res.body).toContain('CSRF token missing or wrong');
});

/** Signs a browser in as a brand-new user of a brand-new account (another Xero identity). */
async function signInAsNewAccount(browser: TestBrowser): Promise<boolean> {
  h.sandbox.store.useNextIdentity?.({ email: 'mallory@example.net', name: 'Mallory' });
  const page = await browser.get(`${h.baseUrl}/connect/xero`);
  return page.url.endsWith('/settings');
}
