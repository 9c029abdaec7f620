// Runs a parsed query over one company. Records are kept in Id order (Maps hold them in the order
// their Ids were handed out); a query's matches, filtered and ordered, are kept as a view until the
// books next change, so that paging through 100,000 invoices a thousand at a time filters and sorts
// once, and each page is a slice.
import type { Condition, ParsedQuery } from './query-parse';
import {
  coerce,
  QueryValidationError,
  resolveField,
  type FieldContext,
  type ResolvedField,
  type Value,
} from './query-fields';
import { ENTITY_NAMES, type CompanyData, type EntityBase, type EntityName } from './records';

export interface QueryResult {
  entity: EntityName;
  /** For COUNT(*): how many match. */
  totalCount?: number;
  /** For SELECT *: the page. */
  records?: EntityBase[];
}

const VIEW_LIMIT = 8;

export function entityOf(name: string): EntityName {
  const entity = ENTITY_NAMES.find((e) => e.toLowerCase() === name.toLowerCase());
  if (!entity) throw new QueryValidationError(`Invalid context declaration : ${name}`);
  return entity;
}

export function recordsOf(data: CompanyData, entity: EntityName): Iterable<EntityBase> {
  switch (entity) {
    case 'Invoice':
      return data.invoices.values();
    case 'Payment':
      return data.payments.values();
    case 'CreditMemo':
      return data.creditMemos.values();
    case 'Customer':
      return data.customers.values();
    case 'Attachable':
      return data.attachables.values();
  }
}

type Test = (record: EntityBase) => boolean;

function compare(a: Value, b: Value): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

function likeTest(pattern: string): (value: string) => boolean {
  const escaped = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*');
  const regex = new RegExp(`^${escaped}$`, 'i');
  return (value) => regex.test(value);
}

function normal(field: ResolvedField, value: Value): Value {
  return field.kind === 'text' && typeof value === 'string' ? value.toLowerCase() : value;
}

function conditionTest(entity: EntityName, ctx: FieldContext, cond: Condition): Test {
  const field = resolveField(entity, cond.field);
  const zone = ctx.data.info.timeZone;
  const values = (record: EntityBase): Value[] => {
    const got = field.get(record, ctx);
    return (Array.isArray(got) ? got : [got]).map((v) => normal(field, v));
  };
  if (cond.op === 'IN') {
    const wanted = new Set(
      (cond.value as (string | number | boolean)[]).map((v) => coerce(field, cond.field, v, zone)),
    );
    return (record) => values(record).some((v) => wanted.has(v));
  }
  if (Array.isArray(cond.value)) throw new QueryValidationError(`${cond.op} takes one value`);
  if (cond.op === 'LIKE') {
    const like = likeTest(String(cond.value));
    return (record) => values(record).some((v) => typeof v === 'string' && like(v));
  }
  const target = coerce(field, cond.field, cond.value, zone);
  const accept: Record<string, (c: number) => boolean> = {
    '=': (c) => c === 0,
    '!=': (c) => c !== 0,
    '<': (c) => c < 0,
    '>': (c) => c > 0,
    '<=': (c) => c <= 0,
    '>=': (c) => c >= 0,
  };
  const ok = accept[cond.op] ?? (() => false);
  return (record) => values(record).some((v) => v !== null && ok(compare(v, target)));
}

export class QueryViews {
  private views = new Map<string, { revision: number; records: EntityBase[] }>();

  constructor(private readonly revision: () => number) {}

  /** Throws QueryValidationError for an entity or property QuickBooks would not take. */
  run(ctx: FieldContext, query: ParsedQuery): QueryResult {
    const entity = entityOf(query.entity);
    const matches = this.matches(ctx, entity, query);
    if (query.count) return { entity, totalCount: matches.length };
    const start = query.startPosition - 1;
    return { entity, records: matches.slice(start, start + query.maxResults) };
  }

  private matches(ctx: FieldContext, entity: EntityName, query: ParsedQuery): EntityBase[] {
    const viewKey = JSON.stringify([entity, query.where, query.order]);
    const kept = this.views.get(viewKey);
    if (kept && kept.revision === this.revision()) return kept.records;
    const tests = query.where.map((cond) => conditionTest(entity, ctx, cond));
    // Customers are a name list: QuickBooks leaves inactive ones out unless the query names Active.
    if (entity === 'Customer' && !query.where.some((c) => c.field.toLowerCase() === 'active')) {
      tests.push((record) => (record as unknown as { active: boolean }).active);
    }
    const records: EntityBase[] = [];
    for (const record of recordsOf(ctx.data, entity))
      if (tests.every((test) => test(record))) records.push(record);
    if (query.order.length > 0) {
      const keys = query.order.map(({ field, desc }) => ({ field: resolveField(entity, field), desc }));
      const first = (v: Value | Value[]) => (Array.isArray(v) ? (v[0] ?? null) : v);
      records.sort((a, b) => {
        for (const { field, desc } of keys) {
          const c = compare(normal(field, first(field.get(a, ctx))), normal(field, first(field.get(b, ctx))));
          if (c !== 0) return desc ? -c : c;
        }
        return Number(a.id) - Number(b.id);
      });
    }
    if (this.views.size >= VIEW_LIMIT) this.views.clear();
    this.views.set(viewKey, { revision: this.revision(), records });
    return records;
  }
}
