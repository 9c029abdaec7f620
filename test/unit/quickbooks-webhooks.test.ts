import { createHmac } from 'node:crypto';
import { createQuickBooksWebhooks } from '../../connectors/quickbooks/webhooks';
import { ConnectorError } from '../../connectors/shared/errors';
import type { WebhookVerifier } from '../../connectors/types';

const VERIFIER = 'verifier-token-value';
const hooks = createQuickBooksWebhooks(VERIFIER) as WebhookVerifier;

function sign(body: Buffer): string {
  return createHmac('sha256', VERIFIER).update(body).digest('base64');
}

const legacy = Buffer.from(
  JSON.stringify({
    eventNotifications: [
      {
        realmId: '1185883450',
        dataChangeEvent: {
          entities: [
            { name: 'Invoice', id: '130', operation: 'Update', lastUpdated: '2026-11-24T10:00:00.000Z' },
            { name: 'Payment', id: '163', operation: 'Create', lastUpdated: '2026-11-24T10:00:01.000Z' },
            { name: 'Vendor', id: '9', operation: 'Create', lastUpdated: '2026-11-24T10:00:02.000Z' },
          ],
        },
      },
    ],
  }),
);

const cloud = Buffer.from(
  JSON.stringify([
    {
      specversion: '1.0',
      id: '88cd52fa-33a4-4d1e-8f5b-0a6b2a1d7e10',
      source: 'intuit.dsnBgbseACLLRZNxo2dfc4evmEJdxde58xeeYcZliOU=',
      type: 'qbo.customer.deleted.v1',
      datacontenttype: 'application/json',
      time: '2026-11-24T10:00:00.000Z',
      intuitentityid: '58',
      intuitaccountid: '310687',
      data: {},
    },
    {
      specversion: '1.0',
      id: 'f1b0c7a2-1d3c-4b8e-9f3a-2c4d5e6f7a8b',
      type: 'qbo.creditmemo.voided.v1',
      time: '2026-11-24T10:00:00.000Z',
      intuitentityid: '73',
      intuitaccountid: '310687',
    },
  ]),
);

it('accepts the signature over the exact bytes, and nothing else', () => {
  expect(hooks.verify(legacy, { 'intuit-signature': sign(legacy) })).toBe(true);
  expect(hooks.verify(legacy, { 'Intuit-Signature': sign(cloud) })).toBe(false);
  expect(hooks.verify(legacy, {})).toBe(false);
  expect(hooks.verify(Buffer.concat([legacy, Buffer.from(' ')]), { 'intuit-signature': sign(legacy) })).toBe(
    false,
  );
});

it('reads the legacy payload: invoices and payments, other entities passed over, replays with the same id', () => {
  const events = hooks.parse(legacy);
  expect(
    events.map(({ tenantId, kind, externalId, operation }) => ({ tenantId, kind, externalId, operation })),
  ).toEqual([
    { tenantId: '1185883450', kind: 'invoices', externalId: '130', operation: 'Update' },
    { tenantId: '1185883450', kind: 'payments', externalId: '163', operation: 'Create' },
  ]);
  expect(hooks.parse(legacy)[0]?.eventId).toBe(events[0]?.eventId);
});

it('reads CloudEvents: the account is the company, the entity id the record', () => {
  expect(hooks.parse(cloud)).toEqual([
    {
      eventId: '88cd52fa-33a4-4d1e-8f5b-0a6b2a1d7e10',
      tenantId: '310687',
      kind: 'contacts',
      externalId: '58',
      operation: 'Delete',
    },
    {
      eventId: 'f1b0c7a2-1d3c-4b8e-9f3a-2c4d5e6f7a8b',
      tenantId: '310687',
      kind: 'credits',
      externalId: '73',
      operation: 'Void',
    },
  ]);
});

it('a malformed delivery names what was wrong', () => {
  const bad = Buffer.from(
    JSON.stringify([{ id: 'x', type: 'qbo.invoice.updated.v1', intuitaccountid: '1' }]),
  );
  let caught: unknown;
  try {
    hooks.parse(bad);
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(ConnectorError);
  expect((caught as ConnectorError).code).toBe('malformed_payload');
  expect((caught as ConnectorError).message).toContain('intuitentityid');
  expect(() => hooks.parse(Buffer.from('{"eventNotifications": "no"}'))).toThrow(/eventNotifications/);
});

it('no verifier configured: no webhooks', () => {
  expect(createQuickBooksWebhooks(undefined)).toBeNull();
});
