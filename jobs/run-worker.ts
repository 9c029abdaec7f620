// The `worker` process of the Procfile: runs the queues and declares the schedules.
import { env } from '../config/env';
import { createRuntime } from '../src/runtime';
import { declareSchedules } from './scheduler';
import { startWorkers } from './worker';

const runtime = createRuntime(env());
const workers = startWorkers(runtime.ctx, runtime.queues, runtime.queueSettings);
void declareSchedules(runtime.queues).then(() => runtime.ctx.log.info('worker started'));
process.once('SIGTERM', async () => {
  await workers.close();
  await runtime.close();
});
