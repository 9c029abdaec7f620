// Faults injected on request, for the next matching API calls: what a client of Xero must survive.
// A queued fault applies to the next `count` calls (default 1) to its endpoint (a route label such as
// `GET /Invoices` or `PUT /Invoices/{InvoiceID}/History`, or just a path for any method), or to any
// call when it names none. Faults are taken in the order they were queued.
import type { RequestHandler, Response } from 'express';
import { z } from 'zod';
import { overrideDelivery, sendProblem, sendServerError, sendTooManyRequests } from './responses';

const common = {
  count: z.number().int().min(1).max(1_000_000).optional(),
  endpoint: z.string().trim().min(1).optional(),
};

export const faultSpec = z.discriminatedUnion('kind', [
  /** As if a rate limit were hit. */
  z.strictObject({
    kind: z.literal('429'),
    retryAfterSeconds: z.number().int().min(0).optional(),
    problem: z.enum(['minute', 'concurrent', 'day', 'appminute']).optional(),
    ...common,
  }),
  /** Xero failing on its side (500), or its front door doing so (502, 503, 504). */
  z.strictObject({
    kind: z.literal('500'),
    status: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]).optional(),
    ...common,
  }),
  /** No answer: for `holdMs` and then the real one, or (without it) never, until the sandbox closes. */
  z.strictObject({ kind: z.literal('timeout'), holdMs: z.number().int().min(0).optional(), ...common }),
  /** The real answer, `delayMs` late; the call holds its concurrency slot meanwhile. */
  z.strictObject({ kind: z.literal('slow'), delayMs: z.number().int().min(0), ...common }),
  /**
   * The real status and headers, the body cut in half. By default the cut body is all that is
   * announced (Content-Length matches), so the client reads invalid JSON; with `abort`, the full
   * length is announced and the connection dropped mid-body.
   */
  z.strictObject({ kind: z.literal('truncated'), abort: z.boolean().optional(), ...common }),
  /**
   * Well-formed JSON with one bad value in one record (the first, or `record`): `field` (a dotted path,
   * default Total, or the record's id field when it has no Total) set to `value`, or removed with
   * `remove`; by default a number becomes a string and anything else is removed.
   */
  z.strictObject({
    kind: z.literal('malformed'),
    field: z.string().trim().min(1).optional(),
    value: z.json().optional(),
    remove: z.boolean().optional(),
    record: z.number().int().min(0).optional(),
    ...common,
  }),
  /** The organisation disconnects the app: this call and every later one get 403, refresh invalid_grant. */
  z.strictObject({ kind: z.literal('revoked'), ...common }),
]);

export type FaultSpec = z.infer<typeof faultSpec>;
export type PendingFault = FaultSpec & { remaining: number };

export class FaultInjector {
  private queue: PendingFault[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly revoke: () => void) {}

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

  /** Cancels held answers' timers when the sandbox closes (their connections are closed with it). */
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
        case 'revoked':
          this.revoke();
          sendProblem(res, 403, 'AuthenticationUnsuccessful');
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

/** The body with one bad value. Decimals lose their written scale here, which no client relies on. */
export function spoil(body: string, fault: Extract<FaultSpec, { kind: 'malformed' }>): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return body;
  }
  if (!isRecord(parsed)) return body;
  const list = Object.values(parsed).find(
    (value): value is unknown[] => Array.isArray(value) && value.length > 0 && isRecord(value[0]),
  );
  const record = list?.[fault.record ?? 0];
  if (!isRecord(record)) return body;
  const field =
    fault.field ?? ('Total' in record ? 'Total' : Object.keys(record).find((k) => k.endsWith('ID')));
  if (field === undefined) return body;
  const path = field.split('.');
  const key = path.pop() ?? field;
  let parent: unknown = record;
  for (const step of path) parent = isRecord(parent) ? parent[step] : undefined;
  if (!isRecord(parent)) return body;
  if (fault.remove) delete parent[key];
  else if (fault.value !== undefined) parent[key] = fault.value;
  else if (typeof parent[key] === 'number') parent[key] = String(parent[key]);
  else delete parent[key];
  return JSON.stringify(parsed);
}
