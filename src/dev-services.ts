// Development stand-ins, started only when the real thing is not configured: the Xero sandbox
// organisation when there are no Xero credentials, the mail sink when there is no SMTP_URL, and the SMS
// sink when there are no Twilio credentials.
import type { Env } from '../config/env';
import { startXeroSandbox, type RunningXeroSandbox } from '../connectors/xero/sandbox';
import { startSmtpSink, type SmtpSink } from './email/sink';
import { startSmsSink, type SmsSink } from './sms/sink';

export interface DevServices {
  env: Env;
  sandbox: RunningXeroSandbox | null;
  sink: SmtpSink | null;
  smsSink: SmsSink | null;
  close(): Promise<void>;
}

export async function startDevServices(env: Env): Promise<DevServices> {
  const sandbox = env.sandbox ? await startXeroSandbox() : null;
  const sink = env.smtpUrl ? null : await startSmtpSink();
  const smsSink = env.twilio ? null : await startSmsSink();
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
    twilio: smsSink
      ? {
          accountSid: smsSink.accountSid,
          authToken: smsSink.authToken,
          from: smsSink.from,
          messagingServiceSid: undefined,
          apiUrl: smsSink.url,
        }
      : env.twilio,
  };
  return {
    env: effective,
    sandbox,
    sink,
    smsSink,
    async close() {
      await sandbox?.close();
      await sink?.close();
      await smsSink?.close();
    },
  };
}
