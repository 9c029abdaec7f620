// Faults injected on request, for the next matching API calls: what a client of QuickBooks Online
// must survive. A queued fault applies to the next `count` calls (default 1) to its endpoint (a route
// label as in `store.calls`, e.g. `GET /query` or `POST /attachable`, or a bare path for any method),
// or to any call when it names none. Faults are taken in the order they were queued.
import type { RequestHandler, Response } from 'express';
import { z } from 'zod';
import {
  overrideDelivery,
  send,
  sendAuthenticationFault,
  sendFaultXml,
  sendSystemFault,
  sendThrottled,
} from './responses';

const common = {
  count: z.number().int().min(1).max(1_000_000).optional(),
  endpoint: z.string().trim().min(1).optional(),
};

export const faultSpec = z.discriminatedUnion('kind', [
  /** Intuit's throttle: 429 with the ThrottleExceeded fault in XML. */
  z.strictObject({ kind: z.literal('429'), ...common }),
  /** A SystemFault (500), or the front door failing (502, 503, 504). */
  z.strictObject({
    kind: z.literal('500'),
    status: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]).optional(),
    ...common,
  }),
  /** No answer: for `holdMs` and then the real one, or (without it) never, until the sandbox closes. */
  z.strictObject({ kind: z.literal('timeout'), holdMs: z.number().int().min(0).optional(), ...common }),
  /** The real answer, `delayMs` late; the call holds its concurrency slot meanwhile. */
  z.strictObject({ kind: z.literal('slow'), delayMs: z.number().int().min(0), ...common }),
  /** The real status and headers, half the body (Content-Length matching, or announced in full with `abort`). */
  z.strictObject({ kind: z.literal('truncated'), abort: z.boolean().optional(), ...common }),
  /**
   * Well-formed JSON with one bad value in one record (the first, or `record`): `field` (a dotted path,
   * default TotalAmt, or Id when the record has none) set to `value`, or removed with `remove`; by
   * default a number becomes a string and anything else is removed.
   */
  z.strictObject({
    kind: z.literal('malformed'),
    field: z.string().trim().min(1).optional(),
    value: z.json().optional(),
    remove: z.boolean().optional(),
    record: z.number().int().min(0).optional(),
    ...common,
  }),
  /** A fault as an XML IntuitResponse with HTTP `status` (default 200), as QuickBooks sometimes answers. */
  z.strictObject({
    kind: z.literal('xml-fault'),
    status: z.number().int().min(200).max(599).optional(),
    faultType: z.enum(['ValidationFault', 'SystemFault', 'AuthenticationFault', 'SERVICE']).optional(),
    code: z.string().optional(),
    message: z.string().optional(),
    detail: z.string().optional(),
    ...common,
  }),
  /** The company disconnects the app: this call and every later one get 401, refresh invalid_grant. */
  z.strictObject({ kind: z.literal('revoked'), ...common }),
]);

export type FaultSpec = z.infer<typeof faultSpec>;
export type PendingFault = FaultSpec & { remaining: number };

export class FaultInjector {
  private queue: PendingFault[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly revoke: (realmId: string) => void,
    private readonly time: (realmId: string) => string,
  ) {}

  /** Throws a ZodError naming what is wrong with a spec; nothing is queued then. */
  inject(specs: unknown): PendingFault[] {
    const parsed = z.union([faultSpec, z.array(faultSpec)]).parse(specs);
    const added = (Array.isArray(parsed) ? parsed : [parsed]).map((spec) => ({
      ...spec,
      remaining: spec.count ?? 1,
    }));
    this.queue.push(...added);
    return added.map((fault) => ({ ...fault }));
  }

  pending(): PendingFault[] {
    return this.queue.map((fault) => ({ ...fault }));
  }

  clear(): void {
    this.queue = [];
  }

  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.queue = [];
  }

  private take(label: string): FaultSpec | null {
    const position = this.queue.findIndex((fault) => matches(fault.endpoint, label));
    const fault = this.queue[position];
    if (!fault) return null;
    fault.remaining--;
    if (fault.remaining <= 0) this.queue.splice(position, 1);
    return fault;
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
        case 'timeout':
          if (fault.holdMs !== undefined) this.later(fault.holdMs, next);
          return;
        case 'slow':
          this.later(fault.delayMs, next);
          return;
        case 'truncated':
          overrideDelivery(res, (status, contentType, body) =>
            sendTruncated(res, status, contentType, body, fault.abort === true),
          );
          next();
          return;
        case 'malformed':
          overrideDelivery(res, (status, contentType, body) => {
            res.status(status).set('Content-Type', contentType).send(spoil(body, fault));
          });
          next();
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
      }
    };
  }

  private later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }
}

function matches(endpoint: string | undefined, label: string): boolean {
  if (endpoint === undefined) return true;
  const wanted = endpoint.replace(/\s+/g, ' ').toLowerCase();
  const actual = label.toLowerCase();
  return wanted === actual || (!wanted.includes(' ') && actual.endsWith(` ${wanted}`));
}

function sendTruncated(
  res: Response,
  status: number,
  contentType: string,
  body: string,
  abort: boolean,
): void {
  const cut = body.slice(0, Math.floor(body.length / 2));
  res.status(status).set('Content-Type', contentType);
  if (!abort) {
    res.send(cut);
    return;
  }
  res.set('Content-Length', String(Buffer.byteLength(body)));
  res.write(cut, () => res.destroy());
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

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

/** The body with one bad value. */
export function spoil(body: string, fault: Extract<FaultSpec, { kind: 'malformed' }>): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return body;
  }
  if (!isRecord(parsed)) return body;
  const record = recordsIn(parsed)[fault.record ?? 0];
  if (!record) return body;
  const path = (fault.field ?? ('TotalAmt' in record ? 'TotalAmt' : 'Id')).split('.');
  const key = path.pop() ?? 'Id';
  let parent: unknown = record;
  for (const step of path) parent = isRecord(parent) ? parent[step] : undefined;
  if (!isRecord(parent)) return body;
  if (fault.remove) delete parent[key];
  else if (fault.value !== undefined) parent[key] = fault.value;
  else if (typeof parent[key] === 'number') parent[key] = String(parent[key]);
  else delete parent[key];
  return JSON.stringify(parsed);
}
