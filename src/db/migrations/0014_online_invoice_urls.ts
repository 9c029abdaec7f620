// Where the customer can view an invoice and pay it online, as the books give it (Xero's online
// invoice, QuickBooks' invoice link). Asked for the first time a reminder lists the invoice, then kept:
// the address does not change, and every call counts against the platform's limits.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table invoices add column online_url text`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table invoices drop column online_url`.execute(db);
}
