// The whole path on each platform's sandbox organisation, with real Postgres, Redis and SMTP: connect by
// following the OAuth redirects, sync, plan, send, log, note; then a payment cancels a pending reminder.
import { fromMinor } from '../../connectors/shared/money';
import { planConnection } from '../../src/services/followups/plan-connection';
import { pendingActionIds } from '../../src/services/followups/pending-actions';
import { sendAction } from '../../src/services/followups/send-action';
import { postPendingNotes } from '../../src/services/notes/post-notes';
import { syncConnection } from '../../src/services/sync/sync-connection';
import { TestBrowser } from '../support/browser';
import { startHarness, type Harness } from '../support/harness';

describe.each(['xero', 'quickbooks'] as const)('on %s', (platform) => {
  let h: Harness<typeof platform>;
  let connectionId: string;
  const browser = new TestBrowser();

  beforeAll(async () => {
    h = await startHarness({ platform });
  });
  afterAll(() => h.close());

  const emailedNotes = (invoiceId: string) => h.driver.notes(invoiceId).filter((n) => n.includes('emailed'));

  async function sendAllPending() {
    const outcomes: string[] = [];
    for (const id of await pendingActionIds(h.runtime.ctx.db, connectionId))
      outcomes.push(await sendAction(h.runtime.ctx, id));
    for (;;) {
      const notes = await postPendingNotes(h.runtime.ctx, connectionId);
      if (notes.posted === 0) break;
    }
    return outcomes;
  }

  it('connects the sandbox organisation by following the OAuth redirects', async () => {
    const page = await browser.get(`${h.baseUrl}/connect/${platform}`);
    expect(browser.hops.map((hop) => new URL(hop.url).pathname)).toEqual([
      `/connect/${platform}`,
      h.driver.consentPath,
      `/connect/${platform}/callback`,
      '/settings',
    ]);
    expect(page.status).toBe(200);
    const connection = await h.runtime.ctx.db.selectFrom('connections').selectAll().executeTakeFirstOrThrow();
    expect(connection).toMatchObject({ tenant_id: h.driver.tenantId, status: 'active', platform });
    connectionId = connection.id;
    // Tokens are stored encrypted: the raw access token never appears in the row.
    const grant = await h.runtime.ctx.db
      .selectFrom('oauth_grants')
      .select('tokens')
      .executeTakeFirstOrThrow();
    expect(grant.tokens?.toString('utf8')).not.toMatch(/eyJ/);
  });

  it('syncs every sales invoice, ignoring bills, with outstanding amounts equal to what the platform says is due', async () => {
    const summary = await syncConnection(h.runtime.ctx, connectionId);
    const sales = h.driver.invoices();
    const held = sales.length + h.driver.deletedInvoiceIds().length;
    expect(summary?.records.invoices).toBe(held);
    const stored = await h.runtime.ctx.db
      .selectFrom('invoices')
      .select(['external_id', 'outstanding', 'status'])
      .execute();
    expect(stored).toHaveLength(held);
    const byId = new Map(stored.map((s) => [s.external_id, s]));
    for (const invoice of sales.filter((i) => i.issued)) {
      expect(fromMinor(byId.get(invoice.id)?.outstanding ?? -1, invoice.currency)).toBe(
        invoice.amountDue.toFixed(2),
      );
    }
    expect(summary?.reconcile.mismatches).toBe(0);
  });

  it('plans, sends one email per customer and stage, logs it and notes it on each invoice exactly once', async () => {
    const plan = await planConnection(h.runtime.ctx, connectionId);
    expect(plan?.planned.length).toBeGreaterThan(0);

    const outcomes = await sendAllPending();
    expect(outcomes.filter((o) => o === 'sent').length).toBe(h.sink.messages().length);
    expect(h.sink.messages().length).toBeGreaterThan(0);

    // Pick one logged email and check it against the sandbox's own data.
    const entry = await h.runtime.ctx.db
      .selectFrom('contact_log')
      .selectAll()
      .where('kind', '=', 'email_sent')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const email = h.sink.messages().find((m) => m.messageId === entry.message_id);
    expect(email).toBeDefined();
    const invoices = await h.runtime.ctx.db
      .selectFrom('invoices')
      .select(['external_id', 'number'])
      .where('id', 'in', entry.invoice_ids)
      .execute();
    const contact = await h.runtime.ctx.db
      .selectFrom('contacts')
      .selectAll()
      .where('id', '=', entry.contact_id!)
      .executeTakeFirstOrThrow();
    // Addressed to the people who receive this customer's invoices, greeting the first by name.
    const people = (
      contact.persons as { firstName: string; email: string; includeInEmails: boolean }[]
    ).filter((p) => p.includeInEmails);
    const expectedTo = people.length > 0 ? people.map((p) => p.email) : [contact.email];
    expect(email!.to).toEqual(expectedTo);
    expect(email!.text).toMatch(
      new RegExp(`^Hi ${people[0]?.firstName ?? contact.first_name ?? contact.name},`),
    );
    for (const invoice of invoices) {
      const raw = h.driver.invoice(invoice.external_id)!;
      expect(email!.text).toContain(invoice.number);
      expect(email!.text).toContain(raw.amountDue.toLocaleString('en', { minimumFractionDigits: 2 }));
      expect(emailedNotes(invoice.external_id)).toHaveLength(1);
    }
    expect(email!.to).toEqual(entry.recipient!.split(', '));

    // Running everything again sends nothing and notes nothing twice.
    const before = h.sink.messages().length;
    await planConnection(h.runtime.ctx, connectionId);
    await sendAllPending();
    expect(h.sink.messages().length).toBe(before);
    for (const invoice of invoices) expect(emailedNotes(invoice.external_id)).toHaveLength(1);
  });

  it('cancels a pending reminder when its invoice is paid, and never sends it', async () => {
    // Plan reminders that have not gone yet: those due next Tuesday, a business day six days on.
    const ctx = h.runtime.ctx;
    const sentBefore = h.sink.messages().length;
    const laterCtx = { ...ctx, now: () => new Date(ctx.now().getTime() + 6 * 86_400_000) };
    const plan = await planConnection(laterCtx, connectionId);
    expect(plan?.planned.length).toBeGreaterThan(0);
    const actionId = plan!.planned[0]!;
    const links = await ctx.db
      .selectFrom('followup_action_invoices as ai')
      .innerJoin('invoices as i', 'i.id', 'ai.invoice_id')
      .select(['i.external_id', 'i.number'])
      .where('ai.action_id', '=', actionId)
      .execute();

    for (const link of links) {
      const raw = h.driver.invoice(link.external_id)!;
      h.driver.recordPayment({ invoiceId: link.external_id, amount: raw.amountDue.toFixed(2) });
    }
    const summary = await syncConnection(ctx, connectionId);
    expect(summary?.reconcile.events.paid).toBe(links.length);

    const action = await ctx.db
      .selectFrom('followup_actions')
      .selectAll()
      .where('id', '=', actionId)
      .executeTakeFirstOrThrow();
    expect(action.status).toBe('cancelled');
    expect(await sendAction(laterCtx, actionId)).toBe('not_pending');
    expect(h.sink.messages().length).toBe(sentBefore);
  });
});
