// One worker process of the crash test: the runtime and queue workers the Procfile's `worker` runs,
// with BullMQ's stalled-job recovery shortened. It connects, warms up, reports ready, and takes jobs
// only when told to, so that the parent can start the next one while the current one works and kill it
// at a moment of its choosing. It never cleans up after itself: it is meant to die mid-job.
import { sql } from 'kysely';
import { parseEnv } from '../../config/env';
import { startWorkers, type RunningWorkers } from '../../jobs/worker';
import { createRuntime } from '../../src/runtime';
import { crashWorkerSettings, toWorker, type FromWorker } from './crash-protocol';
import { warmUp } from './crash-warm-up';

async function main() {
  const settings = crashWorkerSettings.parse(JSON.parse(process.argv[2] ?? '{}'));
  const runtime = createRuntime(parseEnv(process.env), {
    redisPrefix: settings.redisPrefix,
    // The parent's test clock (harness.ts's testClock would load the whole harness into every worker).
    now: () => new Date(Date.now() + settings.clockOffsetMs),
    silentLogs: !process.env.TEST_LOGS,
    rateLimits: false,
  });
  await Promise.all([sql`select 1`.execute(runtime.ctx.db), runtime.ctx.redis.ping()]);
  await warmUp(runtime.ctx);

  // The SMTP server is the parent's sink, which can say which messages it holds, as a mail service
  // with a message lookup can: a send cut off before it was recorded is settled by asking it.
  const questions = new Map<number, (held: boolean) => void>();
  let asked = 0;
  runtime.ctx.mailer = {
    ...runtime.ctx.mailer,
    accepted: (messageId) =>
      new Promise<boolean>((resolve) => {
        asked += 1;
        questions.set(asked, resolve);
        const question: FromWorker = { type: 'holds?', id: asked, messageId };
        process.send?.(question);
      }),
  };

  let workers: RunningWorkers | undefined;
  process.on('message', (raw) => {
    const message = toWorker.parse(raw);
    if (message.type === 'held') {
      questions.get(message.id)?.(message.held);
      questions.delete(message.id);
    } else if (message.type === 'go') {
      workers ??= startWorkers(runtime.ctx, runtime.queues, runtime.queueSettings, {
        lockDuration: settings.lockDurationMs,
        stalledInterval: settings.stalledIntervalMs,
        // A job may be cut short by many kills in a row; each time it must come back, not fail.
        maxStalledCount: 1_000,
      });
    } else {
      void (async () => {
        await workers?.close();
        await runtime.close();
        process.disconnect();
      })();
    }
  });
  // An orphan (the test process died) has nobody to kill it.
  process.on('disconnect', () => process.exit(0));
  const ready: FromWorker = { type: 'ready' };
  process.send?.(ready);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
