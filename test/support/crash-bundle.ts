// The crash test starts over a hundred worker processes, one after another. Through tsx each spends most
// of a second of CPU loading (every module passes tsx's loader hooks); compiled once into one
// CommonJS file, with the packages left to Node's own loader, it takes about half of that, which on a
// two-core machine is the difference between a test of one minute and one of two. esbuild (a dev
// dependency, the compiler tsx itself runs) does the compiling.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

export interface CompiledWorker {
  file: string;
  /** NODE_PATH for the compiled file, which lives outside the project and its node_modules. */
  nodePath: string;
  dispose(): Promise<void>;
}

export async function compileCrashWorker(): Promise<CompiledWorker> {
  const dir = await mkdtemp(join(tmpdir(), 'goodwill-crash-'));
  const file = join(dir, 'crash-worker.js');
  await build({
    entryPoints: [join(__dirname, 'crash-worker.ts')],
    outfile: file,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
  });
  return {
    file,
    nodePath: join(__dirname, '..', '..', 'node_modules'),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}
