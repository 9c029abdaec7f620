// One statement per page: every column travels as a single array parameter and `unnest` turns them
// back into rows. A multi-row VALUES list binds one parameter per cell (14,000 for a page of invoices),
// and Postgres spends longer parsing and planning that than writing the rows.
//
// Every other statement of a page reads or changes rows by the page's own keys, and must look each key
// up in an index however large the connection is. Left to itself the planner will not: during a first
// sync a table grows by many thousands of rows a second while its statistics still describe it as
// empty (or hold no figure for a new connection), so it reads every row of the connection once per page
// (a hash join, or a bitmap scan on `connection_id` alone) and the sync slows quadratically. Planner
// settings do not help: without statistics, turning hash joins off makes it loop over the whole
// connection instead. What does hold is the shape of the statement: a correlated subquery, a `lateral`
// subquery fenced with `offset 0` (so it cannot be flattened into a join), or `= any(array(…))` are each
// run once per key, through the index that matches all of their conditions.
import { sql, type RawBuilder } from 'kysely';
import { arrayParam } from '../../db/array-literal';

/** A column of a synced table: its Postgres type and how to read it from a canonical record. An `id`
 * is only ever inserted: a row keeps the id it was first given. */
export interface BulkColumn<Row> {
  name: string;
  type: 'text' | 'bigint' | 'date' | 'timestamptz' | 'boolean' | 'jsonb' | 'uuid' | 'int';
  value: (row: Row) => string | number | boolean | null;
}

export interface BulkUpsert<Row> {
  table: 'contacts' | 'invoices' | 'payments' | 'credits';
  connectionId: string;
  columns: readonly BulkColumn<Row>[];
  rows: readonly Row[];
}

/**
 * Inserts rows keyed by (connection_id, external_id), updating an existing row only from a copy at
 * least as new as the one held: pages can arrive out of order, and an older copy must never win.
 */
export function upsertByExternalId<Row>(spec: BulkUpsert<Row>): RawBuilder<unknown> {
  const table = sql.table(spec.table);
  const names = sql.join(spec.columns.map((c) => sql.ref(c.name)));
  const arrays = sql.join(spec.columns.map((c) => arrayParam(spec.rows.map(c.value), c.type)));
  const updates = sql.join(
    spec.columns
      .filter((c) => c.name !== 'external_id' && c.name !== 'id')
      .map((c) => sql`${sql.ref(c.name)} = ${sql.ref(`excluded.${c.name}`)}`),
  );
  return sql`
    insert into ${table} (connection_id, ${names})
    select ${spec.connectionId}::uuid, r.* from unnest(${arrays}) as r
    on conflict (connection_id, external_id) do update set ${updates}
    where ${sql.ref(`${spec.table}.remote_updated_at`)} <= excluded.remote_updated_at`;
}

/**
 * Marks invoices for reconciliation, skipping those already marked (a no-op update still writes).
 * `= any(array(…))` looks each id up in the index (see above); with `in (…)` Postgres would rather hash
 * every invoice of the connection, for every page of payments.
 */
export function flagForReconcile(
  connectionId: string,
  externalIds: RawBuilder<unknown>,
): RawBuilder<unknown> {
  return sql`
    update invoices set needs_reconcile = true
    where connection_id = ${connectionId} and not needs_reconcile
      and external_id = any(array(${externalIds}))`;
}
