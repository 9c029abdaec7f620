// Xero's webhooks, sent to the app's registered endpoint: INVOICE, CONTACT and CREDITNOTE events
// (Xero has no payment events), gathered over a short window into one signed payload, as Xero batches
// them. The body is signed with HMAC-SHA256 under the webhook key and the signature sent, base64, as
// `x-xero-signature`. Deliveries are fire-and-forget, but each is recorded with the status it got, so
// a test can replay one verbatim, and the intent-to-receive check can be run on demand.
import { randomBytes } from 'node:crypto';
import {
  DEFAULT_BATCH_MS,
  signWebhook,
  WebhookOutbox,
  type OutboxDelivery,
  type OutboxTarget,
  type OutgoingDelivery,
} from '../../shared/sandbox/webhook-outbox';
import type { Change, Resource } from './books';

export { DEFAULT_BATCH_MS, signWebhook };

export interface WebhookTarget extends OutboxTarget {
  /** The webhook signing key Xero shows on the app's webhook page. */
  key: string;
  /** How long the endpoint has to answer (Xero allows 5 s); default 5000 ms. */
  deadlineMs?: number;
}

export interface WebhookDelivery extends OutboxDelivery {
  kind: 'events' | 'intent-to-receive' | 'replay';
}

export interface IntentToReceiveResult {
  /** Xero expects 200 here… */
  correctlySigned: number | null;
  /** …and 401 here. */
  badlySigned: number | null;
  passed: boolean;
}

interface WebhookEventJson {
  resourceUrl: string;
  resourceId: string;
  eventDateUtc: string;
  eventType: 'CREATE' | 'UPDATE';
  eventCategory: 'INVOICE' | 'CONTACT' | 'CREDITNOTE';
  tenantId: string;
  tenantType: 'ORGANISATION';
  data?: { Type: string; Status: string };
}

const CATEGORIES: Partial<Record<Resource, { category: WebhookEventJson['eventCategory']; path: string }>> = {
  invoice: { category: 'INVOICE', path: 'Invoices' },
  contact: { category: 'CONTACT', path: 'Contacts' },
  creditNote: { category: 'CREDITNOTE', path: 'CreditNotes' },
};

export const DEFAULT_DEADLINE_MS = 5000;

/** Xero's entropy: twenty random capital letters. */
function entropy(): string {
  return [...randomBytes(20)].map((byte) => String.fromCharCode(65 + (byte % 26))).join('');
}

/** `2025-12-02T00:44:09.923`: UTC, milliseconds, no zone, as in xero-webhooks.yaml. */
function eventDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 23);
}

export class WebhookDispatcher extends WebhookOutbox<WebhookEventJson, WebhookTarget, WebhookDelivery> {
  private lastSequence = 0;

  constructor(
    clock: () => number,
    private readonly tenantId: string,
    /** Where resourceUrl points: the API base the app reaches (`…/api.xro/2.0`). */
    private readonly apiBase: () => string,
  ) {
    super({ clock, signatureHeader: 'x-xero-signature', defaultDeadlineMs: DEFAULT_DEADLINE_MS });
  }

  notify(change: Change): void {
    const mapping = CATEGORIES[change.resource];
    if (!mapping) return;
    this.enqueue({
      resourceUrl: `${this.apiBase()}/${mapping.path}/${change.id}`,
      resourceId: change.id,
      eventDateUtc: eventDate(change.at),
      eventType: change.type,
      eventCategory: mapping.category,
      tenantId: this.tenantId,
      tenantType: 'ORGANISATION',
      ...(mapping.category === 'CREDITNOTE' && change.data ? { data: change.data } : {}),
    });
  }

  /**
   * Xero's check before it turns a webhook on: a correctly signed payload with no events (the
   * endpoint must answer 200), then one with a wrong signature (it must answer 401).
   */
  async intentToReceive(): Promise<IntentToReceiveResult> {
    const target = this.configured;
    if (!target) throw new Error('No webhook is registered: call setWebhook({ url, key }) first');
    const probe = async (key: string) => {
      const body = JSON.stringify({
        events: [],
        firstEventSequence: 0,
        lastEventSequence: 0,
        entropy: entropy(),
      });
      const delivery = await this.send({
        kind: 'intent-to-receive',
        url: target.url,
        body,
        signature: signWebhook(key, body),
        eventCount: 0,
      });
      return delivery.status;
    };
    const correctlySigned = await probe(target.key);
    const badlySigned = await probe(`${target.key}${randomBytes(8).toString('hex')}`);
    return { correctlySigned, badlySigned, passed: correctlySigned === 200 && badlySigned === 401 };
  }

  protected compose(events: WebhookEventJson[], target: WebhookTarget): OutgoingDelivery<WebhookDelivery> {
    const first = this.lastSequence + 1;
    this.lastSequence += events.length;
    const body = JSON.stringify({
      events,
      firstEventSequence: first,
      lastEventSequence: this.lastSequence,
      entropy: entropy(),
    });
    return {
      kind: 'events',
      url: target.url,
      body,
      signature: signWebhook(target.key, body),
      eventCount: events.length,
    };
  }
}
