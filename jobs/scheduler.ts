// The recurring work, as BullMQ job schedulers (upserted, so every process may declare them safely).
import type { Queues } from './queues';

const EVERY_MINUTE = 60_000;

export async function declareSchedules(queues: Queues): Promise<void> {
  // Xero has no payment webhook: payments are only ever learned by polling.
  await queues.tick.upsertJobScheduler(
    'sync-all',
    { every: 15 * EVERY_MINUTE },
    { data: { task: 'sync-all' } },
  );
  await queues.tick.upsertJobScheduler(
    'full-sync-all',
    { pattern: '0 3 * * *' },
    { data: { task: 'full-sync-all' } },
  );
  await queues.tick.upsertJobScheduler(
    'plan-all',
    { every: 60 * EVERY_MINUTE },
    { data: { task: 'plan-all' } },
  );
  await queues.tick.upsertJobScheduler(
    'notes-all',
    { every: 5 * EVERY_MINUTE },
    { data: { task: 'notes-all' } },
  );
}
