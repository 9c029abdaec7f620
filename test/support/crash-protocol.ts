// What the crash test and its worker processes say to each other over the IPC channel, and the
// settings a worker process is started with. Kept apart so that the parent never loads the worker's
// entry file (which runs on import).
import { z } from 'zod';

export const crashWorkerSettings = z.object({
  redisPrefix: z.string().min(1),
  /** The parent's test clock minus the wall clock: every process reads the same business day. */
  clockOffsetMs: z.number().int(),
  lockDurationMs: z.number().int().positive(),
  stalledIntervalMs: z.number().int().positive(),
});
export type CrashWorkerSettings = z.infer<typeof crashWorkerSettings>;

/**
 * Parent to worker: start taking jobs; finish the jobs in hand and exit; and the answer to whether
 * the SMTP server holds a message.
 */
export const toWorker = z.discriminatedUnion('type', [
  z.object({ type: z.literal('go') }),
  z.object({ type: z.literal('stop') }),
  z.object({ type: z.literal('held'), id: z.number().int(), held: z.boolean() }),
]);
export type ToWorker = z.infer<typeof toWorker>;

/**
 * Worker to parent: connected to Postgres and Redis, warmed up and waiting for 'go'; and the question
 * of whether the SMTP server holds a message (the parent's sink can say, as a mail service with a
 * message lookup can).
 */
export const fromWorker = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('holds?'), id: z.number().int(), messageId: z.string() }),
]);
export type FromWorker = z.infer<typeof fromWorker>;
