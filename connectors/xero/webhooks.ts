// Xero webhooks say which invoice, contact or credit note changed in which organisation, never how:
// each event becomes a request for a targeted re-fetch. The signature is a base64 HMAC-SHA256 of the
// exact bytes received, keyed with the app's webhook key. Xero's "intent to receive" probe (empty
// events, sequences 0) checks exactly that: 200 for a correctly signed delivery, 401 for any other.
import { derivedEventId, hmacSignatureMatches, webhookJson } from '../shared/webhook-body';
import type { ChangedIds, WebhookEvent, WebhookVerifier } from '../types';
import { describeZodError, malformed } from './errors';
import { webhookDelivery, webhookEvent, webhookEventCategory, type RawWebhookEvent } from './schemas';

const SIGNATURE_HEADER = 'x-xero-signature';
const WHAT = 'Xero webhook';

/** The categories we subscribe to; Xero adds others (SUBSCRIPTION…), which are passed over. */
const KIND_OF_CATEGORY = new Map<string, keyof ChangedIds>([
  ['INVOICE', 'invoices'],
  ['CONTACT', 'contacts'],
  ['CREDITNOTE', 'credits'],
]);

type Headers = Record<string, string | string[] | undefined>;

/** One value of a header, whatever its case; a repeated header counts as none. */
function singleHeader(headers: Headers, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    if (typeof value === 'string') return value;
    return Array.isArray(value) && value.length === 1 ? value[0] : undefined;
  }
  return undefined;
}

export function signatureMatches(
  webhookKey: string,
  rawBody: Buffer,
  signature: string | undefined,
): boolean {
  return hmacSignatureMatches(webhookKey, rawBody, signature);
}

/**
 * Xero gives an event no id of its own, and a redelivery repeats the same events; hashing what
 * identifies the change gives a replay the same id, so it does no harm downstream.
 */
export function xeroEventId(
  event: Pick<RawWebhookEvent, 'tenantId' | 'eventCategory' | 'resourceId' | 'eventDateUtc'>,
): string {
  return derivedEventId([event.tenantId, event.eventCategory, event.resourceId, event.eventDateUtc]);
}

function toEvent(raw: unknown, index: number): WebhookEvent | null {
  const category = webhookEventCategory.safeParse(raw, { reportInput: true });
  if (!category.success) throw malformed(WHAT, `event ${index + 1}: ${describeZodError(category.error)}`);
  const kind = KIND_OF_CATEGORY.get(category.data.eventCategory);
  if (kind === undefined) return null;

  const parsed = webhookEvent.safeParse(raw, { reportInput: true });
  if (!parsed.success) throw malformed(WHAT, `event ${index + 1}: ${describeZodError(parsed.error)}`);
  const event = parsed.data;
  // A supplier's credit note is not credit a customer holds; fetching it would only spend quota.
  if (kind === 'credits' && event.data?.Type === 'ACCPAYCREDIT') return null;
  return {
    eventId: xeroEventId(event),
    tenantId: event.tenantId,
    kind,
    externalId: event.resourceId,
    operation: event.eventType,
  };
}

export function parseDelivery(rawBody: Buffer): WebhookEvent[] {
  const delivery = webhookDelivery.safeParse(webhookJson(rawBody, WHAT), { reportInput: true });
  if (!delivery.success) throw malformed(WHAT, describeZodError(delivery.error));
  return delivery.data.events.flatMap((raw, index) => toEvent(raw, index) ?? []);
}

/** Null when no webhook key is configured: then there is nothing to verify deliveries against. */
export function createXeroWebhooks(webhookKey: string | undefined): WebhookVerifier | null {
  if (webhookKey === undefined || webhookKey === '') return null;
  return {
    verify: (rawBody, headers) =>
      signatureMatches(webhookKey, rawBody, singleHeader(headers, SIGNATURE_HEADER)),
    parse: parseDelivery,
  };
}
