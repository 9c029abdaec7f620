// Xero's webhooks, sent to the app's registered endpoint: INVOICE, CONTACT and CREDITNOTE events
// (Xero has no payment events), gathered over a short window into one signed payload, as Xero batches
// them. The body is signed with HMAC-SHA256 under the webhook key and the signature sent, base64, as
// `x-xero-signature`. Deliveries are fire-and-forget, but each is recorded with the status it got, so
// a test can replay one verbatim, and the intent-to-receive check can be run on demand.
import { createHmac, randomBytes } from 'node:crypto';
import type { Change, Resource } from './books';

export interface WebhookTarget {
  url: string;
  /** The webhook signing key Xero shows on the app's webhook page. */
  key: string;
  /** How long events are gathered before a payload goes out; default 50 ms. */
  batchMs?: number;
  /** How long the endpoint has to answer (Xero allows 5 s); default 5000 ms. */
  deadlineMs?: number;
}

export interface WebhookDelivery {
  /** Its position in `webhookDeliveries()`. */
  index: number;
  kind: 'events' | 'intent-to-receive' | 'replay';
  /** For a replay, the delivery it repeated. */
  replayOf?: number;
  url: string;
  /** The raw body, exactly as sent. */
  body: string;
  signature: string;
  eventCount: number;
  /** Sandbox clock, epoch ms. */
  sentAt: number;
  /** The endpoint's status code; null while in flight, or when no answer came. */
  status: number | null;
  error?: string;
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

export const DEFAULT_BATCH_MS = 50;
export const DEFAULT_DEADLINE_MS = 5000;

export function signWebhook(key: string, body: string): string {
  return createHmac('sha256', key).update(body, 'utf8').digest('base64');
}

/** Xero's entropy: twenty random capital letters. */
function entropy(): string {
  return [...randomBytes(20)].map((byte) => String.fromCharCode(65 + (byte % 26))).join('');
}

/** `2025-12-02T00:44:09.923`: UTC, milliseconds, no zone, as in xero-webhooks.yaml. */
function eventDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 23);
}

export class WebhookDispatcher {
  private target: WebhookTarget | null = null;
  private pending: WebhookEventJson[] = [];
  private timer: NodeJS.Timeout | null = null;
  private lastSequence = 0;
  private readonly deliveries: WebhookDelivery[] = [];
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly clock: () => number,
    private readonly tenantId: string,
    /** Where resourceUrl points: the API base the app reaches (`…/api.xro/2.0`). */
    private readonly apiBase: () => string,
  ) {}

  configure(target: WebhookTarget | null): void {
    this.target = target ? { ...target } : null;
    if (!target) {
      this.pending = [];
      this.clearTimer();
    }
  }

  get configured(): WebhookTarget | null {
    return this.target ? { ...this.target } : null;
  }

  notify(change: Change): void {
    const mapping = CATEGORIES[change.resource];
    if (!mapping || !this.target) return;
    this.pending.push({
      resourceUrl: `${this.apiBase()}/${mapping.path}/${change.id}`,
      resourceId: change.id,
      eventDateUtc: eventDate(change.at),
      eventType: change.type,
      eventCategory: mapping.category,
      tenantId: this.tenantId,
      tenantType: 'ORGANISATION',
      ...(mapping.category === 'CREDITNOTE' && change.data ? { data: change.data } : {}),
    });
    if (!this.timer) {
      this.timer = setTimeout(() => this.sendPending(), this.target.batchMs ?? DEFAULT_BATCH_MS);
      this.timer.unref();
    }
  }

  /** Sends what is waiting now, and resolves when every delivery under way has its answer. */
  async flush(): Promise<void> {
    this.sendPending();
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  list(): WebhookDelivery[] {
    return this.deliveries.map((d) => ({ ...d }));
  }

  /** Sends a recorded delivery again, body and signature byte for byte. */
  async replay(index: number): Promise<WebhookDelivery> {
    const original = this.deliveries[index];
    if (!original) throw new RangeError(`No webhook delivery ${index}`);
    const delivery = this.record({
      kind: 'replay',
      replayOf: index,
      url: original.url,
      body: original.body,
      signature: original.signature,
      eventCount: original.eventCount,
    });
    await this.track(this.post(delivery, this.target?.deadlineMs));
    return { ...delivery };
  }

  /**
   * Xero's check before it turns a webhook on: a correctly signed payload with no events (the
   * endpoint must answer 200), then one with a wrong signature (it must answer 401).
   */
  async intentToReceive(): Promise<IntentToReceiveResult> {
    const target = this.requireTarget();
    const probe = (key: string) => {
      const body = JSON.stringify({
        events: [],
        firstEventSequence: 0,
        lastEventSequence: 0,
        entropy: entropy(),
      });
      const delivery = this.record({
        kind: 'intent-to-receive',
        url: target.url,
        body,
        signature: signWebhook(key, body),
        eventCount: 0,
      });
      return this.track(this.post(delivery, target.deadlineMs)).then(() => delivery.status);
    };
    const correctlySigned = await probe(target.key);
    const badlySigned = await probe(`${target.key}${randomBytes(8).toString('hex')}`);
    return { correctlySigned, badlySigned, passed: correctlySigned === 200 && badlySigned === 401 };
  }

  /** Stops the batch timer; events not yet sent are dropped, as when a server goes away. */
  dispose(): void {
    this.clearTimer();
    this.pending = [];
  }

  private sendPending(): void {
    this.clearTimer();
    const target = this.target;
    if (!target || this.pending.length === 0) return;
    const events = this.pending;
    this.pending = [];
    const first = this.lastSequence + 1;
    this.lastSequence += events.length;
    const body = JSON.stringify({
      events,
      firstEventSequence: first,
      lastEventSequence: this.lastSequence,
      entropy: entropy(),
    });
    const delivery = this.record({
      kind: 'events',
      url: target.url,
      body,
      signature: signWebhook(target.key, body),
      eventCount: events.length,
    });
    void this.track(this.post(delivery, target.deadlineMs));
  }

  private record(fields: Omit<WebhookDelivery, 'index' | 'sentAt' | 'status'>): WebhookDelivery {
    const delivery: WebhookDelivery = {
      ...fields,
      index: this.deliveries.length,
      sentAt: this.clock(),
      status: null,
    };
    this.deliveries.push(delivery);
    return delivery;
  }

  private async post(delivery: WebhookDelivery, deadlineMs: number | undefined): Promise<void> {
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-xero-signature': delivery.signature },
        body: delivery.body,
        signal: AbortSignal.timeout(deadlineMs ?? DEFAULT_DEADLINE_MS),
      });
      delivery.status = response.status;
      await response.arrayBuffer().catch(() => undefined);
    } catch (err) {
      delivery.error = err instanceof Error ? err.message : String(err);
    }
  }

  private track(work: Promise<void>): Promise<void> {
    this.inFlight.add(work);
    return work.finally(() => this.inFlight.delete(work));
  }

  private requireTarget(): WebhookTarget {
    if (!this.target) throw new Error('No webhook is registered: call setWebhook({ url, key }) first');
    return this.target;
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
