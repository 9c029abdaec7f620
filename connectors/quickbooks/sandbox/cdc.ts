// Change data capture: `GET /cdc?entities=Invoice,Payment&changedSince=…` answers every listed entity
// changed at or after `changedSince`, full records for those that exist and `{ domain, status:
// 'Deleted', Id, MetaData: { LastUpdatedTime } }` for those deleted. As at Intuit, `changedSince` may
// be at most 30 days back, and one answer holds at most 1000 objects across all entities: the sandbox
// keeps the 1000 oldest changes, so that a client that moves `changedSince` up to the latest
// LastUpdatedTime it got, and asks again, misses nothing.
import { qboTime } from './qbo-time';
import { parseQboInstant } from './qbo-time';
import { entityOf, recordsOf } from './query-run';
import type { CompanyBooks } from './company';
import { presentEntity } from './present-entity';
import type { EntityBase, EntityName } from './records';

export const CDC_LOOKBACK_DAYS = 30;
export const CDC_MAX_OBJECTS = 1000;

export class CdcError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly detail: string,
  ) {
    super(message);
    this.name = 'CdcError';
  }
}

type Change = { entity: EntityName; at: number; record: EntityBase | null; id: string };

export function changeDataCapture(books: CompanyBooks, entities: string, changedSince: string, now: number) {
  const zone = books.data.info.timeZone;
  const names = [
    ...new Set(
      entities
        .split(',')
        .map((e) => e.trim())
        .filter(Boolean),
    ),
  ];
  if (names.length === 0)
    throw new CdcError('2010', 'Request has invalid or unsupported property', 'entities is required');
  const wanted = names.map((name) => {
    try {
      return entityOf(name);
    } catch {
      throw new CdcError(
        '2010',
        'Request has invalid or unsupported property',
        `Unsupported entity for cdc: ${name}`,
      );
    }
  });
  const since = parseQboInstant(changedSince, zone);
  if (since === null) {
    throw new CdcError(
      '2010',
      'Request has invalid or unsupported property',
      `Invalid changedSince: ${changedSince}`,
    );
  }
  if (since < now - CDC_LOOKBACK_DAYS * 86_400_000) {
    throw new CdcError(
      '2010',
      'Request has invalid or unsupported property',
      `Operation cdc with changedSince date ${changedSince} which is older than ${CDC_LOOKBACK_DAYS} days is not supported.`,
    );
  }

  const changes: Change[] = [];
  for (const entity of wanted) {
    for (const record of recordsOf(books.data, entity)) {
      if (record.updatedAt >= since) changes.push({ entity, at: record.updatedAt, record, id: record.id });
    }
  }
  for (const tomb of books.data.tombstones) {
    if (tomb.at >= since && wanted.includes(tomb.entity)) {
      changes.push({ entity: tomb.entity, at: tomb.at, record: null, id: tomb.id });
    }
  }
  changes.sort((a, b) => a.at - b.at || Number(a.id) - Number(b.id));
  const kept = changes.slice(0, CDC_MAX_OBJECTS);

  const ctx = books.context();
  const parts = wanted.map((entity) => {
    const mine = kept.filter((c) => c.entity === entity).sort((a, b) => Number(a.id) - Number(b.id));
    if (mine.length === 0) return {};
    const list = mine.map((c) =>
      c.record
        ? presentEntity(ctx, entity, c.record)
        : { domain: 'QBO', status: 'Deleted', Id: c.id, MetaData: { LastUpdatedTime: qboTime(c.at, zone) } },
    );
    return { [entity]: list, startPosition: 1, maxResults: list.length, totalCount: list.length };
  });
  return { CDCResponse: [{ QueryResponse: parts }], time: qboTime(now, zone) };
}
