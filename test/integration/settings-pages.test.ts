// An organisation with hundreds of customers who owe money: the settings page sums up what is owed and
// shows them fifty at a time, most overdue first, so it stays quick however large the books are.
import { loadDebtors } from '../../src/services/followups/debtor-facts';
import { CUSTOMERS_PER_PAGE } from '../../src/services/views/account-overview';
import { formatMoney } from '../../src/domain/money';
import { TestBrowser } from '../support/browser';
import { connectAndSync } from '../support/connect';
import { startHarness, type Harness } from '../support/harness';

let h: Harness;
let connectionId: string;
const browser = new TestBrowser();

beforeAll(async () => {
  h = await startHarness({
    sandbox: { organisation: { size: { invoices: 900, openInvoices: 400, payments: 600, contacts: 160 } } },
  });
  connectionId = await connectAndSync(h, browser);
});
afterAll(() => h.close());

const page = async (query = '') => (await browser.get(`${h.baseUrl}/settings${query}`)).body;

/** The customers listed, by the id in each row's dry-run link, in page order. */
const customersOn = (body: string) =>
  [...body.matchAll(/simulation\?customer=([0-9a-f-]+)"/g)].map((m) => m[1]!);

/** Each listed customer's oldest due date, from the row's "N days overdue" or "due in N days". */
async function owing() {
  const debtors = await loadDebtors(h.runtime.ctx.db, connectionId, 'Pacific/Auckland', '2026-11-25');
  return debtors.filter((d) => d.invoices.length > 0);
}

it('sums up what every customer owes, per currency, above the first page', async () => {
  const debtors = await owing();
  expect(debtors.length).toBeGreaterThan(2 * CUSTOMERS_PER_PAGE);
  const totals = new Map<string, number>();
  for (const i of debtors.flatMap((d) => d.invoices))
    totals.set(i.currency, (totals.get(i.currency) ?? 0) + i.outstanding);
  const body = await page();
  expect(body).toContain(`owed by ${debtors.length} customers`);
  for (const [currency, total] of totals)
    expect(body).toContain(`<strong>${formatMoney(total, currency)}</strong> owed`);
});

it('shows fifty customers a page, most overdue first, each once, with links either side', async () => {
  const debtors = await owing();
  const oldest = new Map(debtors.map((d) => [d.id, d.invoices.map((i) => i.dueDate).sort()[0]!] as const));
  const first = await page();
  const firstIds = customersOn(first);
  expect(firstIds).toHaveLength(CUSTOMERS_PER_PAGE);
  expect(first).toContain(`Customers 1–50 of ${debtors.length}, most overdue first.`);
  expect(first).not.toContain('← previous');

  const next = /href="(\/settings\?connection=[0-9a-f-]+&amp;page=2)#c-[0-9a-f-]+">next 50 →/.exec(first);
  expect(next).not.toBeNull();
  const second = await page(next![1]!.replace('/settings', '').replace('&amp;', '&'));
  const secondIds = customersOn(second);
  expect(secondIds).toHaveLength(CUSTOMERS_PER_PAGE);
  expect(second).toContain(`Customers 51–100 of ${debtors.length}`);
  expect(second).toContain('← previous 50');

  const listed = [...firstIds, ...secondIds];
  expect(new Set(listed).size).toBe(listed.length);
  const dates = listed.map((id) => oldest.get(id)!);
  expect(dates).toEqual([...dates].sort());
});

it('shows the last page for a page past the end, and every customer across the pages', async () => {
  const debtors = await owing();
  const pages = Math.ceil(debtors.length / CUSTOMERS_PER_PAGE);
  const seen: string[] = [];
  for (let n = 1; n <= pages; n++)
    seen.push(...customersOn(await page(`?connection=${connectionId}&page=${n}`)));
  expect(new Set(seen)).toEqual(new Set(debtors.map((d) => d.id)));
  const beyond = await page(`?connection=${connectionId}&page=9999`);
  expect(customersOn(beyond)).toEqual(customersOn(await page(`?connection=${connectionId}&page=${pages}`)));
  expect(beyond).not.toMatch(/>next \d+ →</);
});

it('refuses a page that is not a number, or a connection that is not an id, saying which', async () => {
  for (const [query, says] of [
    ['?page=abc', 'page: must be a page number'],
    ['?page=0', 'page: must be 1 or more'],
    ['?page=1.5', 'page: must be a whole number'],
    ['?connection=nonsense', 'connection: must be the id of one of your connections'],
  ] as const) {
    const res = await browser.get(`${h.baseUrl}/settings${query}`);
    expect(res.status).toBe(400);
    expect(res.body).toContain(says);
  }
});
