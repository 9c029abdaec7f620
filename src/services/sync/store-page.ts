// Writing one page of canonical records. Each writer upserts by the platform's id, never lets an older
// copy overwrite a newer one, and flags the invoices whose money picture may have changed.
import { sql } from 'kysely';
import type {
  CanonicalContact,
  CanonicalCredit,
  CanonicalInvoice,
  CanonicalPayment,
  PulledPage,
} from '../../../connectors/types';
import type { Db } from '../../db/database';

export async function storeContacts(
  trx: Db,
  connectionId: string,
  records: CanonicalContact[],
): Promise<void> {
  if (records.length === 0) return;
  await trx
    .insertInto('contacts')
    .values(
      records.map((c) => ({
        connection_id: connectionId,
        external_id: c.externalId,
        name: c.name,
        email: c.email,
        first_name: c.firstName,
        last_name: c.lastName,
        persons: JSON.stringify(c.persons),
        archived: c.archived,
        remote_updated_at: c.updatedAt,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(['connection_id', 'external_id'])
        .doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          email: eb.ref('excluded.email'),
          first_name: eb.ref('excluded.first_name'),
          last_name: eb.ref('excluded.last_name'),
          persons: eb.ref('excluded.persons'),
          archived: eb.ref('excluded.archived'),
          remote_updated_at: eb.ref('excluded.remote_updated_at'),
        }))
        .where('contacts.remote_updated_at', '<=', sql<Date>`excluded.remote_updated_at`),
    )
    .execute();
}

export async function storeInvoices(
  trx: Db,
  connectionId: string,
  records: CanonicalInvoice[],
): Promise<void> {
  if (records.length === 0) return;
  await trx
    .insertInto('invoices')
    .values(
      records.map((i) => ({
        connection_id: connectionId,
        external_id: i.externalId,
        contact_external_id: i.contactExternalId,
        number: i.number,
        reference: i.reference,
        currency: i.currency,
        issue_date: i.issueDate,
        due_date: i.dueDate,
        status: i.status,
        total: i.total,
        platform_amount_due: i.amountDue,
        remote_updated_at: i.updatedAt,
        needs_reconcile: true,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(['connection_id', 'external_id'])
        .doUpdateSet((eb) => ({
          contact_external_id: eb.ref('excluded.contact_external_id'),
          number: eb.ref('excluded.number'),
          reference: eb.ref('excluded.reference'),
          currency: eb.ref('excluded.currency'),
          issue_date: eb.ref('excluded.issue_date'),
          due_date: eb.ref('excluded.due_date'),
          status: eb.ref('excluded.status'),
          total: eb.ref('excluded.total'),
          platform_amount_due: eb.ref('excluded.platform_amount_due'),
          remote_updated_at: eb.ref('excluded.remote_updated_at'),
          needs_reconcile: true,
        }))
        .where('invoices.remote_updated_at', '<=', sql<Date>`excluded.remote_updated_at`),
    )
    .execute();
}

export async function storePayments(
  trx: Db,
  connectionId: string,
  records: CanonicalPayment[],
): Promise<void> {
  if (records.length === 0) return;
  // A payment moved from one invoice to another must unsettle both.
  const previous = await trx
    .selectFrom('payments')
    .select('invoice_external_id')
    .where('connection_id', '=', connectionId)
    .where(
      'external_id',
      'in',
      records.map((p) => p.externalId),
    )
    .execute();
  await trx
    .insertInto('payments')
    .values(
      records.map((p) => ({
        connection_id: connectionId,
        external_id: p.externalId,
        invoice_external_id: p.invoiceExternalId,
        amount: p.amount,
        currency: p.currency,
        paid_on: p.date,
        status: p.status,
        remote_updated_at: p.updatedAt,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(['connection_id', 'external_id'])
        .doUpdateSet((eb) => ({
          invoice_external_id: eb.ref('excluded.invoice_external_id'),
          amount: eb.ref('excluded.amount'),
          currency: eb.ref('excluded.currency'),
          paid_on: eb.ref('excluded.paid_on'),
          status: eb.ref('excluded.status'),
          remote_updated_at: eb.ref('excluded.remote_updated_at'),
        }))
        .where('payments.remote_updated_at', '<=', sql<Date>`excluded.remote_updated_at`),
    )
    .execute();
  await flagInvoices(trx, connectionId, [
    ...records.map((p) => p.invoiceExternalId),
    ...previous.map((p) => p.invoice_external_id),
  ]);
}

export async function storeCredits(trx: Db, connectionId: string, records: CanonicalCredit[]): Promise<void> {
  if (records.length === 0) return;
  const touched: string[] = [];
  for (const credit of records) {
    const stored = await trx
      .insertInto('credits')
      .values({
        connection_id: connectionId,
        external_id: credit.externalId,
        kind: credit.kind,
        number: credit.number,
        contact_external_id: credit.contactExternalId,
        currency: credit.currency,
        credit_date: credit.date,
        status: credit.status,
        total: credit.total,
        remaining: credit.remaining,
        remote_updated_at: credit.updatedAt,
      })
      .onConflict((oc) =>
        oc
          .columns(['connection_id', 'external_id'])
          .doUpdateSet((eb) => ({
            number: eb.ref('excluded.number'),
            contact_external_id: eb.ref('excluded.contact_external_id'),
            currency: eb.ref('excluded.currency'),
            credit_date: eb.ref('excluded.credit_date'),
            status: eb.ref('excluded.status'),
            total: eb.ref('excluded.total'),
            remaining: eb.ref('excluded.remaining'),
            remote_updated_at: eb.ref('excluded.remote_updated_at'),
          }))
          .where('credits.remote_updated_at', '<=', sql<Date>`excluded.remote_updated_at`),
      )
      .returning('id')
      .executeTakeFirst();
    if (!stored) continue; // an older copy than the one we hold
    const removed = await trx
      .deleteFrom('credit_allocations')
      .where('credit_id', '=', stored.id)
      .returning('invoice_external_id')
      .execute();
    touched.push(...removed.map((r) => r.invoice_external_id));
    // A voided or deleted credit note no longer reduces what its invoices owe.
    const allocations = credit.status === 'active' ? credit.allocations : [];
    if (allocations.length > 0) {
      await trx
        .insertInto('credit_allocations')
        .values(
          allocations.map((a, position) => ({
            credit_id: stored.id,
            connection_id: connectionId,
            invoice_external_id: a.invoiceExternalId,
            amount: a.amount,
            allocated_on: a.date,
            position,
          })),
        )
        .execute();
    }
    touched.push(...allocations.map((a) => a.invoiceExternalId));
  }
  await flagInvoices(trx, connectionId, touched);
}

async function flagInvoices(trx: Db, connectionId: string, externalIds: string[]): Promise<void> {
  const unique = [...new Set(externalIds)];
  if (unique.length === 0) return;
  await trx
    .updateTable('invoices')
    .set({ needs_reconcile: true })
    .where('connection_id', '=', connectionId)
    .where('external_id', 'in', unique)
    .execute();
}

export async function storePulledPage(trx: Db, connectionId: string, pulled: PulledPage): Promise<void> {
  switch (pulled.kind) {
    case 'contacts':
      await storeContacts(trx, connectionId, pulled.page.records);
      break;
    case 'invoices':
      await storeInvoices(trx, connectionId, pulled.page.records);
      break;
    case 'payments':
      await storePayments(trx, connectionId, pulled.page.records);
      break;
    case 'credits':
      await storeCredits(trx, connectionId, pulled.page.records);
      break;
  }
  await storeCredits(trx, connectionId, pulled.credits ?? []);
}
