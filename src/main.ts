// Everything in one process: migrations, the web app, the worker and the schedules. With no platform
// credentials it brings its own sandbox Xero organisation and QuickBooks company and mail sink, so a fresh checkout just runs.
import { env } from '../config/env';
import { startWorkers } from '../jobs/worker';
import { declareSchedules } from '../jobs/scheduler';
import { ensureDatabaseExists, migrateToLatest } from './db/migrate';
import { startDevServices } from './dev-services';
import { createRuntime } from './runtime';
import { createWebApp } from './web/app';

async function main() {
  const dev = await startDevServices(env());
  await ensureDatabaseExists(dev.env.databaseUrl);
  const runtime = createRuntime(dev.env);
  const { ctx } = runtime;
  const applied = await migrateToLatest(ctx.db);
  if (applied.length > 0) ctx.log.info('migrations applied', { applied });

  const workers = startWorkers(ctx, runtime.queues, runtime.queueSettings);
  await declareSchedules(runtime.queues);
  const app = createWebApp(ctx, {
    queues: runtime.queues,
    sink: dev.sink,
    smsSink: dev.smsSink,
    sandboxes: [
      ...(dev.sandbox ? (['xero'] as const) : []),
      ...(dev.quickbooks ? (['quickbooks'] as const) : []),
    ],
    sessionSecret: dev.env.sessionSecret,
    sessionPrefix: 'goodwill:session:',
  });
  const server = app.listen(dev.env.port, () => {
    console.log(`Goodwill is running. Open ${dev.env.publicUrl}`);
    if (dev.sandbox) console.log(`Using the sandbox Xero organisation (API at ${dev.sandbox.url}).`);
    if (dev.quickbooks)
      console.log(`Using the sandbox QuickBooks Online company (API at ${dev.quickbooks.url}).`);
    if (dev.sink)
      console.log(`Email is caught by the development mail sink: see ${dev.env.publicUrl}/outbox`);
    if (dev.smsSink)
      console.log(`Texts are caught by the development SMS sink: see ${dev.env.publicUrl}/outbox`);
  });

  const shutdown = async () => {
    server.close();
    await workers.close();
    await runtime.close();
    await dev.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
