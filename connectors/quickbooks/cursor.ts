// Where a pass over one QuickBooks entity stands, kept pure so the sequence can be tested alone.
//
// - No `modifiedSince`: a full pass, by query, 1000 at a time (`STARTPOSITION`/`MAXRESULTS`). The server
//   time of its first answer is kept as `highWater`; once the pass ends, changes are asked for from then.
// - `modifiedSince` and page 1: Change Data Capture since then, one entity per call so each has the whole
//   1000-object answer to itself. CDC has no upper bound (it always answers up to now), so a window cannot
//   be narrowed from above: an answer that reaches 1000 objects may have left changes out, so its records
//   are kept and the same interval is then read again by query (`MetaData.LastUpdatedTime >= since`),
//   page by page from page 2, which has no cap.
// - A `modifiedSince` beyond CDC's 30-day look-back starts a full pass instead.
import { ConnectorError } from '../shared/errors';
import type { Instant, SyncCursor } from '../types';
import { QBO_CDC_LOOKBACK_MS, QBO_CDC_MAX_OBJECTS, QBO_PAGE_SIZE } from './provider';

/** Answers' server times are taken this much earlier, so that a change committed as CDC answered is not missed. */
export const QBO_CDC_OVERLAP_MS = 60_000;

export type Step =
  | { mode: 'full'; startPosition: number }
  | { mode: 'cdc'; since: Instant }
  | { mode: 'since'; since: Instant; startPosition: number };

export const FULL_PASS: SyncCursor = { modifiedSince: null, nextPage: 1, highWater: null };

export function checkCursor(cursor: SyncCursor): void {
  if (!Number.isSafeInteger(cursor.nextPage) || cursor.nextPage < 1) {
    throw new ConnectorError('rejected', `Invalid sync cursor: nextPage ${cursor.nextPage}`);
  }
  for (const instant of [cursor.modifiedSince, cursor.highWater]) {
    if (instant !== null && Number.isNaN(Date.parse(instant))) {
      throw new ConnectorError(
        'rejected',
        `Invalid sync cursor: ${JSON.stringify(instant)} is not an instant`,
      );
    }
  }
}

/** The cursor actually followed: one whose changes CDC can no longer see becomes a full pass. */
export function effectiveCursor(cursor: SyncCursor, nowMs: number): SyncCursor {
  checkCursor(cursor);
  if (cursor.modifiedSince === null || cursor.nextPage !== 1) return cursor;
  return nowMs - Date.parse(cursor.modifiedSince) > QBO_CDC_LOOKBACK_MS ? FULL_PASS : cursor;
}

export function stepFor(cursor: SyncCursor): Step {
  if (cursor.modifiedSince === null) {
    return { mode: 'full', startPosition: (cursor.nextPage - 1) * QBO_PAGE_SIZE + 1 };
  }
  if (cursor.nextPage === 1) return { mode: 'cdc', since: cursor.modifiedSince };
  return {
    mode: 'since',
    since: cursor.modifiedSince,
    startPosition: (cursor.nextPage - 2) * QBO_PAGE_SIZE + 1,
  };
}

function earlier(instant: Instant | null): Instant | null {
  return instant === null ? null : new Date(Date.parse(instant) - QBO_CDC_OVERLAP_MS).toISOString();
}

/**
 * The cursor after one answer: `count` objects (deleted ones included) answered at server time
 * `answeredAt` (null when the answer does not say).
 */
export function nextCursor(
  cursor: SyncCursor,
  count: number,
  answeredAt: Instant | null,
): { cursor: SyncCursor; last: boolean } {
  const step = stepFor(cursor);
  if (step.mode === 'cdc') {
    const since = earlier(answeredAt) ?? step.since;
    if (count < QBO_CDC_MAX_OBJECTS)
      return { cursor: { modifiedSince: since, nextPage: 1, highWater: null }, last: true };
    return { cursor: { modifiedSince: step.since, nextPage: 2, highWater: since }, last: false };
  }
  // A pass by query: its start is the first answer's time, unless an earlier page already set it.
  const highWater = cursor.highWater ?? earlier(answeredAt);
  if (count < QBO_PAGE_SIZE) {
    return {
      cursor: { modifiedSince: highWater ?? cursor.modifiedSince, nextPage: 1, highWater: null },
      last: true,
    };
  }
  return {
    cursor: { modifiedSince: cursor.modifiedSince, nextPage: cursor.nextPage + 1, highWater },
    last: false,
  };
}
