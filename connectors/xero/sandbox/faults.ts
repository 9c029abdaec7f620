// Faults injected on request, for the next matching API calls: what a client of Xero must survive.
// A queued fault applies to the next `count` calls (default 1) to its endpoint (a route label such as
// `GET /Invoices` or `PUT /Invoices/{InvoiceID}/History`, or just a path for any method), or to any
// call when it names none. Faults are taken in the order they were queued.
import type { RequestHandler } from 'express';
import { z } from 'zod';
import {
  commonFaults,
  faultTarget,
  FaultQueue,
  isRecord,
  serverFault,
  spoil as spoilAnswer,
  type MalformedFault,
  type Pending,
} from '../../shared/sandbox/fault-queue';
import { overrideDelivery, sendProblem, sendServerError, sendTooManyRequests } from './responses';

export const faultSpec = z.discriminatedUnion('kind', [
  /** As if a rate limit were hit. */
  z.strictObject({
    kind: z.literal('429'),
    retryAfterSeconds: z.number().int().min(0).optional(),
    problem: z.enum(['minute', 'concurrent', 'day', 'appminute']).optional(),
    ...faultTarget,
  }),
  /** Xero failing on its side (500), or its front door doing so (502, 503, 504). */
  serverFault,
  /** Held back, late, cut short or spoilt (see fault-queue.ts). */
  ...commonFaults,
  /** The organisation disconnects the app: this call and every later one get 403, refresh invalid_grant. */
  z.strictObject({ kind: z.literal('revoked'), ...faultTarget }),
]);

export type FaultSpec = z.infer<typeof faultSpec>;
export type PendingFault = Pending<FaultSpec>;

/**
 * Xero's answers: the records are the first non-empty list of objects in the body; a malformed fault
 * spoils Total by default, or the record's id field when it has none.
 */
const xeroAnswers = {
  overrideDelivery,
  records: (answer: Record<string, unknown>): unknown[] =>
    Object.values(answer).find(
      (value): value is unknown[] => Array.isArray(value) && value.length > 0 && isRecord(value[0]),
    ) ?? [],
  defaultField: (record: Record<string, unknown>): string | undefined =>
    'Total' in record ? 'Total' : Object.keys(record).find((k) => k.endsWith('ID')),
};

export class FaultInjector extends FaultQueue<FaultSpec> {
  constructor(private readonly revoke: () => void) {
    super(faultSpec, xeroAnswers);
  }

  /** The middleware for one route, placed after the gateway's checks and the rate limiter. */
  forRoute(label: string): RequestHandler {
    return (_req, res, next) => {
      const fault = this.take(label);
      if (!fault) {
        next();
        return;
      }
      switch (fault.kind) {
        case '429':
          res.set('Retry-After', String(fault.retryAfterSeconds ?? 1));
          res.set('X-Rate-Limit-Problem', fault.problem ?? 'minute');
          sendTooManyRequests(res);
          return;
        case '500':
          sendServerError(res, fault.status ?? 500);
          return;
        case 'revoked':
          this.revoke();
          sendProblem(res, 403, 'AuthenticationUnsuccessful');
          return;
        default:
          this.playCommon(fault, res, next);
      }
    };
  }
}

/** The body with one bad value. */
export function spoil(body: string, fault: MalformedFault): string {
  return spoilAnswer(body, fault, xeroAnswers);
}
