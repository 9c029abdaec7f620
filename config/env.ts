// The one reader of process.env. Parsed once; a bad or missing value stops the boot with a message
// that names the variable, never its value (values may be secrets).
import { z } from 'zod';
import { platformProblems, sandboxStandsIn } from './platform-env';

const DEV_SESSION_SECRET = 'goodwill-development-session-secret-not-for-production';
// 32 bytes, base64. Only ever used outside production.
const DEV_TOKEN_KEY = Buffer.alloc(32, 7).toString('base64');
const DEV_UNSUBSCRIBE_SECRET = 'goodwill-development-unsubscribe-secret-not-for-production';

const base64Key32 = z
  .string()
  .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes encoded as base64');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z.string().min(1).default('postgres://postgres@127.0.0.1:5432/goodwill'),
  REDIS_URL: z.string().min(1).default('redis://127.0.0.1:6379'),
  // Unset: the embedded development SMTP sink is started and used.
  SMTP_URL: z.string().min(1).optional(),
  // The header the mail relay deduplicates on, e.g. `Resend-Idempotency-Key` (see src/email/mailer.ts).
  SMTP_IDEMPOTENCY_HEADER: z
    .string()
    .regex(/^[A-Za-z0-9-]+$/, { message: 'expected a header name' })
    .optional(),
  MAIL_FROM: z.string().min(3).default('Goodwill <reminders@goodwill.localhost>'),
  SESSION_SECRET: z.string().min(16).optional(),
  TOKEN_ENCRYPTION_KEY: base64Key32.optional(),
  // Signs the unsubscribe links in every email; changing it breaks the links already sent.
  UNSUBSCRIBE_SECRET: z.string().min(16).optional(),
  XERO_CLIENT_ID: z.string().min(1).optional(),
  XERO_CLIENT_SECRET: z.string().min(1).optional(),
  XERO_WEBHOOK_KEY: z.string().min(1).optional(),
  XERO_IDENTITY_URL: z.url().default('https://identity.xero.com'),
  XERO_API_URL: z.url().default('https://api.xero.com'),
  XERO_SCOPES: z
    .string()
    .default(
      'openid profile email offline_access accounting.invoices accounting.payments accounting.contacts accounting.settings.read',
    ),
  // Texts go through Twilio when these are set; unset, `npm start` uses a local stand-in (and a bare
  // worker sends no texts, saying so on each customer's timeline).
  TWILIO_ACCOUNT_SID: z.string().min(1).optional(),
  TWILIO_AUTH_TOKEN: z.string().min(1).optional(),
  TWILIO_FROM: z.string().min(1).optional(),
  TWILIO_MESSAGING_SERVICE_SID: z.string().min(1).optional(),
  TWILIO_API_URL: z.url().default('https://api.twilio.com'),
  QBO_CLIENT_ID: z.string().min(1).optional(),
  QBO_CLIENT_SECRET: z.string().min(1).optional(),
  QBO_WEBHOOK_VERIFIER: z.string().min(1).optional(),
  QBO_API_URL: z.url().default('https://quickbooks.api.intuit.com'),
  QBO_AUTHORIZE_URL: z.url().default('https://appcenter.intuit.com/connect/oauth2'),
  QBO_TOKEN_URL: z.url().default('https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer'),
  QBO_REVOKE_URL: z.url().default('https://developer.api.intuit.com/v2/oauth2/tokens/revoke'),
  QBO_USERINFO_URL: z.url().default('https://accounts.platform.intuit.com/v1/openid_connect/userinfo'),
  QBO_SCOPES: z.string().default('com.intuit.quickbooks.accounting openid profile email'),
  LOG_LEVEL: z.enum(['error', 'warn', 'info', 'debug']).default('info'),
});

export type RawEnv = z.infer<typeof schema>;

export interface Env {
  nodeEnv: RawEnv['NODE_ENV'];
  port: number;
  publicUrl: string;
  databaseUrl: string;
  redisUrl: string;
  smtpUrl: string | undefined;
  smtpIdempotencyHeader: string | undefined;
  mailFrom: string;
  sessionSecret: string;
  tokenEncryptionKey: Buffer;
  unsubscribeSecret: string;
  logLevel: RawEnv['LOG_LEVEL'];
  xero: {
    clientId: string | undefined;
    clientSecret: string | undefined;
    webhookKey: string | undefined;
    identityUrl: string;
    apiUrl: string;
    scopes: string[];
    /** No Xero credentials outside production: the app runs against its own sandbox organisation. */
    sandbox: boolean;
  };
  quickbooks: {
    clientId: string | undefined;
    clientSecret: string | undefined;
    webhookVerifier: string | undefined;
    urls: { api: string; authorize: string; token: string; revoke: string; userinfo: string };
    scopes: string[];
    /** No Intuit credentials outside production: the app runs against a local QuickBooks emulator. */
    sandbox: boolean;
  };
  /** Null when no SMS provider is configured. */
  twilio: {
    accountSid: string;
    authToken: string;
    from: string | undefined;
    messagingServiceSid: string | undefined;
    apiUrl: string;
  } | null;
}

