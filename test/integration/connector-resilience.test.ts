// How each connector behaves when its platform misbehaves: rate limits, revoked access, malformed pages,
// forged and replayed webhooks, and a crowd of callers needing a fresh token at once. The behaviour is
// the same on both platforms; only how a webhook is written and signed differs.
import { createHmac, randomUUID } from 'node:crypto';
import { toMinor } from '../../connectors/shared/money';
import { encryptTokens, decryptTokens } from '../../connectors/shared/token-cipher';
import type { Platform } from '../../connectors/types';
import { apiContext } from '../../src/services/connection-tokens';
import { refetchChanged } from '../../src/services/sync/refetch-changed';
import { syncConnection } from '../../src/services/sync/sync-connection';
import { findConnection } from '../../src/db/repositories/connections';
import { connectSandbox } from '../support/connect';
import { startHarness, type Harness } from '../support/harness';

const WEBHOOK_KEY = 'test-webhook-signing-key';

/** How the platform announces that an invoice changed, and the header its signature travels in. */
interface WebhookStyle {
  header: string;
  invoiceChanged(input: { invoiceId: string; tenantId: string; resourceBase: string }): string;
}

const WEBHOOKS: Record<Platform, WebhookStyle> = {
  xero: {
    header: 'x-xero-signature',
    invoiceChanged: ({ invoiceId, tenantId, resourceBase }) =>
      JSON.stringify({
        events: [
          {
            resourceUrl: `${resourceBase}/api.xro/2.0/Invoices/${invoiceId}`,
            resourceId: invoiceId,
            eventDateUtc: new Date().toISOString(),
            eventType: 'UPDATE',
            eventCategory: 'INVOICE',
            tenantId,
            tenantType: 'ORGANISATION',
          },
        ],
        firstEventSequence: 1,
        lastEventSequence: 1,
        entropy: 'ABCDEFGHIJ',
      }),
  },
  quickbooks: {
    header: 'intuit-signature',
    invoiceChanged: ({ invoiceId, tenantId }) =>
      JSON.stringify([
        {
          specversion: '1.0',
          id: randomUUID(),
          source: 'intuit.dsnBgbseACLLRZNxo2dfc4evmEJdxde58xeeYcZliOU=',
          type: 'qbo.invoice.updated.v1',
          datacontenttype: 'application/json',
          time: new Date().toISOString(),
          intuitentityid: invoiceId,
          intuitaccountid: tenantId,
          data: {},
        },
      ]),
  },
};

function sign(body: string, key = WEBHOOK_KEY) {
  return createHmac('sha256', key).update(body).digest('base64');
}

