// The parent's side of the sandbox process: start it, wait until it listens, ask it things.
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Platform } from '../../connectors/types';
import type { OrganisationSize } from './sync-types';

export interface SandboxChild {
  /** Where the sandbox listens and its app credentials, as sandbox-start.ts names them. */
  details: Record<string, string>;
  ask<T>(type: string): Promise<T>;
  close(): Promise<void>;
}

export async function startSandboxChild(platform: Platform, size: OrganisationSize): Promise<SandboxChild> {
  // Compiled benchmarks fork the compiled sandbox; from sources, tsx compiles it on the way.
  const compiled = __filename.endsWith('.js');
  const child: ChildProcess = fork(
    join(__dirname, compiled ? 'sandbox-process.js' : 'sandbox-process.ts'),
    [platform, JSON.stringify(size)],
    {
      // A compiled parent's flags go along, so `node --cpu-prof` profiles the sandbox as well.
      execArgv: compiled ? process.execArgv : ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const next = () =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      child.once('message', (m) => resolve(m as Record<string, unknown>));
      child.once('exit', (code) => reject(new Error(`sandbox process exited with ${code}`)));
    });
  const ready = await next();
  return {
    details: ready.details as Record<string, string>,
    async ask<T>(type: string) {
      const answer = next();
      child.send({ type });
      return (await answer) as T;
    },
    async close() {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ type: 'close' });
      await exited;
    },
  };
}
