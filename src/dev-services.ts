// Development stand-ins, started only when the real thing is not configured: the Xero sandbox
// organisation when there are no Xero credentials, and the mail sink when there is no SMTP_URL.
import type { Env } from '../config/env';
import { startXeroSandbox, type RunningXeroSandbox } from '../connectors/xero/sandbox';
import { startSmtpSink, type SmtpSink } from './email/sink';

export interface DevServices {
  env: Env;
  sandbox: RunningXeroSandbox | null;
  sink: SmtpSink | null;
  close(): Promise<void>;
}

export async function startDevServices(env: Env): Promise<DevServices> {
  const sandbox = env.sandbox ? await startXeroSandbox() : null;
  const sink = env.smtpUrl ? null : await startSmtpSink();
  const effective: Env = {
    ...env,
    smtpUrl: sink?.url ?? env.smtpUrl,
    xero: sandbox
      ? {
          ...env.xero,
          clientId: sandbox.clientId,
          clientSecret: sandbox.clientSecret,
          identityUrl: sandbox.identityUrl,
          apiUrl: sandbox.url,
        }
      : env.xero,
  };
  return {
    env: effective,
    sandbox,
    sink,
    async close() {
      await sandbox?.close();
      await sink?.close();
    },
  };
}
