// Development stand-ins, started only when the real thing is not configured: the Xero sandbox
// organisation when there are no Xero credentials, the QuickBooks sandbox company when there are no
// Intuit credentials, the mail sink when there is no SMTP_URL, and the SMS sink when there are no
// Twilio credentials. Production starts none of them: an unconfigured platform is not offered there,
// and texts without Twilio are skipped, saying so.
import { randomBytes } from 'node:crypto';
import type { Env } from '../config/env';
import { startQuickBooksSandbox, type RunningQuickBooksSandbox } from '../connectors/quickbooks/sandbox';
import { startXeroSandbox, type RunningXeroSandbox } from '../connectors/xero/sandbox';
import { startSmtpSink, type SmtpSink } from './email/sink';
import { startSmsSink, type SmsSink } from './sms/sink';

export interface DevServices {
  env: Env;
  sandbox: RunningXeroSandbox | null;
  quickbooks: RunningQuickBooksSandbox | null;
  sink: SmtpSink | null;
  smsSink: SmsSink | null;
  close(): Promise<void>;
}

/** The QuickBooks sandbox, its webhooks signed with a verifier token made up for this run and sent to
 * the app's own endpoint, as Intuit would send them. */
async function startQuickBooksStandIn(env: Env) {
  const webhookVerifier = randomBytes(24).toString('base64url');
  const sandbox = await startQuickBooksSandbox({
    webhook: { url: `${env.publicUrl}/webhooks/quickbooks`, key: webhookVerifier },
  });
  const quickbooks: Env['quickbooks'] = {
    ...env.quickbooks,
    clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret,
    webhookVerifier,
    urls: {
      api: sandbox.url,
      authorize: sandbox.authorizeUrl,
      token: sandbox.tokenUrl,
      revoke: sandbox.revokeUrl,
      userinfo: sandbox.userInfoUrl,
    },
  };
  return { sandbox, quickbooks };
}

export async function startDevServices(env: Env): Promise<DevServices> {
  const production = env.nodeEnv === 'production';
  const sandbox = env.xero.sandbox ? await startXeroSandbox() : null;
  const qbo = env.quickbooks.sandbox ? await startQuickBooksStandIn(env) : null;
  const sink = env.smtpUrl ? null : await startSmtpSink();
  const smsSink = env.twilio || production ? null : await startSmsSink();
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
    quickbooks: qbo?.quickbooks ?? env.quickbooks,
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
    quickbooks: qbo?.sandbox ?? null,
    sink,
    smsSink,
    async close() {
      await sandbox?.close();
      await qbo?.sandbox.close();
      await sink?.close();
      await smsSink?.close();
    },
  };
}
