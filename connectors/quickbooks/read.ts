// Reading the records out of a query or CDC answer: deleted markers counted but passed over, every other
// record parsed and mapped, and any bad record failing the whole page, naming itself.
import { parseRecord, recordError } from '../shared/parse-record';
import { describeZodError, malformed } from '../shared/payload-errors';
import type { z } from 'zod';
import type { Removals } from '../types';
import { toInstant } from './map';
import { deletedEntity } from './schemas';
import { nothingRemoved, type EntitySource, type Mapped } from './sources';

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

export function addRemovals(into: Removals, more: Removals): void {
  into.invoices.push(...more.invoices);
  into.credits.push(...more.credits);
  into.payments.push(...more.payments);
}

export function readRecords<Raw, Out>(
  source: EntitySource<Raw, Out>,
  records: unknown[],
  what: string,
): Mapped<Out> {
  const mapped: Mapped<Out> = { records: [], credits: [], removed: nothingRemoved() };
  records.forEach((raw, index) => {
    // QuickBooks says only that the record is gone, with none of what it held.
    // The status is looked at before the schema: almost no record is deleted, and a parse that
    // fails builds a costly error.
    const deleted = isMarkedDeleted(raw) ? deletedEntity.safeParse(raw) : null;
    if (deleted?.success) {
      const at = deleted.data.MetaData?.LastUpdatedTime;
      if (source.deletedAs !== null) {
        mapped.removed[source.deletedAs].push({
          externalId: deleted.data.Id,
          updatedAt: at === undefined ? null : toInstant(at),
        });
      }
      return;
    }
    const record = parseRecord(source.record, raw, what, index, 'Id');
    try {
      const out = source.map(record);
      mapped.records.push(...out.records);
      mapped.credits.push(...out.credits);
      addRemovals(mapped.removed, out.removed);
    } catch (err) {
      throw recordError(what, index, raw, 'Id', err instanceof Error ? err.message : String(err));
    }
  });
  return mapped;
}

function isMarkedDeleted(raw: unknown): boolean {
  return typeof raw === 'object' && raw !== null && Reflect.get(raw, 'status') === 'Deleted';
}
