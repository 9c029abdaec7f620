// The sending side of both sandboxes' webhooks: events gathered over a short window into one POST,
// signed with HMAC-SHA256 of the raw body under the app's key (base64, in the platform's header), sent
// fire-and-forget but each recorded with the status it got, so a test can replay one verbatim and
// wait for every delivery under way. What a payload looks like is the platform's to say.
import { createHmac } from 'node:crypto';

export interface OutboxTarget {
  url: string;
  /** The signing key (Xero's webhook key, Intuit's verifier token). */
  key: string;
  /** How long events are gathered before a payload goes out; default 50 ms. */
  batchMs?: number;
  /** How long the endpoint has to answer. */
  deadlineMs?: number;
}

export interface OutboxDelivery {
  /** Its position in the list of deliveries. */
  index: number;
  kind: string;
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

/** A delivery before it is recorded: what the platform decides. */
export type OutgoingDelivery<D extends OutboxDelivery> = Omit<D, 'index' | 'sentAt' | 'status' | 'error'>;

export const DEFAULT_BATCH_MS = 50;

export function signWebhook(key: string, body: string): string {
  return createHmac('sha256', key).update(body, 'utf8').digest('base64');
}

export interface OutboxOptions {
  clock: () => number;
  /** The header the signature travels in. */
  signatureHeader: string;
  defaultDeadlineMs: number;
}

export abstract class WebhookOutbox<E, T extends OutboxTarget, D extends OutboxDelivery> {
  private target: T | null = null;
  private pending: E[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly deliveries: D[] = [];
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly options: OutboxOptions) {}

  /** The delivery of a batch of events to the target (kind 'events'). */
  protected abstract compose(events: E[], target: T): OutgoingDelivery<D>;

  configure(target: T | null): void {
    this.target = target ? { ...target } : null;
    if (!target) {
      this.pending = [];
      this.clearTimer();
    }
  }

  get configured(): T | null {
    return this.target ? { ...this.target } : null;
  }

  /** Adds an event to the batch being gathered; nothing happens without a target. */
  protected enqueue(event: E): void {
    if (!this.target) return;
    this.pending.push(event);
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

  list(): D[] {
    return this.deliveries.map((d) => ({ ...d }));
  }

  /** Sends a recorded delivery again, body and signature byte for byte. */
  async replay(index: number): Promise<D> {
    const original = this.deliveries[index];
    if (!original) throw new RangeError(`No webhook delivery ${index}`);
    const { index: _index, sentAt: _sentAt, status: _status, error: _error, ...copied } = original;
    return this.send({ ...copied, kind: 'replay', replayOf: index } as unknown as OutgoingDelivery<D>);
  }

  /** Records and posts one delivery; resolves with it once the endpoint has answered (or not). */
  async send(outgoing: OutgoingDelivery<D>): Promise<D> {
    const delivery = this.record(outgoing);
    await this.track(this.post(delivery, this.target?.deadlineMs));
    return { ...delivery };
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
    const delivery = this.record(this.compose(events, target));
    void this.track(this.post(delivery, target.deadlineMs));
  }

  private record(outgoing: OutgoingDelivery<D>): D {
    const delivery = {
      ...outgoing,
      index: this.deliveries.length,
      sentAt: this.options.clock(),
      status: null,
    } as D;
    this.deliveries.push(delivery);
    return delivery;
  }

  private async post(delivery: D, deadlineMs: number | undefined): Promise<void> {
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [this.options.signatureHeader]: delivery.signature },
        body: delivery.body,
        signal: AbortSignal.timeout(deadlineMs ?? this.options.defaultDeadlineMs),
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
