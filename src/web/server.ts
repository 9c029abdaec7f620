// The `web` process of the Procfile: serves HTTP only; the worker process does the jobs.
import { env } from '../../config/env';
import { createRuntime } from '../runtime';
import { createWebApp } from './app';

const config = env();
const runtime = createRuntime(config);
const app = createWebApp(runtime.ctx, {
  queues: runtime.queues,
  sink: null,
  sandboxes: [],
  sessionSecret: config.sessionSecret,
  sessionPrefix: 'goodwill:session:',
});
const server = app.listen(config.port, () => runtime.ctx.log.info('web listening', { port: config.port }));
process.once('SIGTERM', () => {
  server.close();
  void runtime.close();
});
