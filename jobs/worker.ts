// The worker: one BullMQ worker per queue, each job thin: parse the payload, call one service, queue
// what follows. Effects happen once because the services are idempotent, not because of job ids.
import { Worker, type Job, type WorkerOptions } from 'bullmq';
import { activeConnections } from '../src/db/repositories/connections';
import type { AppContext } from '../src/services/context';
import { pendingActionIds } from '../src/services/followups/pending-actions';
import { planConnection } from '../src/services/followups/plan-connection';
import { carryOut } from '../src/services/followups/send-action';
import { postPendingNotes } from '../src/services/notes/post-notes';
import { refetchChanged } from '../src/services/sync/refetch-changed';
import { syncConnection } from '../src/services/sync/sync-connection';
import { translateFailure } from './failures';
import { enqueue, payloads, type QueueName, type Queues, type QueueSettings } from './queues';

type Handlers = { [N in QueueName]: (data: ReturnType<(typeof payloads)[N]['parse']>) => Promise<unknown> };

export function jobHandlers(ctx: AppContext, queues: Queues): Handlers {
  return {
    sync: async ({ connectionId, full }) => {
      const summary = await syncConnection(ctx, connectionId, { full });
      if (summary) await enqueue(queues, 'plan', { connectionId }, connectionId);
      return summary;
    },
    plan: async ({ connectionId }) => {
      const summary = await planConnection(ctx, connectionId);
      for (const actionId of await pendingActionIds(ctx.db, connectionId)) {
        await enqueue(queues, 'send', { actionId }, actionId);
      }
      return summary && { planned: summary.planned.length, skips: summary.skips.length };
    },
    send: async ({ actionId }) => {
      const { outcome, retryAt } = await carryOut(ctx, actionId);
      if (outcome === 'deferred' && retryAt) {
        // Outside the send window: the same action is asked again when the window opens.
        const delayMs = Math.max(0, retryAt.getTime() - ctx.now().getTime());
        await enqueue(queues, 'send', { actionId }, `${actionId}@${retryAt.toISOString()}`, { delayMs });
      }
      if (outcome === 'sent' || outcome === 'task_opened' || outcome === 'noted') {
        const action = await ctx.db
          .selectFrom('followup_actions')
          .select('connection_id')
          .where('id', '=', actionId)
          .executeTakeFirstOrThrow();
        await enqueue(queues, 'notes', { connectionId: action.connection_id }, action.connection_id);
      }
      return outcome;
    },
    notes: ({ connectionId }) => postPendingNotes(ctx, connectionId),
    refetch: async ({ connectionId }) => {
      const summary = await refetchChanged(ctx, connectionId);
      if (summary) await enqueue(queues, 'plan', { connectionId }, connectionId);
      return summary;
    },
    tick: async ({ task }) => {
      const connections = await activeConnections(ctx.db);
      for (const { id } of connections) {
        if (task === 'sync-all') await enqueue(queues, 'sync', { connectionId: id }, id);
        if (task === 'full-sync-all') await enqueue(queues, 'sync', { connectionId: id, full: true }, id);
        if (task === 'plan-all') await enqueue(queues, 'plan', { connectionId: id }, id);
        if (task === 'notes-all') await enqueue(queues, 'notes', { connectionId: id }, id);
        if (task === 'refetch-all') await enqueue(queues, 'refetch', { connectionId: id }, id);
      }
      return { connections: connections.length };
    },
  };
}

export interface RunningWorkers {
  close(): Promise<void>;
}

/**
 * BullMQ's own recovery machinery. Production keeps BullMQ's defaults; the crash test shortens them so
 * that the jobs a killed worker held come back within a second instead of thirty.
 */
export type WorkerTuning = Pick<WorkerOptions, 'lockDuration' | 'stalledInterval' | 'maxStalledCount'>;

export function startWorkers(
  ctx: AppContext,
  queues: Queues,
  settings: QueueSettings,
  tuning: WorkerTuning = {},
): RunningWorkers {
  const handlers = jobHandlers(ctx, queues);
  const workers = (Object.keys(handlers) as QueueName[]).map((name) => {
    const worker = new Worker(
      name,
      async (job: Job, token?: string) => {
        const data = payloads[name].parse(job.data);
        try {
          return await (handlers[name] as (d: typeof data) => Promise<unknown>)(data);
        } catch (err) {
          return translateFailure(err, job, token);
        }
      },
      {
        connection: settings.connection,
        prefix: settings.prefix,
        concurrency: name === 'send' ? 4 : 2,
        ...tuning,
      },
    );
    worker.on('failed', (job, err) =>
      ctx.log.warn('job failed', {
        queue: name,
        jobId: job?.id,
        attempt: job?.attemptsMade,
        error: err.message,
      }),
    );
    worker.on('error', (err) => ctx.log.error('worker error', { queue: name, error: err.message }));
    return worker;
  });
  return { close: async () => void (await Promise.all(workers.map((w) => w.close()))) };
}
