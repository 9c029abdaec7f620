// Parsing one record of a page, so that a bad payload is reported with the record that broke it
// (`Invoices page 3: record 17 (InvoiceID …): Total: expected number`).
import type { z } from 'zod';
import type { ConnectorError } from './errors';
import { describeZodError, malformed } from './payload-errors';

function recordId(raw: unknown, idField: string): string | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const id: unknown = Reflect.get(raw, idField);
  return typeof id === 'string' && id.length <= 64 ? id : undefined;
}

function recordLabel(
  index: number,
  raw: unknown,
  idField: string,
): { label: string; id: string | undefined } {
  const id = recordId(raw, idField);
  return { label: `record ${index + 1}${id === undefined ? '' : ` (${idField} ${id})`}`, id };
}

export function recordError(
  what: string,
  index: number,
  raw: unknown,
  idField: string,
  detail: string,
): ConnectorError {
  const { label, id } = recordLabel(index, raw, idField);
  return malformed(what, `${label}: ${detail}`, id ?? `record ${index + 1}`);
}

/** Parses record `index` of a page; the error names the page, the position and the record's id. */
export function parseRecord<T>(
  schema: z.ZodType<T>,
  raw: unknown,
  what: string,
  index: number,
  idField: string,
): T {
  const parsed = schema.safeParse(raw, { reportInput: true });
  if (!parsed.success) throw recordError(what, index, raw, idField, describeZodError(parsed.error));
  return parsed.data;
}
