// How a job's failure is carried out, following the retry policies of connectors/shared/errors.ts and
// src/sms/provider.ts: stop for good, wait for Retry-After, or let BullMQ retry with backoff.
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { isConnectorError, retryPolicy } from '../connectors/shared/errors';
import { isSmsError, smsRetryPolicy } from '../src/sms/provider';

export async function translateFailure(err: unknown, job: Job, token: string | undefined): Promise<never> {
  const rule = isConnectorError(err)
    ? { decision: retryPolicy[err.code], code: err.code, retryAfterMs: err.details.retryAfterMs }
    : isSmsError(err)
      ? { decision: smsRetryPolicy[err.code], code: err.code, retryAfterMs: err.details.retryAfterMs }
      : null;
  if (rule && err instanceof Error) {
    if (rule.decision === 'stop') throw new UnrecoverableError(`${rule.code}: ${err.message}`);
    if (rule.decision === 'wait' && token) {
      // Only this job waits; other tenants' jobs keep flowing.
      await job.moveToDelayed(Date.now() + (rule.retryAfterMs ?? 60_000), token);
      throw new DelayedError();
    }
  }
  throw err;
}
