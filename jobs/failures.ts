// How a job's failure is carried out, following the one retry policy of connectors/shared/errors.ts:
// stop for good, wait for the platform's Retry-After, or let BullMQ retry with backoff.
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { isConnectorError, retryPolicy } from '../connectors/shared/errors';

export async function translateFailure(err: unknown, job: Job, token: string | undefined): Promise<never> {
  if (isConnectorError(err)) {
    const decision = retryPolicy[err.code];
    if (decision === 'stop') throw new UnrecoverableError(`${err.code}: ${err.message}`);
    if (decision === 'wait' && token) {
      // Only this job waits; other tenants' jobs keep flowing.
      await job.moveToDelayed(Date.now() + (err.details.retryAfterMs ?? 60_000), token);
      throw new DelayedError();
    }
  }
  throw err;
}
