#!/usr/bin/env node
// Operator commands. Each runs to completion and prints one JSON summary on stdout.
import { env } from '../config/env';
import { createDb } from './db/database';
import { ensureDatabaseExists, migrateToLatest } from './db/migrate';
import { createRuntime, type Runtime } from './runtime';
import { followupsAll, syncAll } from './services/runs/run-all';
import { OPERATOR_COMMANDS } from './cli-commands';
import { CONTACT_COMMANDS } from './cli-contact-commands';
import { ArrangementError } from './services/arrangements/input';
import { CallError } from './services/calls/input';
import { BounceNoticeError } from './email/bounce-notice';

const USAGE = `Usage: goodwill <command>
  migrate                                    apply database migrations
  sync [--full]                              sync every active connection (--full re-reads everything)
  followups                                  plan, send and note follow-ups for every active connection
  simulate --connection ID [--customer ID] [--days 90]
                                             what would be sent in the coming days, and why (nothing is sent)
  dispute --invoice ID --reason TEXT         record a dispute: chasing of the invoice pauses
  promise --invoice ID --date YYYY-MM-DD     record a promise to pay: chasing pauses until then
  plan --invoice ID --instalment YYYY-MM-DD:AMOUNT ...
                                             agree a payment plan: instalment reminders replace chasing
  resolve --dispute ID --outcome TEXT        close a dispute: chasing resumes
  call --invoice ID [--invoice ID ...] --person NAME --outcome reached|voicemail|no_answer|wrong_number
       [--number PHONE] [--summary TEXT] [--promise YYYY-MM-DD]
                                             log a call: noted on the invoices; a promise pauses chasing
  bounce --file PATH|-                       read a bounce notice (RFC 3464): the failed address is suppressed`;

const COMMANDS = { ...OPERATOR_COMMANDS, ...CONTACT_COMMANDS };
const REFUSALS = [ArrangementError, CallError, BounceNoticeError];

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
  if (command && command in COMMANDS) {
    const rt = runtime();
    try {
      return await COMMANDS[command]!(rt, options(rest));
    } finally {
      await rt.close();
    }
  }
  throw new UsageError(command ? `Unknown command "${command}".\n${USAGE}` : USAGE);
}

export class UsageError extends Error {}

/** `--name value` pairs; a name given more than once collects every value. */
function options(args: string[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) throw new UsageError(`Unexpected "${arg}".\n${USAGE}`);
    const value = args[i + 1];
    if (value === undefined || value.startsWith('--'))
      throw new UsageError(`${arg} needs a value.\n${USAGE}`);
    map.set(arg.slice(2), [...(map.get(arg.slice(2)) ?? []), value]);
    i++;
  }
  return map;
}

if (require.main === module) {
  runCommand(process.argv.slice(2), () => createRuntime(env(), { silentLogs: true }))
    .then((summary) => {
      console.log(JSON.stringify(summary, null, 2));
      process.exit(0);
    })
    .catch((err: unknown) => {
      console.error(err instanceof Error ? err.message : String(err));
      // 64: the command was wrong; 65: what it said was refused (named in the message).
      process.exit(err instanceof UsageError ? 64 : REFUSALS.some((r) => err instanceof r) ? 65 : 1);
    });
}
