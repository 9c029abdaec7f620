// Intuit reports failures as a Fault: `{ Fault: { type, Error: [{ code, Message, Detail }] } }` in JSON,
// `<Fault type=…><Error code=…><Message>…` in XML, and lower-case `fault.error[]` from its gateway. A
// Fault may arrive with any status, 200 included, so every answer is looked at, whatever its form: a
// JSON object, JSON text, XML text, or XML that node-quickbooks has already parsed (attributes dropped).
import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';

export interface FaultError {
  code: string | null;
  message: string | null;
  detail: string | null;
}

export interface Fault {
  type: string | null;
  errors: FaultError[];
}

const text = z.union([z.string(), z.number()]).transform(String).nullish();
const rawError = z
  .object({
    code: text,
    '@_code': text,
    Message: text,
    message: text,
    Detail: text,
    detail: text,
  })
  .loose();
const oneOrMany = z.union([z.array(rawError), rawError.transform((e) => [e])]);
const rawFault = z
  .object({
    type: text,
    '@_type': text,
    Error: oneOrMany.optional(),
    error: oneOrMany.optional(),
  })
  .loose();

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false });

function structured(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  const trimmed = body.trim();
  try {
    if (trimmed.startsWith('{')) return JSON.parse(trimmed);
    if (trimmed.startsWith('<')) return xml.parse(trimmed);
  } catch {
    return undefined;
  }
  return undefined;
}

function faultNode(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return undefined;
  const node = value as Record<string, unknown>;
  return node.Fault ?? node.fault ?? faultNode(node.IntuitResponse);
}

/** The Fault a body carries, or null when it carries none. */
export function readFault(body: unknown): Fault | null {
  const node = faultNode(structured(body));
  if (node === undefined) return null;
  const parsed = rawFault.safeParse(node);
  if (!parsed.success) return { type: null, errors: [] };
  const f = parsed.data;
  return {
    type: f.type ?? f['@_type'] ?? null,
    errors: (f.Error ?? f.error ?? []).map((e) => ({
      code: e.code ?? e['@_code'] ?? null,
      message: e.Message ?? e.message ?? null,
      detail: e.Detail ?? e.detail ?? null,
    })),
  };
}

/** Intuit pads some codes with zeros (`003001`); compared as numbers they are the same code. */
export function hasCode(fault: Fault, ...codes: number[]): boolean {
  return fault.errors.some((e) => e.code !== null && codes.includes(Number(e.code)));
}
