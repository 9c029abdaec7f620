// Reading the records out of a query or CDC answer: deleted markers counted but passed over, every other
// record parsed and mapped, and any bad record failing the whole page, naming itself.
import { parseRecord, recordError } from '../shared/parse-record';
import { describeZodError, malformed } from '../shared/payload-errors';
import type { z } from 'zod';
import { deletedEntity } from './schemas';
import type { EntitySource, Mapped } from './sources';

export function parseBody<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const parsed = schema.safeParse(body, { reportInput: true });
  if (!parsed.success) throw malformed(what, `unexpected response shape: ${describeZodError(parsed.error)}`);
  return parsed.data;
}

/** The entity's records in a QueryResponse object; none when the answer names no such entity. */
export function entityRecords(
  queryResponse: Record<string, unknown>,
  entity: string,
  what: string,
): unknown[] {
  const records = queryResponse[entity];
  if (records === undefined) return [];
  if (!Array.isArray(records)) throw malformed(what, `${entity} is not a list`);
  return records;
}

/** QuickBooks says only that a deleted record is gone, with none of what it held. The status is looked
 * at before the schema: almost no record is deleted, and a parse that fails builds a costly error. */
function isDeleted(raw: unknown): boolean {
  return (
    typeof raw === 'object' &&
    raw !== null &&
    Reflect.get(raw, 'status') === 'Deleted' &&
    deletedEntity.safeParse(raw).success
  );
}

export function readRecords<Raw, Out>(
  source: EntitySource<Raw, Out>,
  records: unknown[],
  what: string,
): Mapped<Out> {
  const mapped: Mapped<Out> = { records: [], credits: [] };
  records.forEach((raw, index) => {
    if (isDeleted(raw)) return;
    const record = parseRecord(source.record, raw, what, index, 'Id');
    try {
      const out = source.map(record);
      mapped.records.push(...out.records);
      mapped.credits.push(...out.credits);
    } catch (err) {
      throw recordError(what, index, raw, 'Id', err instanceof Error ? err.message : String(err));
    }
  });
  return mapped;
}
