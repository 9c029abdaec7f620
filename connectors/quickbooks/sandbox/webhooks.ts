// QuickBooks Online's webhooks, sent to the app's endpoint: changes to invoices, payments, credit
// memos and customers in every connected company, gathered over a short window into one POST, signed
// with `intuit-signature` = base64(HMAC-SHA256(verifier token, raw body)). Each target takes one of
// Intuit's two payloads:
//   legacy:      { eventNotifications: [{ realmId, dataChangeEvent: { entities: [{ name, id,
//                  operation, lastUpdated }] } }] }
//   cloudevents: [{ specversion: '1.0', id, source, type: 'qbo.invoice.updated.v1', datacontenttype,
//                  time, intuitentityid, intuitaccountid, data: {} }]
// Deliveries are not retried; each is recorded with the status it got, and can be replayed verbatim.
import { createHmac, randomUUID } from 'node:crypto';
import type { Change, Operation } from './ledger';

export type WebhookFormat = 'legacy' | 'cloudevents';

export interface WebhookTarget {
  url: string;
  /** The verifier token Intuit shows on the app's webhooks page. */
  key: string;
  /** Default 'cloudevents', the payload Intuit sends since its migration. */
  format?: WebhookFormat;
  /** How long changes are gathered before a payload goes out; default 50 ms. */
  batchMs?: number;
  /** How long the endpoint has to answer (Intuit allows 3 s); default 3000 ms. */
  deadlineMs?: number;
}

export interface WebhookDelivery {
  index: number;
  kind: 'events' | 'replay';
  replayOf?: number;
  url: string;
  format: WebhookFormat;
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

interface PendingEvent extends Change {
  realmId: string;
}

export const DEFAULT_BATCH_MS = 50;
export const DEFAULT_DEADLINE_MS = 3000;
/** The entities the sandbox announces; Intuit sends no webhooks for attachables. */
const ANNOUNCED = new Set(['Invoice', 'Payment', 'CreditMemo', 'Customer']);
const PAST: Record<Operation, string> = {
  Create: 'created',
  Update: 'updated',
  Delete: 'deleted',
  Void: 'voided',
};

export function signWebhook(verifierToken: string, body: string): string {
  return createHmac('sha256', verifierToken).update(body, 'utf8').digest('base64');
}

function legacyBody(events: PendingEvent[]): string {
  const realms = new Map<string, PendingEvent[]>();
  for (const event of events) realms.set(event.realmId, [...(realms.get(event.realmId) ?? []), event]);
  return JSON.stringify({
    eventNotifications: [...realms].map(([realmId, changes]) => ({
      realmId,
      dataChangeEvent: {
        entities: changes.map((c) => ({
          name: c.entity,
          id: c.id,
          operation: c.operation,
          lastUpdated: new Date(c.at).toISOString(),
        })),
      },
    })),
  });
}

function cloudEventsBody(events: PendingEvent[], source: string): string {
  return JSON.stringify(
    events.map((e) => ({
      specversion: '1.0',
      id: randomUUID(),
      source,
      type: `qbo.${e.entity.toLowerCase()}.${PAST[e.operation]}.v1`,
      datacontenttype: 'application/json',
      time: new Date(e.at).toISOString(),
      intuitentityid: e.id,
      intuitaccountid: e.realmId,
      data: {},
    })),
  );
}

export class WebhookDispatcher {
  private target: WebhookTarget | null = null;
  private pending: PendingEvent[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly deliveries: WebhookDelivery[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  /** Intuit names the app's subscription in `source`; the sandbox makes one up per dispatcher. */
  private readonly source = `intuit.${randomUUID().replace(/-/g, '')}`;

  constructor(private readonly clock: () => number) {}

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

  notify(realmId: string, change: Change): void {
    if (!this.target || !ANNOUNCED.has(change.entity)) return;
    this.pending.push({ ...change, realmId });
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

  async replay(index: number): Promise<WebhookDelivery> {
    const original = this.deliveries[index];
    if (!original) throw new RangeError(`No webhook delivery ${index}`);
    const { url, format, body, signature, eventCount } = original;
    const delivery = this.record({
      kind: 'replay',
      replayOf: index,
      url,
      format,
      body,
      signature,
      eventCount,
    });
    await this.track(this.post(delivery, this.target?.deadlineMs));
    return { ...delivery };
  }

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
    const format = target.format ?? 'cloudevents';
    const body = format === 'legacy' ? legacyBody(events) : cloudEventsBody(events, this.source);
    const delivery = this.record({
      kind: 'events',
      url: target.url,
      format,
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
        headers: { 'content-type': 'application/json', 'intuit-signature': delivery.signature },
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

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
