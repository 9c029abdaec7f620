// One page of one entity per call, as the sync contract asks: CDC when the cursor is recent, a query by
// STARTPOSITION otherwise (cursor.ts decides which). Reads are metered, so nothing is read per record.
import type { ApiContext, CanonicalCredit, Instant, Page, Removals, SyncCursor } from '../types';
import { effectiveCursor, nextCursor, stepFor, type Step } from './cursor';
import { toInstant } from './map';
import { QBO_PAGE_SIZE } from './provider';
import { entityRecords, parseBody, readRecords } from './read';
import type { RealmClient } from './realm-client';
import { cdcEnvelope, queryEnvelope } from './schemas';
import { criteria, type EntitySource } from './sources';

/** QuickBooks compares date-times in queries as written; UTC with an explicit zone is unambiguous. */
function queryInstant(instant: Instant): string {
  return new Date(Date.parse(instant)).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

async function answer(
  client: RealmClient,
  source: EntitySource<unknown, unknown>,
  ctx: ApiContext,
  step: Step,
  what: string,
): Promise<{ records: unknown[]; time: Instant | null }> {
  if (step.mode === 'cdc') {
    const body = await client(ctx, {
      what,
      repeatable: true,
      send: (qbo, callback) => qbo.changeDataCapture(source.entity, queryInstant(step.since), callback),
    });
    const cdc = parseBody(cdcEnvelope, body, what);
    const records = cdc.CDCResponse.flatMap((r) => r.QueryResponse ?? []).flatMap((q) =>
      entityRecords(q, source.entity, what),
    );
    return { records, time: toInstant(cdc.time) };
  }
  const since = step.mode === 'since' ? `MetaData.LastUpdatedTime >= '${queryInstant(step.since)}'` : null;
  const body = await client(ctx, {
    what,
    repeatable: true,
    send: source.query(criteria([source.always, since], step.startPosition, QBO_PAGE_SIZE)),
  });
  const query = parseBody(queryEnvelope, body, what);
  return {
    records: entityRecords(query.QueryResponse, source.entity, what),
    time: query.time === undefined ? null : toInstant(query.time),
  };
}

function describeStep(entity: string, step: Step, page: number): string {
  if (step.mode === 'cdc') return `${entity} changes since ${step.since}`;
  if (step.mode === 'since') return `${entity} query since ${step.since} page ${page - 1}`;
  return `${entity} query page ${page}`;
}

export async function pullEntity<Raw, Out>(
  client: RealmClient,
  source: EntitySource<Raw, Out>,
  ctx: ApiContext,
  stored: SyncCursor,
  nowMs: number,
): Promise<{ page: Page<Out>; credits: CanonicalCredit[]; removed: Removals }> {
  const cursor = effectiveCursor(stored, nowMs);
  const step = stepFor(cursor);
  const what = describeStep(source.entity, step, cursor.nextPage);
  const { records, time } = await answer(client, source as EntitySource<unknown, unknown>, ctx, step, what);
  const mapped = readRecords(source, records, what);
  const next = nextCursor(cursor, records.length, time);
  return {
    page: { records: mapped.records, cursor: next.cursor, last: next.last },
    credits: mapped.credits,
    removed: mapped.removed,
  };
}
