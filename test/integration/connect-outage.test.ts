// Connecting while the platform's sign-in service is down: the person is told to wait, and nothing is
// started or stored.
import { TestBrowser } from '../support/browser';
import { startHarness, type Harness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  // Nothing listens on port 9: Xero's OpenID discovery cannot be reached.
  h = await startHarness({ env: { XERO_IDENTITY_URL: 'http://127.0.0.1:9/identity' } });
});
afterAll(() => h.close());

it('answers 503 naming Xero when its sign-in service cannot be reached, and connects nothing', async () => {
  const res = await new TestBrowser().get(`${h.baseUrl}/connect/xero`);

  expect(res.status).toBe(503);
  expect(res.body).toContain('Xero is not answering');
  expect(res.body).toContain('sign-in service (OpenID discovery: no answer from Xero');
  expect(res.body).toContain('Nothing was changed');
  expect(await h.runtime.ctx.db.selectFrom('connections').selectAll().execute()).toEqual([]);
});
