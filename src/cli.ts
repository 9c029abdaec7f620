#!/usr/bin/env node
// Operator commands. Each runs to completion and prints one JSON summary on stdout.
import { env } from '../config/env';
import { createDb } from './db/database';
import { ensureDatabaseExists, migrateToLatest } from './db/migrate';
import { createRuntime, type Runtime } from './runtime';
import { followupsAll, syncAll } from './services/runs/run-all';

const USAGE = `Usage: goodwill <command>
  migrate            apply database migrations
  sync [--full]      sync every active connection (--full re-reads everything)
  followups          plan, send and note follow-ups for every active connection`;

export async function runCommand(args: string[], runtime: () => Runtime): Promise<unknown> {
  const [command, ...rest] = args;
  if (command === 'migrate') {
    const config = env();
    await ensureDatabaseExists(config.databaseUrl);
    const db = createDb(config.databaseUrl, 1);
    try {
      return { applied: await migrateToLatest(db) };
    } finally {
      await db.destroy();
    }
  }
  if (command === 'sync' || command === 'followups') {
    const rt = runtime();
    try {
      if (command === 'sync')
        return { connections: await syncAll(rt.ctx, { full: rest.includes('--full') }) };
      return { connections: await followupsAll(rt.ctx) };
    } finally {
      await rt.close();
    }
  }
  throw new UsageError(command ? `Unknown command "${command}".\n${USAGE}` : USAGE);
}

class UsageError extends Error {}

if (require.main === module) {
  runCommand(process.argv.slice(2), () => createRuntime(env(), { silentLogs: true }))
    .then((summary) => {
      console.log(JSON.stringify(summary, null, 2));
      process.exit(0);
    })
    .catch((err: unknown) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exit(err instanceof UsageError ? 64 : 1);
    });
}
