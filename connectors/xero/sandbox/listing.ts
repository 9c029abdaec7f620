// What every Xero list endpoint shares: If-Modified-Since (records updated at or after it), `where`,
// `order`, and paging. Without `page` Xero returns everything and no pagination block; with it, up to
// `pageSize` records (default 100, at most 1000) and `{ page, pageSize, pageCount, itemCount }`.
import type { Request } from 'express';
import { z } from 'zod';
import { compileWhere, QueryParseError, type FieldMap, type FieldValue } from './where-clause';
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

/** Throws QueryParseError for a `where` or `order` it cannot read. */
export function listRecords<R>(
  req: Request,
  records: Iterable<R>,
  definition: ListDefinition<R>,
): ListResult<R> {
  const parsed = listQuery.parse({
    page: queryParam(req, 'page'),
    pageSize: queryParam(req, 'pageSize'),
    where: queryParam(req, 'where'),
    order: queryParam(req, 'order'),
  });
  const since = parseIfModifiedSince(req.get('If-Modified-Since'));
  const where = parsed.where ? compileWhere(parsed.where, definition.fields, definition.typeName) : null;
  const matching = [...records].filter(
    (record) =>
      (since === null || definition.updatedAt(record) >= since) && (where === null || where(record)),
  );
  matching.sort(comparator(parsed.order, definition));
  if (parsed.page === undefined) return { items: matching, pagination: null, paged: false };
  const pageSize = Math.min(parsed.pageSize ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const start = (parsed.page - 1) * pageSize;
  return {
    items: matching.slice(start, start + pageSize),
    pagination: {
      page: parsed.page,
      pageSize,
      pageCount: Math.ceil(matching.length / pageSize),
      itemCount: matching.length,
    },
    paged: true,
  };
}

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
