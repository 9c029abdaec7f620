// How the Xero side behaves when the platform misbehaves: rate limits, revoked access, malformed pages,
// forged and replayed webhooks, and a crowd of callers needing a fresh token at once.
import { createHmac } from 'node:crypto';
import { toMinor } from '../../connectors/shared/money';
import { encryptTokens, decryptTokens } from '../../connectors/shared/token-cipher';
import { apiContext } from '../../src/services/connection-tokens';
import { refetchChanged } from '../../src/services/sync/refetch-changed';
import { syncConnection } from '../../src/services/sync/sync-connection';
import { findConnection } from '../../src/db/repositories/connections';
import { connectSandbox } from '../support/connect';
import { startHarness, type Harness } from '../support/harness';

const WEBHOOK_KEY = 'test-webhook-signing-key';

let h: Harness;
let connectionId: string;

beforeAll(async () => {
  h = await startHarness({ webhookKey: WEBHOOK_KEY, sandbox: { limits: false } });
  connectionId = (await connectSandbox(h.runtime.ctx)).connectionIds[0]!;
  await syncConnection(h.runtime.ctx, connectionId);
});
afterAll(() => h.close());

const db = () => h.runtime.ctx.db;
const invoiceCount = async () => (await db().selectFrom('invoices').select('id').execute()).length;
const openInvoice = () =>
  h.sandbox.store.invoices().find((i) => i.Type === 'ACCREC' && i.Status === 'AUTHORISED')!;

/** Our copy of the invoice says exactly what Xero says is still due. */
async function expectAmountDueAsXeroHasIt(invoiceId: string) {
  const ours = await db()
    .selectFrom('invoices')
    .select(['platform_amount_due', 'currency'])
    .where('external_id', '=', invoiceId)
    .executeTakeFirstOrThrow();
  expect(ours.platform_amount_due).toBe(
    toMinor(h.sandbox.store.invoice(invoiceId)!.AmountDue, ours.currency),
  );
}

const invoiceCursor = () =>
  db().selectFrom('sync_cursors').selectAll().where('resource', '=', 'invoices').executeTakeFirst();

function sign(body: string, key = WEBHOOK_KEY) {
  return createHmac('sha256', key).update(body).digest('base64');
}

function webhookBody(invoiceId: string) {
  return JSON.stringify({
    events: [
      {
        resourceUrl: `${h.sandbox.url}/api.xro/2.0/Invoices/${invoiceId}`,
        resourceId: invoiceId,
        eventDateUtc: new Date().toISOString(),
        eventType: 'UPDATE',
        eventCategory: 'INVOICE',
        tenantId: h.sandbox.tenantId,
        tenantType: 'ORGANISATION',
      },
    ],
    firstEventSequence: 1,
    lastEventSequence: 1,
    entropy: 'ABCDEFGHIJ',
  });
}

async function deliver(body: string, signature: string) {
  return fetch(`${h.baseUrl}/webhooks/xero`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-xero-signature': signature },
    body,
  });
}

it('slows down on a burst of 429s but loses nothing', async () => {
  const invoice = openInvoice();
  h.sandbox.store.recordPayment({ invoiceId: invoice.InvoiceID, amount: '1.00' });
  h.sandbox.store.injectFaults({ kind: '429', count: 3, retryAfterSeconds: 1, endpoint: 'GET /Invoices' });
  const summary = await syncConnection(h.runtime.ctx, connectionId);
  expect(summary?.records.invoices).toBeGreaterThanOrEqual(1);
  await expectAmountDueAsXeroHasIt(invoice.InvoiceID);
});

