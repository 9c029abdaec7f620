// The one reader of process.env. Parsed once; a bad or missing value stops the boot with a message
// that names the variable, never its value (values may be secrets).
import { z } from 'zod';

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
  };
  /** No Xero credentials configured: the app runs against its own sandbox organisation. */
  sandbox: boolean;
}

export class ConfigError extends Error {
  readonly code = 'config_invalid';
}

const REQUIRED_IN_PRODUCTION = [
  'PUBLIC_URL',
  'SESSION_SECRET',
  'TOKEN_ENCRYPTION_KEY',
  'UNSUBSCRIBE_SECRET',
  'SMTP_URL',
  'XERO_CLIENT_ID',
  'XERO_CLIENT_SECRET',
  'XERO_WEBHOOK_KEY',
] as const;

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const raw = parsed.data;
  if (raw.NODE_ENV === 'production') {
    const missing = REQUIRED_IN_PRODUCTION.filter((name) => raw[name] === undefined);
    if (missing.length > 0) {
      throw new ConfigError(`Missing required configuration in production: ${missing.join(', ')}`);
    }
  }
  const port = raw.PORT;
  return {
    nodeEnv: raw.NODE_ENV,
    port,
    publicUrl: (raw.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    databaseUrl: raw.DATABASE_URL,
    redisUrl: raw.REDIS_URL,
    smtpUrl: raw.SMTP_URL,
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
    },
    sandbox: raw.XERO_CLIENT_ID === undefined,
  };
}

let cached: Env | undefined;

/** The process's configuration, parsed on first use. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
