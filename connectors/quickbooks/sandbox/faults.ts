// Faults injected on request, for the next matching API calls: what a client of QuickBooks Online
// must survive. A queued fault applies to the next `count` calls (default 1) to its endpoint (a route
// label as in `store.calls`, e.g. `GET /query` or `POST /attachable`, or a bare path for any method),
// or to any call when it names none. Faults are taken in the order they were queued.
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
import {
  overrideDelivery,
  send,
  sendAuthenticationFault,
  sendFaultXml,
  sendSystemFault,
  sendThrottled,
} from './responses';

export const faultSpec = z.discriminatedUnion('kind', [
  /** Intuit's throttle: 429 with the ThrottleExceeded fault in XML. */
  z.strictObject({ kind: z.literal('429'), ...faultTarget }),
  /** A SystemFault (500), or the front door failing (502, 503, 504). */
  serverFault,
  /** Held back, late, cut short or spoilt (see fault-queue.ts). */
  ...commonFaults,
  /** A fault as an XML IntuitResponse with HTTP `status` (default 200), as QuickBooks sometimes answers. */
  z.strictObject({
    kind: z.literal('xml-fault'),
    status: z.number().int().min(200).max(599).optional(),
    faultType: z.enum(['ValidationFault', 'SystemFault', 'AuthenticationFault', 'SERVICE']).optional(),
    code: z.string().optional(),
    message: z.string().optional(),
    detail: z.string().optional(),
    ...faultTarget,
  }),
  /** The company disconnects the app: this call and every later one get 401, refresh invalid_grant. */
  z.strictObject({ kind: z.literal('revoked'), ...faultTarget }),
]);

export type FaultSpec = z.infer<typeof faultSpec>;
export type PendingFault = Pending<FaultSpec>;

/** The records of an Intuit answer: a query's list, a CDC's first list, or the single entity read. */
function recordsIn(parsed: Record<string, unknown>): Record<string, unknown>[] {
  const lists = (holder: unknown): Record<string, unknown>[] => {
    if (!isRecord(holder)) return [];
    const list = Object.values(holder).find((v) => Array.isArray(v) && v.length > 0 && isRecord(v[0]));
    return (list as Record<string, unknown>[] | undefined) ?? [];
  };
  if (isRecord(parsed.QueryResponse)) return lists(parsed.QueryResponse);
  const cdc = parsed.CDCResponse;
  if (Array.isArray(cdc) && isRecord(cdc[0]) && Array.isArray(cdc[0].QueryResponse)) {
    for (const part of cdc[0].QueryResponse) {
      const found = lists(part);
      if (found.length > 0) return found;
    }
    return [];
  }
  return Object.values(parsed).filter(isRecord).slice(0, 1);
}

/** A malformed fault spoils TotalAmt by default, or Id when the record has none. */
const intuitAnswers = {
  overrideDelivery,
  records: recordsIn,
  defaultField: (record: Record<string, unknown>): string => ('TotalAmt' in record ? 'TotalAmt' : 'Id'),
};

export class FaultInjector extends FaultQueue<FaultSpec> {
  constructor(
    private readonly revoke: (realmId: string) => void,
    private readonly time: (realmId: string) => string,
  ) {
    super(faultSpec, intuitAnswers);
  }

  /** The middleware for one route, after the token check and the throttle. */
  forRoute(label: string): RequestHandler {
    return (req, res, next) => {
      const fault = this.take(label);
      if (!fault) {
        next();
        return;
      }
      const realmId = String(req.params.realmId ?? '');
      const time = this.time(realmId);
      switch (fault.kind) {
        case '429':
          sendThrottled(res, time);
          return;
        case '500':
          if ((fault.status ?? 500) === 500) sendSystemFault(res, 500, time);
          else
            send(
              res,
              fault.status ?? 503,
              'text/html',
              `<html><body><h1>${fault.status} Service Unavailable</h1></body></html>`,
            );
          return;
        case 'xml-fault':
          sendFaultXml(
            res,
            fault.status ?? 200,
            fault.faultType ?? 'SystemFault',
            {
              Message: fault.message ?? 'An application error has occurred while processing your request',
              Detail:
                fault.detail ??
                'System Failure Error: An unexpected error occurred while accessing or saving your data.',
              code: fault.code ?? '10000',
            },
            time,
          );
          return;
        case 'revoked':
          this.revoke(realmId);
          sendAuthenticationFault(res, 'Token revoked', time);
          return;
        default:
          this.playCommon(fault, res, next);
      }
    };
  }
}

/** The body with one bad value. */
export function spoil(body: string, fault: MalformedFault): string {
  return spoilAnswer(body, fault, intuitAnswers);
}
