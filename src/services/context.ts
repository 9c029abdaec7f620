// Everything a use case may touch, passed in explicitly so tests can run the real thing against their
// own database, Redis prefix, sandbox and SMTP sink.
import type { Redis } from 'ioredis';
import type { AccountingConnector, Platform } from '../../connectors/types';
import type { Db } from '../db/database';
import type { Mailer } from '../email/mailer';
import type { Logger } from '../log';
import type { SmsProvider } from '../sms/provider';

export type ConnectorRegistry = Record<Platform, AccountingConnector>;

export interface AppContext {
  db: Db;
  redis: Redis;
  connectors: ConnectorRegistry;
  tokenKey: Buffer;
  mailer: Mailer;
  /** Null when no SMS provider is configured: texts are skipped, with that reason. */
  sms: SmsProvider | null;
  log: Logger;
  now: () => Date;
  publicUrl: string;
  mailFrom: string;
  /** Signs the unsubscribe link of every email. */
  unsubscribeSecret: string;
}
