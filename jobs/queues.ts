// The queues, each with the zod schema of its payload. Payloads carry ids only: never tokens, never
// customer data, so nothing sensitive sits in Redis.
import { Queue, type ConnectionOptions } from 'bullmq';
import { z } from 'zod';

export const payloads = {
  sync: z.object({ connectionId: z.uuid(), full: z.boolean().default(false) }),
  plan: z.object({ connectionId: z.uuid() }),
  send: z.object({ actionId: z.uuid() }),
  notes: z.object({ connectionId: z.uuid() }),
  refetch: z.object({ connectionId: z.uuid() }),
  tick: z.object({ task: z.enum(['sync-all', 'full-sync-all', 'plan-all', 'notes-all', 'refetch-all']) }),
};

export type QueueName = keyof typeof payloads;
export type Payload<N extends QueueName> = z.input<(typeof payloads)[N]>;

export const QUEUE_NAMES = Object.keys(payloads) as QueueName[];

export interface QueueSettings {
  connection: ConnectionOptions;
  /** Keeps one deployment's (or one test's) queues apart from another's in the same Redis. */
  prefix: string;
}

// Payloads are validated by `enqueue` on the way in and by the worker on the way out, so the queues
// themselves stay untyped.
export type Queues = Record<QueueName, Queue>;

export function createQueues(settings: QueueSettings): Queues {
  const make = (name: QueueName) =>
    new Queue(name, {
      connection: settings.connection,
      prefix: settings.prefix,
      defaultJobOptions: {
        attempts: 6,
        backoff: { type: 'exponential', delay: 2_000 },
        removeOnComplete: { count: 1000 },
        removeOnFail: { count: 5000 },
      },
    });
  return {
    sync: make('sync'),
    plan: make('plan'),
    send: make('send'),
    notes: make('notes'),
    refetch: make('refetch'),
    tick: make('tick'),
  };
}

/**
 * Adds a job, validating its payload first. With a key, one job per key waits at a time; with a delay
 * as well, notices arriving within it gather into that one job.
 */
export async function enqueue<N extends QueueName>(
  queues: Queues,
  name: N,
  data: Payload<N>,
  dedupeKey?: string,
  options: { delayMs?: number } = {},
) {
  const parsed = payloads[name].parse(data);
  return queues[name].add(name, parsed, {
    ...(dedupeKey ? { deduplication: { id: `${name}:${dedupeKey}` } } : {}),
    ...(options.delayMs ? { delay: options.delayMs } : {}),
  });
}

export async function closeQueues(queues: Queues): Promise<void> {
  await Promise.all(Object.values(queues).map((q) => q.close()));
}