export class ConfigError extends Error {
  readonly code = 'config_invalid';
}

// Besides these, production needs at least one accounting platform (see platform-env.ts).
const REQUIRED_IN_PRODUCTION = [
  'PUBLIC_URL',
  'SESSION_SECRET',
  'TOKEN_ENCRYPTION_KEY',
  'UNSUBSCRIBE_SECRET',
  'SMTP_URL',
] as const;

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const raw = parsed.data;
  const production = raw.NODE_ENV === 'production';
  const missing = production ? REQUIRED_IN_PRODUCTION.filter((name) => raw[name] === undefined) : [];
  const problems = [
    ...(missing.length > 0 ? [`Missing required configuration in production: ${missing.join(', ')}`] : []),
    ...platformProblems(raw, production),
  ];
  if (problems.length > 0) throw new ConfigError(problems.join('; '));
  const port = raw.PORT;
  return {
    nodeEnv: raw.NODE_ENV,
    port,
    publicUrl: (raw.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    databaseUrl: raw.DATABASE_URL,
    redisUrl: raw.REDIS_URL,
    smtpUrl: raw.SMTP_URL,
    smtpIdempotencyHeader: raw.SMTP_IDEMPOTENCY_HEADER,
    mailFrom: raw.MAIL_FROM,
    sessionSecret: raw.SESSION_SECRET ?? DEV_SESSION_SECRET,
    tokenEncryptionKey: Buffer.from(raw.TOKEN_ENCRYPTION_KEY ?? DEV_TOKEN_KEY, 'base64'),
    unsubscribeSecret: raw.UNSUBSCRIBE_SECRET ?? DEV_UNSUBSCRIBE_SECRET,
    logLevel: raw.LOG_LEVEL,
    xero: {
      clientId: raw.XERO_CLIENT_ID,
      clientSecret: raw.XERO_CLIENT_SECRET,
      webhookKey: raw.XERO_WEBHOOK_KEY,
      identityUrl: raw.XERO_IDENTITY_URL.replace(/\/$/, ''),
      apiUrl: raw.XERO_API_URL.replace(/\/$/, ''),
      scopes: raw.XERO_SCOPES.split(/\s+/).filter(Boolean),
      sandbox: sandboxStandsIn(raw, 'xero', production),
    },
    quickbooks: {
      clientId: raw.QBO_CLIENT_ID,
      clientSecret: raw.QBO_CLIENT_SECRET,
      webhookVerifier: raw.QBO_WEBHOOK_VERIFIER,
      urls: {
        api: raw.QBO_API_URL.replace(/\/$/, ''),
        authorize: raw.QBO_AUTHORIZE_URL,
        token: raw.QBO_TOKEN_URL,
        revoke: raw.QBO_REVOKE_URL,
        userinfo: raw.QBO_USERINFO_URL,
      },
      scopes: raw.QBO_SCOPES.split(/\s+/).filter(Boolean),
      sandbox: sandboxStandsIn(raw, 'quickbooks', production),
    },
    twilio: twilioEnv(raw),
  };
}

function twilioEnv(raw: RawEnv): Env['twilio'] {
  const given = [
    raw.TWILIO_ACCOUNT_SID,
    raw.TWILIO_AUTH_TOKEN,
    raw.TWILIO_FROM,
    raw.TWILIO_MESSAGING_SERVICE_SID,
  ];
  if (given.every((v) => v === undefined)) return null;
  if (!raw.TWILIO_ACCOUNT_SID || !raw.TWILIO_AUTH_TOKEN)
    throw new ConfigError('Invalid configuration: TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN go together');
  if (!raw.TWILIO_FROM && !raw.TWILIO_MESSAGING_SERVICE_SID)
    throw new ConfigError('Invalid configuration: Twilio needs TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID');
  return {
    accountSid: raw.TWILIO_ACCOUNT_SID,
    authToken: raw.TWILIO_AUTH_TOKEN,
    from: raw.TWILIO_FROM,
    messagingServiceSid: raw.TWILIO_MESSAGING_SERVICE_SID,
    apiUrl: raw.TWILIO_API_URL.replace(/\/$/, ''),
  };
}

let cached: Env | undefined;

/** The process's configuration, parsed on first use. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
