// The sandbox for a benchmark runs in a process of its own, so the benchmark's memory figure is the
// app's alone. It talks to the parent over IPC: where it listens, call counts, record counts.
import { startXeroSandbox } from '../../connectors/xero/sandbox';
import type { OrganisationSize } from './sync-types';

async function main() {
  const size = JSON.parse(process.argv[2] ?? '{}') as OrganisationSize;
  const sandbox = await startXeroSandbox({ limits: false, organisation: { size } });
  const send = (message: unknown) => process.send?.(message);
  process.on('message', (message: { type: string }) => {
    if (message.type === 'resetCalls') {
      sandbox.store.resetCalls();
      send({ type: 'ok' });
    }
    if (message.type === 'calls') send({ type: 'calls', calls: sandbox.store.calls });
    if (message.type === 'counts') send({ type: 'counts', counts: sandbox.store.resourceCounts() });
    if (message.type === 'close') void sandbox.close().then(() => process.exit(0));
  });
  send({
    type: 'ready',
    url: sandbox.url,
    identityUrl: sandbox.identityUrl,
    clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret,
    tenantId: sandbox.tenantId,
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
