// The floor a sync is measured against: the time Postgres takes to COPY the very rows the sync wrote,
// straight from CSV into tables of the same shape. No sync can store them faster.
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';

const TABLES = ['contacts', 'invoices', 'payments', 'credits', 'credit_allocations'];

async function dump(client: pg.PoolClient, table: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const stream = client.query(copyTo(`copy ${table} to stdout with (format csv)`));
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Runs of the COPY; the median is reported, since one run can meet autovacuum on the fresh tables. */
const RUNS = 3;

async function copyOnce(client: pg.PoolClient, dumps: Map<string, Buffer>): Promise<number> {
  for (const table of TABLES) {
    await client.query(`drop table if exists floor_${table}`);
    await client.query(
      `create temporary table floor_${table} (like ${table} including defaults including indexes)`,
    );
  }
  const started = process.hrtime.bigint();
  for (const table of TABLES) {
    await pipeline(
      Readable.from([dumps.get(table)!]),
      client.query(copyFrom(`copy floor_${table} from stdin with (format csv)`)),
    );
  }
  return Number(process.hrtime.bigint() - started) / 1e9;
}

export async function copyFloorSeconds(databaseUrl: string): Promise<number> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  const client = await pool.connect();
  try {
    const dumps = new Map<string, Buffer>();
    for (const table of TABLES) dumps.set(table, await dump(client, table));
    const runs: number[] = [];
    for (let i = 0; i < RUNS; i += 1) runs.push(await copyOnce(client, dumps));
    return runs.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
  } finally {
    client.release();
    await pool.end();
  }
}
