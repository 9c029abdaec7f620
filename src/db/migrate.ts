// Migrations are listed here rather than discovered on disk, so they run the same from TypeScript
// sources and from the compiled build.
import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Db } from './database';
import * as initial from './migrations/0001_initial';
import * as webhookRefetch from './migrations/0002_webhook_refetch';
import * as actionKinds from './migrations/0003_action_kinds';
import * as arrangements from './migrations/0004_arrangements';
import * as followupSkips from './migrations/0005_followup_skips';
import * as connectionPolicies from './migrations/0006_connection_policies';
import * as suppressions from './migrations/0007_suppressions';
import * as contactMobile from './migrations/0008_contact_mobile';
import * as refetchPayments from './migrations/0009_refetch_payments';
import * as platformPaymentIds from './migrations/0010_platform_payment_ids';
import * as actionPolicy from './migrations/0011_action_policy';
import * as booksConnectionLock from './migrations/0012_books_connection_lock';
import * as paymentKeys from './migrations/0013_payment_keys';
import * as onlineInvoiceUrls from './migrations/0014_online_invoice_urls';

const migrations: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_webhook_refetch': webhookRefetch,
  '0003_action_kinds': actionKinds,
  '0004_arrangements': arrangements,
  '0005_followup_skips': followupSkips,
  '0006_connection_policies': connectionPolicies,
  '0007_suppressions': suppressions,
  '0008_contact_mobile': contactMobile,
  '0009_refetch_payments': refetchPayments,
  '0010_platform_payment_ids': platformPaymentIds,
  '0011_action_policy': actionPolicy,
  '0012_books_connection_lock': booksConnectionLock,
  '0013_payment_keys': paymentKeys,
  '0014_online_invoice_urls': onlineInvoiceUrls,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Db): Promise<string[]> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Creates the database named in the URL when the server has no such database yet (development). */
export async function ensureDatabaseExists(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!name) return;
  url.pathname = '/postgres';
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database "${name.replace(/"/g, '""')}"`);
  } catch (err) {
    // Another process may have created it a moment ago.
    if (!(err instanceof Error && /already exists/.test(err.message))) throw err;
  } finally {
    await client.end();
  }
}
