// One invoice's story: its changes, every contact about it, and the note each contact left in the books.
import { sql } from 'kysely';
import type { Platform } from '../../../connectors/types';
import type { Db } from '../../db/database';
import type { Locality } from '../../domain/local-time';

export interface TimelineEntry {
  at: Date;
  kind: string;
  text: string;
  note: { body: string; status: string } | null;
}

export interface InvoiceTimeline {
  invoice: {
    id: string;
    /** The books the invoice lives in, which say where its notes go. */
    platform: Platform;
    number: string;
    customer: string;
    currency: string;
    issueDate: string;
    dueDate: string;
    total: number;
    outstanding: number | null;
    status: string;
    excluded: boolean;
    /** Where the organisation is: the timeline reads in its time. */
    locality: Locality;
  };
  entries: TimelineEntry[];
  arrangements: {
    id: string;
    kind: string;
    madeOn: string;
    reason: string | null;
    promisedFor: string | null;
    resolvedOn: string | null;
  }[];
}

export async function invoiceTimeline(
  db: Db,
  accountId: string,
  invoiceId: string,
): Promise<InvoiceTimeline | null> {
  const invoice = await db
    .selectFrom('invoices as i')
    .innerJoin('connections as k', 'k.id', 'i.connection_id')
    .leftJoin('contacts as c', (j) =>
      j.onRef('c.connection_id', '=', 'i.connection_id').onRef('c.external_id', '=', 'i.contact_external_id'),
    )
    .select([
      'i.id',
      'k.platform',
      'i.number',
      'c.name',
      'i.currency',
      'i.issue_date',
      'i.due_date',
      'i.total',
      'i.outstanding',
      'i.status',
      'i.excluded',
      'k.timezone',
      'k.country_code',
    ])
    .where('i.id', '=', invoiceId)
    .where('k.account_id', '=', accountId)
    .executeTakeFirst();
  if (!invoice) return null;

  const arrangements = await db
    .selectFrom('arrangements')
    .select(['id', 'kind', 'made_on', 'reason', 'promised_for', 'resolved_on'])
    .where(sql<boolean>`${invoiceId}::uuid = any(invoice_ids)`)
    .orderBy('created_at')
    .execute();
  const skips = await db
    .selectFrom('followup_skips')
    .select(['recorded_at', 'reason'])
    .where('invoice_id', '=', invoiceId)
    .execute();
  const [events, contacts, pending] = await Promise.all([
    db
      .selectFrom('invoice_events')
      .select(['occurred_at', 'kind', 'detail'])
      .where('invoice_id', '=', invoiceId)
      .execute(),
    db
      .selectFrom('contact_log as l')
      .leftJoin('note_outbox as n', (j) =>
        j.onRef('n.contact_log_id', '=', 'l.id').on('n.invoice_id', '=', invoiceId),
      )
      .select(['l.occurred_at', 'l.kind', 'l.summary', 'n.body', 'n.status'])
      .where(sql<boolean>`${invoiceId}::uuid = any(l.invoice_ids)`)
      .execute(),
    db
      .selectFrom('followup_action_invoices as ai')
      .innerJoin('followup_actions as a', 'a.id', 'ai.action_id')
      .select(['a.created_at', 'a.stage_name', 'a.status', 'a.reason', 'a.status_reason'])
      .where('ai.invoice_id', '=', invoiceId)
      .where('a.status', 'in', ['pending', 'cancelled'])
      .execute(),
  ]);

  const entries: TimelineEntry[] = [
    ...events.map((e) => ({ at: e.occurred_at, kind: e.kind, text: e.detail, note: null })),
    ...skips.map((k) => ({ at: k.recorded_at, kind: 'held', text: k.reason, note: null })),
    ...contacts.map((c) => ({
      at: c.occurred_at,
      kind: c.kind,
      text: c.summary,
      note: c.body && c.status ? { body: c.body, status: c.status } : null,
    })),
    ...pending.map((a) => ({
      at: a.created_at,
      kind: a.status === 'pending' ? 'planned' : 'cancelled',
      text:
        a.status === 'pending'
          ? `${a.stage_name} planned: ${a.reason}`
          : `${a.stage_name} cancelled: ${a.status_reason ?? ''}`,
      note: null,
    })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());

  return {
    invoice: {
      id: invoice.id,
      platform: invoice.platform,
      number: invoice.number,
      customer: invoice.name ?? 'Unknown customer',
      currency: invoice.currency,
      issueDate: invoice.issue_date,
      dueDate: invoice.due_date,
      total: invoice.total,
      outstanding: invoice.outstanding,
      status: invoice.status,
      excluded: invoice.excluded,
      locality: { timeZone: invoice.timezone, countryCode: invoice.country_code },
    },
    entries,
    arrangements: arrangements.map((a) => ({
      id: a.id,
      kind: a.kind,
      madeOn: a.made_on,
      reason: a.reason,
      promisedFor: a.promised_for,
      resolvedOn: a.resolved_on,
    })),
  };
}
