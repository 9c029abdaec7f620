// The machinery of injected faults that both sandboxes share: a queue of parsed specs, each for the
// next `count` calls (default 1) to its endpoint (a route label such as `GET /Invoices`, or a bare
// path for any method) or to any call when it names none, taken in the order queued; and the faults
// whose effect does not depend on the platform (an answer held back, late, cut short or spoilt).
// Each sandbox adds the faults that answer in its platform's own words (throttles, failures, revoked
// access) and says where the records of its answers are.
import type { NextFunction, Response } from 'express';
import { z } from 'zod';

/** The fields every fault spec takes. */
export const faultTarget = {
  count: z.number().int().min(1).max(1_000_000).optional(),
  endpoint: z.string().trim().min(1).optional(),
};

/** The platform failing on its side (500), or its front door doing so (502, 503, 504). */
export const serverFault = z.strictObject({
  kind: z.literal('500'),
  status: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]).optional(),
  ...faultTarget,
});

/** No answer: for `holdMs` and then the real one, or (without it) never, until the sandbox closes. */
export const timeoutFault = z.strictObject({
  kind: z.literal('timeout'),
  holdMs: z.number().int().min(0).optional(),
  ...faultTarget,
});

/** The real answer, `delayMs` late; the call holds its concurrency slot meanwhile. */
export const slowFault = z.strictObject({
  kind: z.literal('slow'),
  delayMs: z.number().int().min(0),
  ...faultTarget,
});

/**
 * The real status and headers, the body cut in half. By default the cut body is all that is
 * announced (Content-Length matches), so the client reads invalid JSON; with `abort`, the full
 * length is announced and the connection dropped mid-body.
 */
export const truncatedFault = z.strictObject({
  kind: z.literal('truncated'),
  abort: z.boolean().optional(),
  ...faultTarget,
});

/**
 * Well-formed JSON with one bad value in one record (the first, or `record`): `field` (a dotted path,
 * default the platform's amount field, or the record's id) set to `value`, or removed with `remove`;
 * by default a number becomes a string and anything else is removed.
 */
export const malformedFault = z.strictObject({
  kind: z.literal('malformed'),
  field: z.string().trim().min(1).optional(),
  value: z.json().optional(),
  remove: z.boolean().optional(),
  record: z.number().int().min(0).optional(),
  ...faultTarget,
});

/** The faults whose effect is the same on every platform (see `FaultQueue.playCommon`). */
export const commonFaults = [timeoutFault, slowFault, truncatedFault, malformedFault] as const;

export type MalformedFault = z.infer<typeof malformedFault>;
export type CommonFault =
  z.infer<typeof timeoutFault> | z.infer<typeof slowFault> | z.infer<typeof truncatedFault> | MalformedFault;

type Deliver = (status: number, contentType: string, body: string) => void;

/** Where a platform's answers keep their records, and which field of one to spoil by default. */
export interface AnswerShape {
  /** Hands the writing of a response to the fault (the sandbox's `overrideDelivery`). */
  overrideDelivery(res: Response, deliver: Deliver): void;
  records(answer: Record<string, unknown>): unknown[];
  defaultField(record: Record<string, unknown>): string | undefined;
}

export type Pending<Spec> = Spec & { remaining: number };

export class FaultQueue<Spec extends { count?: number; endpoint?: string }> {
  private queue: Pending<Spec>[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly schema: z.ZodType<Spec>,
    private readonly shape: AnswerShape,
  ) {}

  /** Throws a ZodError naming what is wrong with a spec; nothing is queued then. */
  inject(specs: unknown): Pending<Spec>[] {
    const parsed = z.union([this.schema, z.array(this.schema)]).parse(specs);
    const added = (Array.isArray(parsed) ? parsed : [parsed]).map((spec) => ({
      ...spec,
      remaining: spec.count ?? 1,
    }));
    this.queue.push(...added);
    return added.map((fault) => ({ ...fault }));
  }

  pending(): Pending<Spec>[] {
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

  /** The fault for this call, counted as used; null when none is queued for it. */
  protected take(label: string): Spec | null {
    const position = this.queue.findIndex((fault) => matches(fault.endpoint, label));
    const fault = this.queue[position];
    if (!fault) return null;
    fault.remaining--;
    if (fault.remaining <= 0) this.queue.splice(position, 1);
    return fault;
  }

  /** Plays out a fault whose effect is the same on every platform. */
  protected playCommon(fault: CommonFault, res: Response, next: NextFunction): void {
    switch (fault.kind) {
      case 'timeout':
        if (fault.holdMs !== undefined) this.later(fault.holdMs, next);
        return;
      case 'slow':
        this.later(fault.delayMs, next);
        return;
      case 'truncated':
        this.shape.overrideDelivery(res, (status, contentType, body) =>
          sendTruncated(res, status, contentType, body, fault.abort === true),
        );
        next();
        return;
      case 'malformed':
        this.shape.overrideDelivery(res, (status, contentType, body) => {
          res
            .status(status)
            .set('Content-Type', contentType)
            .send(spoil(body, fault, this.shape));
        });
        next();
        return;
    }
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

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The body with one bad value. Decimals lose their written scale here, which no client relies on. */
export function spoil(
  body: string,
  fault: MalformedFault,
  shape: Omit<AnswerShape, 'overrideDelivery'>,
): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return body;
  }
  if (!isRecord(parsed)) return body;
  const record = shape.records(parsed)[fault.record ?? 0];
  if (!isRecord(record)) return body;
  const field = fault.field ?? shape.defaultField(record);
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
