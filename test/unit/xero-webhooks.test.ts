import { createHmac } from 'node:crypto';
import { isConnectorError } from '../../connectors/shared/errors';
import type { WebhookVerifier } from '../../connectors/types';
import { createXeroConnector } from '../../connectors/xero';
import { config } from '../fixtures/xero/api';
import { asArray, dig, webhooksSpec } from '../fixtures/xero/spec-examples';

const KEY = 'webhook-signing-key-from-the-developer-portal';

function verifier(): WebhookVerifier {
  const webhooks = createXeroConnector({ ...config, webhookKey: KEY }).webhooks;
  if (webhooks === null) throw new Error('expected a webhook verifier');
  return webhooks;
}

function sign(body: Buffer, key = KEY): string {
  return createHmac('sha256', key).update(body).digest('base64');
}

const contactDelivery = webhooksSpec(
  'components',
  'responses',
  '200WebhookDataReceivedOk',
  'content',
  'application/json',
  'schema',
  'example',
);
const creditNoteDelivery = webhooksSpec(
  'webhooks',
  'creditNotes',
  'post',
  'requestBody',
  'content',
  'application/json',
  'examples',
  'creditNoteCreate',
  'value',
);
const [contactEvent] = asArray(dig(contactDelivery, 'events'));
const [creditNoteEvent] = asArray(dig(creditNoteDelivery, 'events'));

function body(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value), 'utf8');
}

function caught(run: () => unknown): Error {
  try {
    run();
  } catch (err) {
    if (err instanceof Error) return err;
  }
  throw new Error('expected a failure');
}

describe('Xero webhook signatures', () => {
  const raw = body(contactDelivery);

  it('are only checked when a webhook key is configured', () => {
    expect(createXeroConnector(config).webhooks).toBeNull();
    expect(createXeroConnector({ ...config, webhookKey: '' }).webhooks).toBeNull();
    expect(verifier()).not.toBeNull();
  });

  it('accept the base64 HMAC-SHA256 of the exact bytes, whatever the header’s case', () => {
    expect(verifier().verify(raw, { 'x-xero-signature': sign(raw) })).toBe(true);
    expect(verifier().verify(raw, { 'X-Xero-Signature': sign(raw) })).toBe(true);
  });

  it('refuse the same JSON with other bytes, another key, or a signature of another length', () => {
    const reformatted = Buffer.from(JSON.stringify(contactDelivery, null, 2), 'utf8');
    expect(verifier().verify(reformatted, { 'x-xero-signature': sign(raw) })).toBe(false);
    expect(verifier().verify(raw, { 'x-xero-signature': sign(raw, 'another-key') })).toBe(false);
    expect(verifier().verify(raw, { 'x-xero-signature': sign(raw).slice(0, -2) })).toBe(false);
    expect(verifier().verify(raw, { 'x-xero-signature': `${sign(raw)}==` })).toBe(false);
  });

  it('refuse a missing, empty or repeated header without throwing', () => {
    expect(verifier().verify(raw, {})).toBe(false);
    expect(verifier().verify(raw, { 'x-xero-signature': undefined })).toBe(false);
    expect(verifier().verify(raw, { 'x-xero-signature': '' })).toBe(false);
    expect(verifier().verify(raw, { 'x-xero-signature': [sign(raw), sign(raw)] })).toBe(false);
    expect(verifier().verify(raw, { 'x-xero-signature': 'ünïcödé' })).toBe(false);
  });

  it('refuse the intent-to-receive probe when it is signed with something else', () => {
    const probe = body({ events: [], firstEventSequence: 0, lastEventSequence: 0, entropy: 'ABCDEFGHIJ' });
    expect(
      verifier().verify(probe, { 'x-xero-signature': 'bm90IHRoZSBzaWduYXR1cmUgYXQgYWxsIG5vIHNpcg==' }),
    ).toBe(false);
    expect(verifier().verify(probe, { 'x-xero-signature': sign(probe) })).toBe(true);
  });
});

