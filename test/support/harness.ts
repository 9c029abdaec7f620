// The whole application wired for a test: its own database, its own Redis prefix, the sandbox of the
// platform under test (Xero unless told), an SMTP sink, an SMS sink and the web app on a free port.
// Real parts throughout; nothing mocked.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseEnv, type Env } from '../../config/env';
import {
  startQuickBooksSandbox,
  type QuickBooksSandboxOptions,
  type RunningQuickBooksSandbox,
} from '../../connectors/quickbooks/sandbox';
import type { Platform } from '../../connectors/types';
import {
  startXeroSandbox,
  type RunningXeroSandbox,
  type XeroSandboxOptions,
} from '../../connectors/xero/sandbox';
import { startSmtpSink, type SmtpSink } from '../../src/email/sink';
import { createRuntime, type Runtime } from '../../src/runtime';
import { startSmsSink, type SmsSink } from '../../src/sms/sink';
import { createWebApp } from '../../src/web/app';
import { freshDatabase, type TestDatabase } from './database';
import { quickBooksDriver } from './quickbooks-driver';
import type { SandboxDriver } from './sandbox-driver';
import { xeroDriver } from './xero-driver';

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

export interface SandboxOf {
  xero: RunningXeroSandbox;
  quickbooks: RunningQuickBooksSandbox;
}

export interface Harness<P extends Platform = 'xero'> {
  platform: P;
  database: TestDatabase;
  sandbox: SandboxOf[P];
  /** The sandbox's store through the operations every platform shares. */
  driver: SandboxDriver;
  /** A QuickBooks sandbox beside Xero's, when a Xero harness is also given `quickbooks` options. */
  quickbooks: RunningQuickBooksSandbox | null;
  sink: SmtpSink;
  smsSink: SmsSink;
  runtime: Runtime;
  env: Env;
  baseUrl: string;
  redisPrefix: string;
  close(): Promise<void>;
}

interface SandboxStart {
  sandbox: SandboxOf[Platform];
  driver: SandboxDriver;
  /** Where the app finds the platform, and the key its webhooks are signed with. */
  env: Record<string, string>;
}

async function startXero(now: () => Date, options: XeroSandboxOptions | undefined, webhookKey?: string) {
  const sandbox = await startXeroSandbox({ limits: false, now, ...options });
  const env = {
    XERO_CLIENT_ID: sandbox.clientId,
    XERO_CLIENT_SECRET: sandbox.clientSecret,
    XERO_IDENTITY_URL: sandbox.identityUrl,
    XERO_API_URL: sandbox.url,
    ...(webhookKey ? { XERO_WEBHOOK_KEY: webhookKey } : {}),
  };
  return { sandbox, driver: xeroDriver(sandbox), env } satisfies SandboxStart;
}

async function startQuickBooks(
  now: () => Date,
  options: QuickBooksSandboxOptions | undefined,
  webhookKey?: string,
) {
  const sandbox = await startQuickBooksSandbox({ limits: false, now, ...options });
  const env = {
    QBO_CLIENT_ID: sandbox.clientId,
    QBO_CLIENT_SECRET: sandbox.clientSecret,
    QBO_API_URL: sandbox.url,
    QBO_AUTHORIZE_URL: sandbox.authorizeUrl,
    QBO_TOKEN_URL: sandbox.tokenUrl,
    QBO_REVOKE_URL: sandbox.revokeUrl,
    QBO_USERINFO_URL: sandbox.userInfoUrl,
    ...(webhookKey ? { QBO_WEBHOOK_VERIFIER: webhookKey } : {}),
  };
  return { sandbox, driver: quickBooksDriver(sandbox), env } satisfies SandboxStart;
}

export interface HarnessOptions<P extends Platform> {
  /** The platform whose sandbox the app talks to; Xero by default. */
  platform?: P;
  sandbox?: XeroSandboxOptions;
  quickbooks?: QuickBooksSandboxOptions;
  /** The platform's webhook signing key (Xero) or verifier token (QuickBooks). */
  webhookKey?: string;
  rateLimits?: boolean;
  /** Settings that override what the sandboxes give the app (an unreachable address, say). */
  env?: Record<string, string>;
}

export async function startHarness<P extends Platform = 'xero'>(
  options: HarnessOptions<P> = {},
): Promise<Harness<P>> {
  const platform = (options.platform ?? 'xero') as P;
  const database = await freshDatabase();
  const now = testClock();
  const started: SandboxStart =
    platform === 'quickbooks'
      ? await startQuickBooks(now, options.quickbooks, options.webhookKey)
      : await startXero(now, options.sandbox, options.webhookKey);
  const sandbox = started.sandbox as SandboxOf[P];
  // Both platforms in one app (the browser test connects each): QuickBooks' settings, Xero's credentials.
  const companion =
    platform === 'xero' && options.quickbooks ? await startQuickBooks(now, options.quickbooks) : null;
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
    ...companion?.env,
    ...started.env,
    ...options.env,
    TWILIO_ACCOUNT_SID: smsSink.accountSid,
    TWILIO_AUTH_TOKEN: smsSink.authToken,
    TWILIO_FROM: smsSink.from,
    TWILIO_API_URL: smsSink.url,
    LOG_LEVEL: 'error',
  });
  // TEST_LOGS=1 shows the app's log lines when a test needs explaining.
  // Tests drive the sandbox far faster than the platforms' limits; limits are tested on their own.
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
    platform,
    database,
    sandbox,
    driver: started.driver,
    quickbooks: companion?.sandbox ?? null,
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
      await companion?.sandbox.close();
      await database.drop();
    },
  };
}
