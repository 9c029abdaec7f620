// QuickBooks webhooks say which entity changed in which company, never how: each event becomes a request
// for a targeted re-fetch. The `intuit-signature` header is a base64 HMAC-SHA256 of the exact bytes
// received, keyed with the app's verifier token. Intuit sends two payloads: the legacy
// `eventNotifications` one and CloudEvents (a JSON array); both are read.
import { z } from 'zod';
import { describeZodError, malformed } from '../shared/payload-errors';
import { derivedEventId, hmacSignatureMatches, webhookJson } from '../shared/webhook-body';
import type { ChangedIds, WebhookEvent, WebhookVerifier } from '../types';

const SIGNATURE_HEADER = 'intuit-signature';
const WHAT = 'QuickBooks webhook';

/** The entities we subscribe to; Intuit sends others too (Bill, Vendor…), which are passed over. */
const KIND_OF_ENTITY = new Map<string, keyof ChangedIds>([
  ['invoice', 'invoices'],
  ['customer', 'contacts'],
  ['creditmemo', 'credits'],
  ['payment', 'payments'],
]);

const legacyEntity = z.object({
  name: z.string().min(1),
  id: z.string().min(1),
  operation: z.string().min(1),
  lastUpdated: z.string().optional(),
});
const legacyDelivery = z.object({
  eventNotifications: z.array(
    z.object({
      realmId: z.string().min(1),
      dataChangeEvent: z.object({ entities: z.array(legacyEntity) }),
    }),
  ),
});
const cloudEvent = z.object({
  id: z.string().min(1),
  type: z.string().regex(/^qbo\.[a-z]+\.[a-z]+\.v\d+$/i, 'expected a type like qbo.invoice.updated.v1'),
  intuitaccountid: z.string().min(1),
  intuitentityid: z.string().min(1),
});
const cloudDelivery = z.array(z.unknown());

type Headers = Record<string, string | string[] | undefined>;

function singleHeader(headers: Headers, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    if (typeof value === 'string') return value;
    return Array.isArray(value) && value.length === 1 ? value[0] : undefined;
  }
  return undefined;
}

export function signatureMatches(verifier: string, rawBody: Buffer, signature: string | undefined): boolean {
  return hmacSignatureMatches(verifier, rawBody, signature);
}

/** The legacy payload gives an event no id; hashing what identifies the change gives a replay the same. */
function legacyEventId(realmId: string, entity: z.infer<typeof legacyEntity>): string {
  return derivedEventId([realmId, entity.name, entity.id, entity.operation, entity.lastUpdated ?? null]);
}

function parseLegacy(body: unknown): WebhookEvent[] {
  const delivery = legacyDelivery.safeParse(body, { reportInput: true });
  if (!delivery.success) throw malformed(WHAT, describeZodError(delivery.error));
  return delivery.data.eventNotifications.flatMap((notification) =>
    notification.dataChangeEvent.entities.flatMap((entity) => {
      const kind = KIND_OF_ENTITY.get(entity.name.toLowerCase());
      if (kind === undefined) return [];
      return [
        {
          eventId: legacyEventId(notification.realmId, entity),
          tenantId: notification.realmId,
          kind,
          externalId: entity.id,
          operation: entity.operation,
        },
      ];
    }),
  );
}

const OPERATIONS: Record<string, string> = {
  created: 'Create',
  updated: 'Update',
  deleted: 'Delete',
  voided: 'Void',
  merged: 'Merge',
};

/** `qbo.invoice.updated.v1` -> `Update`, as the legacy payload spells operations. */
function operationOf(type: string): string {
  const verb = type.split('.')[2]?.toLowerCase() ?? '';
  return OPERATIONS[verb] ?? verb;
}

function parseCloudEvents(body: unknown[]): WebhookEvent[] {
  return body.flatMap((raw, index) => {
    const parsed = cloudEvent.safeParse(raw, { reportInput: true });
    if (!parsed.success) throw malformed(WHAT, `event ${index + 1}: ${describeZodError(parsed.error)}`);
    const event = parsed.data;
    const kind = KIND_OF_ENTITY.get(event.type.split('.')[1]?.toLowerCase() ?? '');
    if (kind === undefined) return [];
    return [
      {
        eventId: event.id,
        tenantId: event.intuitaccountid,
        kind,
        externalId: event.intuitentityid,
        operation: operationOf(event.type),
      },
    ];
  });
}

export function parseDelivery(rawBody: Buffer): WebhookEvent[] {
  const body = webhookJson(rawBody, WHAT);
  const cloud = cloudDelivery.safeParse(body);
  return cloud.success ? parseCloudEvents(cloud.data) : parseLegacy(body);
}

/** Null when no verifier token is configured: then there is nothing to verify deliveries against. */
export function createQuickBooksWebhooks(verifier: string | undefined): WebhookVerifier | null {
  if (verifier === undefined || verifier === '') return null;
  return {
    verify: (rawBody, headers) =>
      signatureMatches(verifier, rawBody, singleHeader(headers, SIGNATURE_HEADER)),
    parse: parseDelivery,
  };
}
