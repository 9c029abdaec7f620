// The whole application wired for a test: its own database, its own Redis prefix, a Xero sandbox (and a
// QuickBooks sandbox when asked), an SMTP sink, an SMS sink and the web app on a free port. Real parts
// throughout; nothing mocked.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseEnv, type Env } from '../../config/env';
import {
  startXeroSandbox,
  type RunningXeroSandbox,
  type XeroSandboxOptions,
} from '../../connectors/xero/sandbox';
import {
  startQuickBooksSandbox,
  type QuickBooksSandboxOptions,
  type RunningQuickBooksSandbox,
} from '../../connectors/quickbooks/sandbox';
import { startSmtpSink, type SmtpSink } from '../../src/email/sink';
import { createRuntime, type Runtime } from '../../src/runtime';
import { startSmsSink, type SmsSink } from '../../src/sms/sink';
import { createWebApp } from '../../src/web/app';
import { freshDatabase, type TestDatabase } from './database';

/**
 * Tests run on a fixed business day, 10:00 on Wednesday 25 November 2026 in Auckland, so what is due,
 * and whether it is inside the send window, never depends on the day the suite runs. The clock still
 * moves with real time from there.
 */
export const TEST_START = new Date('2026-11-24T21:00:00Z');

export function testClock(start = TEST_START): () => Date {
  const offset = start.getTime() - Date.now();
  return () => new Date(Date.now() + offset);
}

export interface Harness {
  database: TestDatabase;
  sandbox: RunningXeroSandbox;
  /** Started only when the harness is asked for a QuickBooks company too. */
  quickbooks: RunningQuickBooksSandbox | null;
  sink: SmtpSink;
  smsSink: SmsSink;
  runtime: Runtime;
  env: Env;
  baseUrl: string;
  redisPrefix: string;
  close(): Promise<void>;
}

export async function startHarness(
  options: {
    sandbox?: XeroSandboxOptions;
    webhookKey?: string;
    rateLimits?: boolean;
    /** Starts the QuickBooks sandbox alongside Xero's and points the QBO_* settings at it. */
    quickbooks?: QuickBooksSandboxOptions & { webhookVerifier?: string };
  } = {},
): Promise<Harness> {
  const database = await freshDatabase();
  const now = testClock();
  const sandbox = await startXeroSandbox({ limits: false, now, ...options.sandbox });
  const quickbooks = options.quickbooks
    ? await startQuickBooksSandbox({ limits: false, now, ...options.quickbooks })
    : null;
  const sink = await startSmtpSink();
  const smsSink = await startSmsSink({ now });
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const redisPrefix = `goodwill-test-${randomBytes(4).toString('hex')}`;
  const env = parseEnv({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    SMTP_URL: sink.url,
    PUBLIC_URL: baseUrl,
    XERO_CLIENT_ID: sandbox.clientId,
    XERO_CLIENT_SECRET: sandbox.clientSecret,
    XERO_IDENTITY_URL: sandbox.identityUrl,
    XERO_API_URL: sandbox.url,
    TWILIO_ACCOUNT_SID: smsSink.accountSid,
    TWILIO_AUTH_TOKEN: smsSink.authToken,
    TWILIO_FROM: smsSink.from,
    TWILIO_API_URL: smsSink.url,
    ...(options.webhookKey ? { XERO_WEBHOOK_KEY: options.webhookKey } : {}),
    ...(quickbooks ? quickBooksEnv(quickbooks, options.quickbooks?.webhookVerifier) : {}),
    LOG_LEVEL: 'error',
  });
  // TEST_LOGS=1 shows the app's log lines when a test needs explaining.
  // Tests drive the sandbox far faster than Xero's 60 calls a minute; limits are tested on their own.
  const runtime = createRuntime(env, {
    redisPrefix,
    now,
    silentLogs: !process.env.TEST_LOGS,
    rateLimits: options.rateLimits ?? false,
  });
  const app = createWebApp(runtime.ctx, {
    queues: runtime.queues,
    sink,
    smsSink,
    sandboxes: [],
    sessionSecret: env.sessionSecret,
    sessionPrefix: `${redisPrefix}:session:`,
  });
  server.on('request', app);
  return {
    database,
    sandbox,
    quickbooks,
    sink,
    smsSink,
    runtime,
    env,
    baseUrl,
    redisPrefix,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      const keys = await runtime.ctx.redis.keys(`${redisPrefix}*`);
      if (keys.length > 0) await runtime.ctx.redis.del(...keys);
      await runtime.close();
      await sink.close();
      await smsSink.close();
      await sandbox.close();
      await quickbooks?.close();
      await database.drop();
    },
  };
}

function quickBooksEnv(sandbox: RunningQuickBooksSandbox, webhookVerifier: string | undefined) {
  return {
    QBO_CLIENT_ID: sandbox.clientId,
    QBO_CLIENT_SECRET: sandbox.clientSecret,
    QBO_API_URL: sandbox.url,
    QBO_AUTHORIZE_URL: sandbox.authorizeUrl,
    QBO_TOKEN_URL: sandbox.tokenUrl,
    QBO_REVOKE_URL: sandbox.revokeUrl,
    QBO_USERINFO_URL: sandbox.userInfoUrl,
    ...(webhookVerifier ? { QBO_WEBHOOK_VERIFIER: webhookVerifier } : {}),
  };
}
