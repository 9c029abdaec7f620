// A person's first minute: open the app, click Connect Xero or Connect QuickBooks, and see who owes
// money and what happens next, in a real browser (Debian's Chromium driven by playwright-core).
import { chromium, type Browser } from 'playwright-core';
import { startWorkers, type RunningWorkers } from '../../jobs/worker';
import { startHarness, type Harness } from '../support/harness';

let h: Harness;
let workers: RunningWorkers;
let browser: Browser;

beforeAll(async () => {
  h = await startHarness({ quickbooks: {} });
  workers = startWorkers(h.runtime.ctx, h.runtime.queues, h.runtime.queueSettings);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
});
afterAll(async () => {
  await browser?.close();
  await workers.close();
  await h.close();
});

it('shows the overdue customers, what is next for each and why, and an invoice timeline', async () => {
  const page = await browser.newPage();
  await page.goto(h.baseUrl);
  await page.getByRole('link', { name: 'Connect Xero' }).click();
  await page.waitForURL(`${h.baseUrl}/settings`);
  await page.getByText('Customers who owe you').waitFor({ timeout: 15_000 });

  const rows = page.locator('section.card table tbody tr');
  expect(await rows.count()).toBeGreaterThanOrEqual(10);
  await expect(
    page
      .getByText(/\d+ days overdue/)
      .first()
      .isVisible(),
  ).resolves.toBe(true);
  const firstRow = await rows.first().innerText();
  expect(firstRow).toMatch(/\$[\d,]+\.\d\d [A-Z]{3}/);

  // The customer at the top is the most overdue; open one of their invoices and read its story.
  await rows.first().locator('a[href^="/invoices/"]').first().click();
  await page.getByRole('heading', { name: 'Timeline' }).waitFor();
  expect(await page.locator('main').innerText()).toMatch(/still owed/);
  await page.close();
});

it('connects a QuickBooks company from the home page and lists its customers who owe money', async () => {
  const page = await browser.newPage();
  await page.goto(h.baseUrl);
  await page.getByRole('link', { name: 'Connect QuickBooks' }).click();
  await page.waitForURL(`${h.baseUrl}/settings`);
  await page.getByText('Customers who owe you').waitFor({ timeout: 15_000 });

  const section = page.locator('section.card', { hasText: 'Bayview Sign & Print' });
  expect(await section.innerText()).toContain('QuickBooks Online');
  const rows = section.locator('table tbody tr');
  expect(await rows.count()).toBeGreaterThanOrEqual(10);
  expect(await rows.first().innerText()).toMatch(/\$[\d,]+\.\d\d USD/);
  await page.close();
});