describe.each(['xero', 'quickbooks'] as const)('on %s', (platform) => {
  let h: Harness<typeof platform>;
  let connectionId: string;
  const webhook = WEBHOOKS[platform];

  beforeAll(async () => {
    h = await startHarness({ platform, webhookKey: WEBHOOK_KEY });
    connectionId = (await connectSandbox(h.runtime.ctx, platform)).connectionIds[0]!;
    await syncConnection(h.runtime.ctx, connectionId);
  });
  afterAll(() => h.close());

  const db = () => h.runtime.ctx.db;
  const invoiceCount = async () => (await db().selectFrom('invoices').select('id').execute()).length;
  const openInvoice = () => h.driver.invoices().find((i) => i.open)!;

  /** Our copy of the invoice says exactly what the platform says is still due. */
  async function expectAmountDueAsThePlatformHasIt(invoiceId: string) {
    const ours = await db()
      .selectFrom('invoices')
      .select(['platform_amount_due', 'currency'])
      .where('external_id', '=', invoiceId)
      .executeTakeFirstOrThrow();
    expect(ours.platform_amount_due).toBe(toMinor(h.driver.invoice(invoiceId)!.amountDue, ours.currency));
  }

  const outstanding = async (invoiceId: string) =>
    (
      await db()
        .selectFrom('invoices')
        .select('outstanding')
        .where('external_id', '=', invoiceId)
        .executeTakeFirstOrThrow()
    ).outstanding;

  const invoiceCursor = () =>
    db().selectFrom('sync_cursors').selectAll().where('resource', '=', 'invoices').executeTakeFirst();

  const invoiceChanged = (invoiceId: string) =>
    webhook.invoiceChanged({ invoiceId, tenantId: h.driver.tenantId, resourceBase: h.sandbox.url });

  async function deliver(body: string, signature: string) {
    return fetch(`${h.baseUrl}/webhooks/${platform}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [webhook.header]: signature },
      body,
    });
  }

  /**
   * Syncs as the job does: a throttled sync either sits a short wait out itself (Xero says how long) or
   * hands the wait back to the job (QuickBooks does not say, so the minute window is assumed), and the
   * job runs it again once the wait is over.
   */
  async function syncAsTheJobDoes() {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await syncConnection(h.runtime.ctx, connectionId);
      } catch (err) {
        expect({ attempt, err }).toMatchObject({
          attempt: expect.any(Number),
          err: { code: 'rate_limited', details: { retryAfterMs: expect.any(Number) } },
        });
        if (attempt > 5) throw err;
      }
    }
  }

  it('slows down on a burst of 429s but loses nothing', async () => {
    const invoice = openInvoice();
    h.driver.recordPayment({ invoiceId: invoice.id, amount: '1.00' });
    h.driver.throttleInvoiceReads(3);
    const before = await invoiceCount();
    await syncAsTheJobDoes();
    expect(await invoiceCount()).toBe(before);
    await expectAmountDueAsThePlatformHasIt(invoice.id);
  });

  it('fails a sync on a malformed page with an error naming the record, keeping what was stored', async () => {
    const before = await db().selectFrom('invoices').selectAll().orderBy('external_id').execute();
    const cursorBefore = await invoiceCursor();
    const invoice = openInvoice();
    h.driver.recordPayment({ invoiceId: invoice.id, amount: '1.00' });
    h.driver.spoilInvoiceRead();

    await expect(syncConnection(h.runtime.ctx, connectionId)).rejects.toMatchObject({
      code: 'malformed_payload',
      message: expect.stringMatching(/Invoice.*record/i),
    });
    // The payment pages before the bad one are kept and only flag their invoices for reconciliation;
    // nothing the invoices say changed.
    const withoutFlag = (rows: typeof before) => rows.map(({ needs_reconcile: _, ...rest }) => rest);
    const after = await db().selectFrom('invoices').selectAll().orderBy('external_id').execute();
    expect(withoutFlag(after)).toEqual(withoutFlag(before));
    expect(after.find((i) => i.external_id === invoice.id)?.needs_reconcile).toBe(true);
    const cursorAfter = await invoiceCursor();
    expect(cursorAfter?.modified_since).toEqual(cursorBefore?.modified_since);

    // Once the platform answers properly again, the change arrives.
    await syncConnection(h.runtime.ctx, connectionId);
    await expectAmountDueAsThePlatformHasIt(invoice.id);
  });

  it('refuses a forged webhook and changes nothing', async () => {
    const body = invoiceChanged(openInvoice().id);
    const forged = await deliver(body, sign(body, 'not-the-key'));
    expect(forged.status).toBe(401);
    expect(await forged.text()).toBe('');
    const unsigned = await fetch(`${h.baseUrl}/webhooks/${platform}`, { method: 'POST', body });
    expect(unsigned.status).toBe(401);
    expect(await db().selectFrom('pending_refetch').selectAll().execute()).toEqual([]);
  });

  if (platform === 'xero') {
    it('answers the intent-to-receive handshake', async () => {
      const body = JSON.stringify({
        events: [],
        firstEventSequence: 0,
        lastEventSequence: 0,
        entropy: 'XYZ',
      });
      expect((await deliver(body, sign(body))).status).toBe(200);
      expect((await deliver(body, sign(body, 'wrong'))).status).toBe(401);
    });
  }

  if (platform === 'quickbooks') {
    it('hears of a deleted payment by webhook and stops counting it against its invoice', async () => {
      const invoice = openInvoice();
      const paymentId = h.driver.recordPayment({ invoiceId: invoice.id, amount: '3.00' });
      await syncConnection(h.runtime.ctx, connectionId);
      const owedWithPayment = await outstanding(invoice.id);
      expect(owedWithPayment).toEqual(expect.any(Number));
      h.driver.deletePayment(paymentId);
      // QuickBooks announces the payment and each invoice it changed.
      const event = (type: string, entityId: string) => ({
        specversion: '1.0',
        id: randomUUID(),
        source: 'intuit.webhooks',
        type,
        datacontenttype: 'application/json',
        time: new Date().toISOString(),
        intuitentityid: entityId,
        intuitaccountid: h.driver.tenantId,
        data: {},
      });
      const body = JSON.stringify([
        event('qbo.payment.deleted.v1', paymentId),
        event('qbo.invoice.updated.v1', invoice.id),
      ]);
      expect((await deliver(body, sign(body))).status).toBe(200);
      await refetchChanged(h.runtime.ctx, connectionId);
      expect(await outstanding(invoice.id)).toBe(owedWithPayment! + 300);
      await expectAmountDueAsThePlatformHasIt(invoice.id);
    });
  }

  it('turns a webhook into one targeted re-fetch, and a replay into none', async () => {
    const invoice = openInvoice();
    h.driver.recordPayment({ invoiceId: invoice.id, amount: '2.00' });
    const body = invoiceChanged(invoice.id);
    const first = await deliver(body, sign(body));
    expect(first.status).toBe(200);
    expect(await first.text()).toBe('');
    expect((await deliver(body, sign(body))).status).toBe(200); // platforms redeliver; the replay is harmless
    const pending = await db().selectFrom('pending_refetch').select(['kind', 'external_id']).execute();
    expect(pending).toEqual([{ kind: 'invoices', external_id: invoice.id }]);

    h.driver.resetCalls();
    const summary = await refetchChanged(h.runtime.ctx, connectionId);
    expect(summary?.fetched.invoices).toBe(1);
    expect(h.driver.callCount(h.driver.endpoints.invoicesById)).toBe(1);
    await expectAmountDueAsThePlatformHasIt(invoice.id);

    // The same delivery again: the record is fetched again and found unchanged; no event is recorded.
    const events = (await db().selectFrom('invoice_events').select('id').execute()).length;
    await deliver(body, sign(body));
    await refetchChanged(h.runtime.ctx, connectionId);
    expect((await db().selectFrom('invoice_events').select('id').execute()).length).toBe(events);
  });

  it('makes exactly one refresh call for 50 concurrent callers needing a fresh token', async () => {
    const connection = (await findConnection(db(), connectionId))!;
    const grant = await db()
      .selectFrom('oauth_grants')
      .select('tokens')
      .where('id', '=', connection.grantId!)
      .executeTakeFirstOrThrow();
    const expired = { ...decryptTokens(h.runtime.ctx.tokenKey, grant.tokens!), expiresAt: Date.now() - 1000 };
    await db()
      .updateTable('oauth_grants')
      .set({ tokens: encryptTokens(h.runtime.ctx.tokenKey, expired) })
      .where('id', '=', connection.grantId!)
      .execute();

    h.driver.resetCalls();
    const contexts = await Promise.all(
      Array.from({ length: 50 }, () => apiContext(h.runtime.ctx, connection)),
    );
    expect(h.driver.callCount(h.driver.endpoints.token)).toBe(1);
    expect(new Set(contexts.map((c) => c.accessToken)).size).toBe(1);
    expect(contexts[0]!.accessToken).not.toBe(expired.accessToken);
  });

  it('marks a connection revoked at the platform for reconnection and stops working for it', async () => {
    const invoicesBefore = await invoiceCount();
    h.driver.revokeConnections();
    await expect(syncConnection(h.runtime.ctx, connectionId)).rejects.toMatchObject({
      code: 'reauth_required',
    });
    const connection = await findConnection(db(), connectionId);
    expect(connection?.status).toBe('needs_reauth');

    h.driver.resetCalls();
    expect(await syncConnection(h.runtime.ctx, connectionId)).toBeNull();
    expect(h.driver.callCount()).toBe(0);
    expect(await invoiceCount()).toBe(invoicesBefore);
  });
});