describe('Xero webhook deliveries', () => {
  it('turn the spec’s contact event into a contact to re-fetch', () => {
    const [event, ...rest] = verifier().parse(body(contactDelivery));
    expect(rest).toEqual([]);
    expect(event).toEqual({
      eventId: expect.stringMatching(/^[0-9a-f]{64}$/),
      tenantId: 'c2cc9b6e-9458-4c7d-93cc-f02b81b0594f',
      kind: 'contacts',
      externalId: '717f2bfc-c6d4-41fd-b238-3f2f0c0cf777',
      operation: 'UPDATE',
    });
  });

  it('map INVOICE, CONTACT and CREDITNOTE; pass over supplier credit notes and categories Xero adds', () => {
    const creditEvent = creditNoteEvent as object;
    const delivery = {
      ...(creditNoteDelivery as object),
      events: [
        creditEvent, // the spec's example is a supplier's draft credit note: not ours to collect
        { ...creditEvent, data: { Type: 'ACCRECCREDIT', Status: 'AUTHORISED' } },
        {
          ...creditEvent,
          eventCategory: 'INVOICE',
          resourceId: '0b5f2c4e-1a2b-4c3d-8e9f-000000000001',
          eventType: 'UPDATE',
          data: undefined,
        },
        { eventCategory: 'SUBSCRIPTION', tenantType: 'APPLICATION', somethingNew: true },
        { ...creditEvent, eventCategory: 'PAYROLLEMPLOYEE' },
      ],
    };
    expect(
      verifier()
        .parse(body(delivery))
        .map((e) => [e.kind, e.externalId, e.operation]),
    ).toEqual([
      ['credits', '55d84274-a3da-4829-a7c0-0cab601b95cc', 'CREATE'],
      ['invoices', '0b5f2c4e-1a2b-4c3d-8e9f-000000000001', 'UPDATE'],
    ]);
  });

  it('give a replayed event the same id, and another change of the same record another', () => {
    const first = verifier().parse(body(contactDelivery));
    const replay = verifier().parse(body({ ...(contactDelivery as object), entropy: 'ANOTHERDELIVERY' }));
    expect(replay.map((e) => e.eventId)).toEqual(first.map((e) => e.eventId));

    const event = contactEvent as object;
    const later = verifier().parse(
      body({
        ...(contactDelivery as object),
        events: [{ ...event, eventDateUtc: '2024-06-21T01:16:00.000' }],
      }),
    );
    expect(later[0]?.eventId).not.toBe(first[0]?.eventId);
  });

  it('read the intent-to-receive probe as no events at all', () => {
    // As Xero's documentation shows it: sequences of 0, below the spec's minimum of 1.
    const probe = { events: [], lastEventSequence: 0, firstEventSequence: 0, entropy: 'S0m3r4Nd0mt3xt' };
    expect(verifier().parse(body(probe))).toEqual([]);
  });

  it('refuse a malformed body, naming what was wrong', () => {
    const notJson = caught(() => verifier().parse(Buffer.from('{"events": [', 'utf8')));
    expect(isConnectorError(notJson, 'malformed_payload')).toBe(true);
    expect(notJson.message).toBe('Xero webhook: body is not JSON');

    const noEntropy = caught(() =>
      verifier().parse(body({ events: [], firstEventSequence: 1, lastEventSequence: 1 })),
    );
    expect(isConnectorError(noEntropy, 'malformed_payload')).toBe(true);
    expect(noEntropy.message).toBe('Xero webhook: entropy: expected string, received undefined');

    const event = contactEvent as object;
    const badId = caught(() =>
      verifier().parse(
        body({ ...(contactDelivery as object), events: [event, { ...event, resourceId: 'CONTACT-1' }] }),
      ),
    );
    expect(isConnectorError(badId, 'malformed_payload')).toBe(true);
    expect(badId.message).toBe(
      'Xero webhook: event 2: resourceId: expected a Xero id (GUID), received "CONTACT-1"',
    );
  });
});
