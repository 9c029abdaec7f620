// Builds the application's parts from configuration: the one place that opens connections to Postgres,
// Redis and SMTP, and the one place that closes them.
import { Redis } from 'ioredis';
import type { Env } from '../config/env';
import { createConnectors } from '../connectors/registry';
import { createRedisRateLimiter, unlimited } from '../connectors/shared/rate-limiter';
import { closeQueues, createQueues, type Queues, type QueueSettings } from '../jobs/queues';
import { createDb } from './db/database';
import { smtpMailer } from './email/mailer';
import { createLogger } from './log';
import { twilioProvider } from './sms/twilio';
import type { AppContext } from './services/context';

export interface Runtime {
  ctx: AppContext;
  queues: Queues;
  queueSettings: QueueSettings;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  /** Keeps this runtime's queues and sessions apart in a shared Redis (tests use one each). */
  redisPrefix?: string;
  now?: () => Date;
  silentLogs?: boolean;
  /** Off only for tests and benchmarks that drive a sandbox with its limits off. */
  rateLimits?: boolean;
}

export function createRuntime(env: Env, options: RuntimeOptions = {}): Runtime {
  if (!env.smtpUrl) throw new Error('SMTP_URL is not set and no development mail sink was started');
  const db = createDb(env.databaseUrl);
  // BullMQ's blocking connections need maxRetriesPerRequest null; it suits our own commands as well.
  const redis = new Redis(env.redisUrl, { maxRetriesPerRequest: null });
  const mailer = smtpMailer(env.smtpUrl, { idempotencyHeader: env.smtpIdempotencyHeader });
  const prefix = options.redisPrefix ?? 'goodwill';
  const limiter =
    options.rateLimits === false ? unlimited : createRedisRateLimiter(redis, { prefix: `${prefix}:rate` });
  const ctx: AppContext = {
    db,
    redis,
    // A platform without credentials (and no sandbox standing in) is not offered; connecting to it
    // is refused with a message naming what would configure it.
    connectors: createConnectors({
      xero: {
        clientId: env.xero.clientId ?? '',
        clientSecret: env.xero.clientSecret ?? '',
        identityUrl: env.xero.identityUrl,
        apiUrl: env.xero.apiUrl,
        scopes: env.xero.scopes,
        webhookKey: env.xero.webhookKey,
        limiter,
      },
      quickbooks: {
        clientId: env.quickbooks.clientId ?? '',
        clientSecret: env.quickbooks.clientSecret ?? '',
        urls: env.quickbooks.urls,
        scopes: env.quickbooks.scopes,
        webhookVerifier: env.quickbooks.webhookVerifier,
        limiter,
      },
    }),
    tokenKey: env.tokenEncryptionKey,
    mailer,
    sms: env.twilio ? twilioProvider(env.twilio) : null,
    log: createLogger(env.logLevel, options.silentLogs),
    now: options.now ?? (() => new Date()),
    publicUrl: env.publicUrl,
    mailFrom: env.mailFrom,
    unsubscribeSecret: env.unsubscribeSecret,
  };
  const queueSettings: QueueSettings = { connection: redis, prefix };
  const queues = createQueues(queueSettings);
  return {
    ctx,
    queues,
    queueSettings,
    async close() {
      await closeQueues(queues);
      mailer.close();
      await db.destroy();
      redis.disconnect();
    },
  };
}
