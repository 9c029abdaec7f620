// A contact with a customer is one append-only contact-log entry and one note queued for each invoice
// it concerns, written in the caller's transaction so that neither exists without the other.
import type { Db } from '../../db/database';

export interface ContactEntry {
  connectionId: string;
  contactId: string;
  /** The follow-up action carried out, if the contact was one. */
  actionId: string | null;
  kind: string;
  channel: string;
  recipient: string | null;
  subject: string | null;
  messageId: string | null;
  summary: string;
  invoices: readonly { id: string; external_id: string }[];
  /** The note posted on each invoice, already fitted to the platform's length. */
  note: string;
  occurredAt: Date;
}

/** Writes the entry and its notes; returns the entry's id. */
export async function logContact(trx: Db, entry: ContactEntry): Promise<string> {
  const log = await trx
    .insertInto('contact_log')
    .values({
      connection_id: entry.connectionId,
      contact_id: entry.contactId,
      action_id: entry.actionId,
      kind: entry.kind,
      channel: entry.channel,
      recipient: entry.recipient,
      subject: entry.subject,
      message_id: entry.messageId,
      summary: entry.summary,
      invoice_ids: entry.invoices.map((i) => i.id),
      occurred_at: entry.occurredAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (entry.invoices.length > 0) {
    await trx
      .insertInto('note_outbox')
      .values(
        entry.invoices.map((i) => ({
          connection_id: entry.connectionId,
          contact_log_id: log.id,
          invoice_id: i.id,
          invoice_external_id: i.external_id,
          body: entry.note,
        })),
      )
      .execute();
  }
  return String(log.id);
}
