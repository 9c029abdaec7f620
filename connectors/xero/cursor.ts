// Cursor arithmetic for one pass over a resource, kept pure so that the sequence can be tested alone.
// A pass asks for records modified since `modifiedSince`, page by page; the newest modification seen
// becomes the start of the next pass once the last page is committed.
import { ConnectorError } from '../shared/errors';
import type { Instant, SyncCursor } from '../types';
import { laterInstant } from './dates';
import type { RawPagination } from './schemas';

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

/**
 * The last page is one with fewer records than a full page, or the one Xero's pagination calls the
 * last. A server that caps the page size says so in `pagination.pageSize`, which then counts as full.
 */
export function isLastPage(
  recordCount: number,
  requestedPageSize: number,
  pagination: RawPagination | undefined,
): boolean {
  const fullPage = pagination?.pageSize ?? requestedPageSize;
  if (recordCount < fullPage) return true;
  return pagination !== undefined && pagination.page >= pagination.pageCount;
}

export function nextCursor(cursor: SyncCursor, newestInPage: Instant | null, last: boolean): SyncCursor {
  const highWater = laterInstant(cursor.highWater, newestInPage);
  if (last) return { modifiedSince: highWater ?? cursor.modifiedSince, nextPage: 1, highWater: null };
  return { modifiedSince: cursor.modifiedSince, nextPage: cursor.nextPage + 1, highWater };
}
