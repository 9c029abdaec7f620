// One page of one resource per call, as the sync contract asks: GET with page, the largest page size,
// If-Modified-Since from the cursor, sales documents only, oldest change first. The resources
// themselves are described in sources.ts.
import type { AccountingApi } from 'xero-node';
import type { z } from 'zod';
import type { ApiContext, Instant, Page, SyncCursor } from '../types';
import type { XeroNodeCall } from './client';
import { checkCursor, isLastPage, nextCursor } from './cursor';
import { laterInstant } from './dates';
import { parseEnvelope, parseRecord, recordError } from './parse';
import { XERO_PAGE_SIZE } from './provider';
import type { RawListPage } from './schemas';
import type { TenantClient } from './tenant-client';

export interface PageRequest {
  tenantId: string;
  page: number;
  modifiedSince: Date | undefined;
}

/** How one Xero list endpoint is asked for, parsed and mapped. */
export interface ListSource<Raw extends { UpdatedDateUTC: string }, Out> {
  resource: string;
  idField: string;
  envelope: z.ZodType<RawListPage>;
  record: z.ZodType<Raw>;
  request(api: AccountingApi, page: PageRequest): XeroNodeCall;
  keep(raw: Raw): boolean;
  map(raw: Raw): Out;
}

/** Parses and maps every record of a page; any bad record fails the whole page, naming itself. */
export function readPage<Raw extends { UpdatedDateUTC: string }, Out>(
  source: ListSource<Raw, Out>,
  records: unknown[],
  what: string,
): { kept: Out[]; newest: Instant | null } {
  const kept: Out[] = [];
  let newest: Instant | null = null;
  records.forEach((raw, index) => {
    const record = parseRecord(source.record, raw, what, index, source.idField);
    // Records we skip still moved the clock: the pass has seen them.
    newest = laterInstant(newest, record.UpdatedDateUTC);
    if (!source.keep(record)) return;
    try {
      kept.push(source.map(record));
    } catch (err) {
      throw recordError(what, index, raw, source.idField, err instanceof Error ? err.message : String(err));
    }
  });
  return { kept, newest };
}

export async function pullPage<Raw extends { UpdatedDateUTC: string }, Out>(
  client: TenantClient,
  source: ListSource<Raw, Out>,
  ctx: ApiContext,
  cursor: SyncCursor,
): Promise<Page<Out>> {
  checkCursor(cursor);
  const what = `${source.resource} page ${cursor.nextPage}`;
  const request: PageRequest = {
    tenantId: ctx.tenantId,
    page: cursor.nextPage,
    modifiedSince: cursor.modifiedSince === null ? undefined : new Date(cursor.modifiedSince),
  };
  const body = await client(ctx, { what, repeatable: true, send: (api) => source.request(api, request) });
  const { records, pagination } = parseEnvelope(source.envelope, body, what);
  const { kept, newest } = readPage(source, records, what);
  const last = isLastPage(records.length, XERO_PAGE_SIZE, pagination);
  return { records: kept, cursor: nextCursor(cursor, newest, last), last };
}
