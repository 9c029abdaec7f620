// Turning a response body into typed records, one record at a time, so that a bad payload is reported
// with the record that broke it (`Invoices page 3: record 17 (InvoiceID …): Total: expected number`).
import type { z } from 'zod';
import { describeZodError, malformed } from './errors';
export { parseRecord, recordError } from '../shared/parse-record';

/** Bodies arrive as text (see client.ts); an empty or non-JSON body is a malformed payload, not a crash. */
export function parseJsonBody(body: unknown, what: string): unknown {
  if (typeof body !== 'string') return body;
  if (body.trim() === '') throw malformed(what, 'empty response body');
  try {
    return JSON.parse(body);
  } catch {
    throw malformed(what, 'response body is not JSON');
  }
}

export function parseEnvelope<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const parsed = schema.safeParse(parseJsonBody(body, what), { reportInput: true });
  if (!parsed.success) throw malformed(what, `unexpected response shape: ${describeZodError(parsed.error)}`);
  return parsed.data;
}
