// The sandbox for a benchmark runs in a process of its own, so the benchmark's memory figure is the
// app's alone. It talks to the parent over IPC: where it listens, call counts, record counts, the CPU
// it has used.
import type { Platform } from '../../connectors/types';
import { ownCpuSeconds } from './cpu-split';
import { startBenchSandbox } from './sandbox-start';
import type { OrganisationSize } from './sync-types';

async function main() {
  const platform = (process.argv[2] ?? 'xero') as Platform;
  const size = JSON.parse(process.argv[3] ?? '{}') as OrganisationSize;
  const sandbox = await startBenchSandbox(platform, size);
  const send = (message: unknown) => process.send?.(message);
  process.on('message', (message: { type: string }) => {
    if (message.type === 'resetCalls') {
      sandbox.resetCalls();
      send({ type: 'ok' });
    }
    if (message.type === 'calls') send({ type: 'calls', calls: sandbox.calls() });
    if (message.type === 'counts') send({ type: 'counts', counts: sandbox.counts() });
    if (message.type === 'cpu') send({ type: 'cpu', seconds: ownCpuSeconds() });
    if (message.type === 'close') void sandbox.close().then(() => process.exit(0));
  });
  send({ type: 'ready', details: sandbox.details });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
