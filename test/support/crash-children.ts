// The parent's side of the crash test's worker processes: start one (it loads, connects and warms up,
// then waits), let it take jobs, kill it with SIGKILL, or ask the last one to finish and exit. A pool
// keeps a few starting while one works, so that each kill is followed by the next worker at once.
import { fork, type ChildProcess } from 'node:child_process';
import type { Env } from '../../config/env';
import type { CompiledWorker } from './crash-bundle';
import { fromWorker, type CrashWorkerSettings, type ToWorker } from './crash-protocol';

export interface CrashWorker {
  /** Resolves once the process is connected and waiting; rejects if it dies first. */
  ready: Promise<void>;
  go(): void;
  /** SIGKILL, resolving once the process is gone (its sockets closed by the kernel). */
  kill(): Promise<void>;
  /** Lets the jobs in hand finish, then the process exits. */
  stop(): Promise<void>;
}

/** The variables config/env.ts reads, for the same database, Redis, SMTP server, sandbox and keys. */
export function workerEnvironment(env: Env): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: env.databaseUrl,
    REDIS_URL: env.redisUrl,
    SMTP_URL: env.smtpUrl ?? '',
    PUBLIC_URL: env.publicUrl,
    MAIL_FROM: env.mailFrom,
    TOKEN_ENCRYPTION_KEY: env.tokenEncryptionKey.toString('base64'),
    UNSUBSCRIBE_SECRET: env.unsubscribeSecret,
    XERO_CLIENT_ID: env.xero.clientId ?? '',
    XERO_CLIENT_SECRET: env.xero.clientSecret ?? '',
    XERO_IDENTITY_URL: env.xero.identityUrl,
    XERO_API_URL: env.xero.apiUrl,
    LOG_LEVEL: 'warn',
  };
}

export function startCrashWorker(
  compiled: CompiledWorker,
  settings: CrashWorkerSettings,
  environment: Record<string, string>,
  /** Whether the SMTP server holds a message with this Message-ID. */
  holds: (messageId: string) => boolean,
): CrashWorker {
  const child: ChildProcess = fork(compiled.file, [JSON.stringify(settings)], {
    execArgv: [],
    env: { ...process.env, ...environment, NODE_PATH: compiled.nodePath },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  // A worker killed a moment ago can no longer be written to; what it asked dies with it.
  const send = (message: ToWorker) => {
    if (child.connected) child.send(message, (err) => void err);
  };
  // A kill can cut the IPC channel in mid-message and make it report an error: the kill was the point.
  child.on('error', () => undefined);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = new Promise<void>((resolve, reject) => {
    child.on('message', (raw) => {
      const message = fromWorker.parse(raw);
      if (message.type === 'ready') resolve();
      else send({ type: 'held', id: message.id, held: holds(message.messageId) });
    });
    void exited.then(() => reject(new Error(`crash worker ${child.pid} exited before it was ready`)));
  });
  // A standby killed unused rejects its `ready`; nobody is waiting for it then.
  ready.catch(() => undefined);
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  return {
    ready,
    go: () => send({ type: 'go' }),
    async kill() {
      if (!gone()) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (!gone()) send({ type: 'stop' });
      await exited;
    },
  };
}

export function crashWorkerPool(start: () => CrashWorker, standbys: number) {
  const waiting: CrashWorker[] = [];
  const all: CrashWorker[] = [];
  const fill = (target: number) => {
    while (waiting.length < target) {
      const worker = start();
      all.push(worker);
      waiting.push(worker);
    }
  };
  return {
    /** The longest-waiting worker, ready; another starts in its place. */
    async next(): Promise<CrashWorker> {
      fill(standbys + 1);
      const worker = waiting.shift()!;
      fill(standbys);
      await worker.ready;
      return worker;
    },
    /** The longest-waiting worker, ready, with no other left starting. */
    async last(): Promise<CrashWorker> {
      fill(1);
      const worker = waiting.shift()!;
      for (const spare of waiting.splice(0)) await spare.kill();
      await worker.ready;
      return worker;
    },
    killAll: () => Promise.all(all.map((w) => w.kill())),
  };
}