it('fails a sync on a malformed page with an error naming the record, keeping what was stored', async () => {
  const before = await db().selectFrom('invoices').selectAll().orderBy('external_id').execute();
  const cursorBefore = await invoiceCursor();
  const invoice = openInvoice();
  h.sandbox.store.recordPayment({ invoiceId: invoice.InvoiceID, amount: '1.00' });
  h.sandbox.store.injectFaults({ kind: 'malformed', count: 1, endpoint: 'GET /Invoices' });

  await expect(syncConnection(h.runtime.ctx, connectionId)).rejects.toMatchObject({
    code: 'malformed_payload',
    message: expect.stringMatching(/Invoices.*record/i),
  });
  // The payment pages before the bad one are kept and only flag their invoices for reconciliation;
  // nothing the invoices say changed.
  const withoutFlag = (rows: typeof before) => rows.map(({ needs_reconcile: _, ...rest }) => rest);
  const after = await db().selectFrom('invoices').selectAll().orderBy('external_id').execute();
  expect(withoutFlag(after)).toEqual(withoutFlag(before));
  expect(after.find((i) => i.external_id === invoice.InvoiceID)?.needs_reconcile).toBe(true);
  const cursorAfter = await invoiceCursor();
  expect(cursorAfter?.modified_since).toEqual(cursorBefore?.modified_since);

  // Once the platform answers properly again, the change arrives.
  await syncConnection(h.runtime.ctx, connectionId);
  await expectAmountDueAsXeroHasIt(invoice.InvoiceID);
});

it('refuses a forged webhook and changes nothing', async () => {
  const body = webhookBody(openInvoice().InvoiceID);
  const forged = await deliver(body, sign(body, 'not-the-key'));
  expect(forged.status).toBe(401);
  expect(await forged.text()).toBe('');
  const unsigned = await fetch(`${h.baseUrl}/webhooks/xero`, { method: 'POST', body });
  expect(unsigned.status).toBe(401);
  expect(await db().selectFrom('pending_refetch').selectAll().execute()).toEqual([]);
});

it('answers the intent-to-receive handshake', async () => {
  const body = JSON.stringify({ events: [], firstEventSequence: 0, lastEventSequence: 0, entropy: 'XYZ' });
  expect((await deliver(body, sign(body))).status).toBe(200);
  expect((await deliver(body, sign(body, 'wrong'))).status).toBe(401);
});

it('turns a webhook into one targeted re-fetch, and a replay into none', async () => {
  const invoice = openInvoice();
  h.sandbox.store.recordPayment({ invoiceId: invoice.InvoiceID, amount: '2.00' });
  const body = webhookBody(invoice.InvoiceID);
  const first = await deliver(body, sign(body));
  expect(first.status).toBe(200);
  expect(await first.text()).toBe('');
  expect((await deliver(body, sign(body))).status).toBe(200); // Xero redelivers; the replay is harmless
  const pending = await db().selectFrom('pending_refetch').select(['kind', 'external_id']).execute();
  expect(pending).toEqual([{ kind: 'invoices', external_id: invoice.InvoiceID }]);

  h.sandbox.store.resetCalls();
  const summary = await refetchChanged(h.runtime.ctx, connectionId);
  expect(summary?.fetched.invoices).toBe(1);
  expect(h.sandbox.store.calls['GET /Invoices']).toBe(1);
  await expectAmountDueAsXeroHasIt(invoice.InvoiceID);

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

  h.sandbox.store.resetCalls();
  const contexts = await Promise.all(Array.from({ length: 50 }, () => apiContext(h.runtime.ctx, connection)));
  expect(h.sandbox.store.calls['POST /connect/token']).toBe(1);
  expect(new Set(contexts.map((c) => c.accessToken)).size).toBe(1);
  expect(contexts[0]!.accessToken).not.toBe(expired.accessToken);
});

it('marks a connection revoked at Xero for reconnection and stops working for it', async () => {
  const invoicesBefore = await invoiceCount();
  h.sandbox.store.revokeConnections();
  await expect(syncConnection(h.runtime.ctx, connectionId)).rejects.toMatchObject({
    code: 'reauth_required',
  });
  const connection = await findConnection(db(), connectionId);
  expect(connection?.status).toBe('needs_reauth');

  h.sandbox.store.resetCalls();
  expect(await syncConnection(h.runtime.ctx, connectionId)).toBeNull();
  expect(Object.values(h.sandbox.store.calls).reduce((a, b) => a + b, 0)).toBe(0);
  expect(await invoiceCount()).toBe(invoicesBefore);
});
