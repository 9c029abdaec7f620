// The powers both sandbox stores hold over the HTTP side, under the same names: the webhook endpoint
// and its deliveries, the rate limits, and the faults queued for the next calls. Each store builds
// its platform's dispatcher, limiter and fault injector.
import type { FaultQueue, Pending } from './fault-queue';
import type { OutboxDelivery, OutboxTarget, WebhookOutbox } from './webhook-outbox';

export abstract class SandboxPowers<
  Target extends OutboxTarget,
  Delivery extends OutboxDelivery,
  Limits,
  Spec extends { count?: number; endpoint?: string },
> {
  abstract readonly webhooks: WebhookOutbox<unknown, Target, Delivery>;
  abstract readonly limiter: { configure(limits: Limits): void };
  abstract readonly faults: FaultQueue<Spec>;

  /** Registers (or with null removes) the app's webhook endpoint and signing key. */
  setWebhook(target: Target | null): void {
    this.webhooks.configure(target);
  }

  webhookDeliveries(): Delivery[] {
    return this.webhooks.list();
  }

  /** Sends delivery `index` again, byte for byte, signature included; resolves with the new delivery. */
  replayDelivery(index: number): Promise<Delivery> {
    return this.webhooks.replay(index);
  }

  /** Sends the events waiting for their batch now; resolves when every delivery has its answer. */
  flushWebhooks(): Promise<void> {
    return this.webhooks.flush();
  }

  /** New rate limits (true: the platform's; false: none), with every counter reset. */
  setRateLimits(limits: Limits): void {
    this.limiter.configure(limits);
  }

  /** Queues faults for the next matching API calls; throws on a spec it cannot read. */
  injectFaults(spec: Spec | readonly Spec[]): Pending<Spec>[] {
    return this.faults.inject(spec);
  }

  pendingFaults(): Pending<Spec>[] {
    return this.faults.pending();
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** Stops timers (webhook batches, held answers); for a sandbox that is closing. */
  dispose(): void {
    this.webhooks.dispose();
    this.faults.dispose();
  }
}
