// QuickBooks Online's webhooks, sent to the app's endpoint: changes to invoices, payments, credit
// memos and customers in every connected company, gathered over a short window into one POST, signed
// with `intuit-signature` = base64(HMAC-SHA256(verifier token, raw body)). Each target takes one of
// Intuit's two payloads:
//   legacy:      { eventNotifications: [{ realmId, dataChangeEvent: { entities: [{ name, id,
//                  operation, lastUpdated }] } }] }
//   cloudevents: [{ specversion: '1.0', id, source, type: 'qbo.invoice.updated.v1', datacontenttype,
//                  time, intuitentityid, intuitaccountid, data: {} }]
// Deliveries are not retried; each is recorded with the status it got, and can be replayed verbatim.
import { randomUUID } from 'node:crypto';
import {
  DEFAULT_BATCH_MS,
  signWebhook,
  WebhookOutbox,
  type OutboxDelivery,
  type OutboxTarget,
  type OutgoingDelivery,
} from '../../shared/sandbox/webhook-outbox';
import type { Change, Operation } from './ledger';

export { DEFAULT_BATCH_MS, signWebhook };

export type WebhookFormat = 'legacy' | 'cloudevents';

export interface WebhookTarget extends OutboxTarget {
  /** The verifier token Intuit shows on the app's webhooks page. */
  key: string;
  /** Default 'cloudevents', the payload Intuit sends since its migration. */
  format?: WebhookFormat;
  /** How long the endpoint has to answer (Intuit allows 3 s); default 3000 ms. */
  deadlineMs?: number;
}

export interface WebhookDelivery extends OutboxDelivery {
  kind: 'events' | 'replay';
  format: WebhookFormat;
}

interface PendingEvent extends Change {
  realmId: string;
}

export const DEFAULT_DEADLINE_MS = 3000;
/** The entities the sandbox announces; Intuit sends no webhooks for attachables. */
const ANNOUNCED = new Set(['Invoice', 'Payment', 'CreditMemo', 'Customer']);
const PAST: Record<Operation, string> = {
  Create: 'created',
  Update: 'updated',
  Delete: 'deleted',
  Void: 'voided',
};

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

export class WebhookDispatcher extends WebhookOutbox<PendingEvent, WebhookTarget, WebhookDelivery> {
  /** Intuit names the app's subscription in `source`; the sandbox makes one up per dispatcher. */
  private readonly source = `intuit.${randomUUID().replace(/-/g, '')}`;

  constructor(clock: () => number) {
    super({ clock, signatureHeader: 'intuit-signature', defaultDeadlineMs: DEFAULT_DEADLINE_MS });
  }

  notify(realmId: string, change: Change): void {
    if (ANNOUNCED.has(change.entity)) this.enqueue({ ...change, realmId });
  }

  protected compose(events: PendingEvent[], target: WebhookTarget): OutgoingDelivery<WebhookDelivery> {
    const format = target.format ?? 'cloudevents';
    const body = format === 'legacy' ? legacyBody(events) : cloudEventsBody(events, this.source);
    return {
      kind: 'events',
      url: target.url,
      format,
      body,
      signature: signWebhook(target.key, body),
      eventCount: events.length,
    };
  }
}
