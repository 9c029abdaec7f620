// What every Xero list endpoint shares: If-Modified-Since (records updated at or after it), `where`,
// `order`, and paging. Without `page` Xero returns everything and no pagination block; with it, up to
// `pageSize` records (default 100, at most 1000) and `{ page, pageSize, pageCount, itemCount }`.
import type { Request } from 'express';
import { z } from 'zod';
import { compileWhere, QueryParseError, type FieldMap, type FieldValue } from './where-clause';
import { firstUpdatedSince, type Ordered, type UpdatedOrder } from './updated-order';
import { parseIfModifiedSince } from './xero-dates';

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

export interface Pagination {
  page: number;
  pageSize: number;
  pageCount: number;
  itemCount: number;
}

export interface ListDefinition<R> {
  /** Xero's type name, for error messages: `Invoice`, `Payment`. */
  typeName: string;
  fields: FieldMap<R>;
  id: (record: R) => string;
  updatedAt: (record: R) => number;
}

const listQuery = z.object({
  page: z.coerce.number().int().min(1).optional().catch(1),
  pageSize: z.coerce.number().int().min(1).optional().catch(DEFAULT_PAGE_SIZE),
  where: z.string().trim().min(1).optional().catch(undefined),
  order: z.string().trim().min(1).optional().catch(undefined),
});

/** A query parameter by name, matched without regard to case as Xero's API does; the first if repeated. */
export function queryParam(req: Request, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(req.query)) {
    if (key.toLowerCase() !== wanted) continue;
    const first: unknown = Array.isArray(value) ? value[0] : value;
    return typeof first === 'string' ? first : undefined;
  }
  return undefined;
}

/** `IDs`, `Statuses` and friends: comma-separated, optionally quoted. */
export function queryList(req: Request, name: string): string[] | null {
  const text = queryParam(req, name);
  if (text === undefined || text.trim() === '') return null;
  return text
    .split(',')
    .map((part) => part.trim().replace(/^"|"$/g, ''))
    .filter(Boolean);
}

export interface ListResult<R> {
  items: R[];
  pagination: Pagination | null;
  paged: boolean;
}

/** A route's own parameters (IDs, Statuses…) as a test, and a key naming them for the view cache. */
export interface RouteFilter<R> {
  key: string;
  test: (record: R) => boolean;
}

/**
 * `collection` keeps the records in the default order (see updated-order.ts), so If-Modified-Since is
 * a binary search and a page without `where` or `order` is a slice. Filtered and re-ordered lists are
 * views of it, built once per state of the books, so paging through one costs a slice per page too.
 * Throws QueryParseError for a `where` or `order` it cannot read.
 */
export function listRecords<R extends Ordered>(
  req: Request,
  collection: UpdatedOrder<R>,
  definition: ListDefinition<R>,
  filter?: RouteFilter<R>,
): ListResult<R> {
  const parsed = listQuery.parse({
    page: queryParam(req, 'page'),
    pageSize: queryParam(req, 'pageSize'),
    where: queryParam(req, 'where'),
    order: queryParam(req, 'order'),
  });
  const since = parseIfModifiedSince(req.get('If-Modified-Since'));
  const where = parsed.where ? compileWhere(parsed.where, definition.fields, definition.typeName) : null;
  const test =
    where && filter ? (record: R) => filter.test(record) && where(record) : (where ?? filter?.test ?? null);
  const order =
    parsed.order !== undefined && !DEFAULT_ORDER.test(parsed.order)
      ? comparator(parsed.order, definition)
      : null;

  let list: readonly R[];
  let from = 0;
  if (test === null && order === null) {
    list = collection.records();
  } else {
    const key = JSON.stringify([filter?.key ?? null, parsed.where ?? null, order ? parsed.order : null]);
    list = collection.view(key, (records) => {
      const matching = test === null ? [...records] : records.filter(test);
      return order ? matching.sort(order) : matching;
    });
  }
  if (since !== null) {
    // Re-ordered views are not in UpdatedDateUTC order; the others are.
    if (order) list = list.filter((record) => record.updatedAt >= since);
    else from = firstUpdatedSince(list, since);
  }

  const paged = parsed.page !== undefined;
  const itemCount = list.length - from;
  if (!paged) return { items: list.slice(from), pagination: null, paged: false };
  const pageSize = Math.min(parsed.pageSize ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const start = ((parsed.page ?? 1) - 1) * pageSize;
  return {
    items: list.slice(from + start, from + Math.min(start + pageSize, itemCount)),
    pagination: { page: parsed.page ?? 1, pageSize, pageCount: Math.ceil(itemCount / pageSize), itemCount },
    paged: true,
  };
}

/** What clients usually ask for, and the order the collection keeps (ties go by id either way). */
const DEFAULT_ORDER = /^\s*UpdatedDateUTC(\s+ASC)?\s*$/i;

/**
 * `order=UpdatedDateUTC DESC, InvoiceNumber`; by default oldest change first. The record id breaks
 * ties so that pages never overlap or skip.
 */
function comparator<R>(order: string | undefined, definition: ListDefinition<R>): (a: R, b: R) => number {
  const byName = new Map(Object.entries(definition.fields).map(([name, get]) => [name.toLowerCase(), get]));
  const keys: { get: (record: R) => FieldValue; direction: number }[] = [];
  for (const part of (order ?? '').split(',').filter((p) => p.trim() !== '')) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_.]*)\s*(ASC|DESC)?\s*$/i.exec(part);
    const get = match?.[1] ? byName.get(match[1].toLowerCase()) : undefined;
    if (!match || !get) {
      throw new QueryParseError(
        `No property or field '${part.trim()}' exists in type '${definition.typeName}'`,
      );
    }
    keys.push({ get, direction: match[2]?.toUpperCase() === 'DESC' ? -1 : 1 });
  }
  if (keys.length === 0) keys.push({ get: definition.updatedAt, direction: 1 });
  return (a, b) => {
    for (const { get, direction } of keys) {
      const difference = compareValues(get(a), get(b));
      if (difference !== 0) return difference * direction;
    }
    return compareValues(definition.id(a), definition.id(b));
  };
}

function compareValues(a: FieldValue, b: FieldValue): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}
