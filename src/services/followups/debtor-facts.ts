// Everything the planner needs to know about a connection's customers, gathered in a few set-based
// queries: open invoices, what was already done for each, when each customer last heard from us, their
// payment history (for the segment) and credit of theirs that is not yet allocated.
import { sql } from 'kysely';
import { addDays } from '../../domain/dates';
import type { PlannerDebtor } from '../../domain/planner';
import { segmentOf, type HistoryInvoice } from '../../domain/segments';
import type { Db } from '../../db/database';
import { localDate } from './local-date';
import { recipientsOf } from './recipients';

const CHASING = ['email_sent', 'sms_sent'];
const MESSAGES = [...CHASING, 'thanks_sent'];

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function later(a: string | null | undefined, b: string | null | undefined): string | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return a > b ? a : b;
}

export async function loadDebtors(
  db: Db,
  connectionId: string,
  timeZone: string,
  today: string,
): Promise<PlannerDebtor[]> {
  const rows = await db
    .selectFrom('invoices as i')
    .innerJoin('contacts as c', (j) =>
      j.onRef('c.connection_id', '=', 'i.connection_id').onRef('c.external_id', '=', 'i.contact_external_id'),
    )
    .select([
      'i.id',
      'i.number',
      'i.currency',
      'i.issue_date',
      'i.due_date',
      'i.outstanding',
      'c.id as contact_id',
      'c.external_id as contact_external_id',
      'c.name as contact_name',
      'c.email',
      'c.first_name',
      'c.persons',
    ])
    .where('i.connection_id', '=', connectionId)
    .where('i.status', '=', 'authorised')
    .where('i.outstanding', '>', 0)
    .where('c.archived', '=', false)
    .orderBy('c.name')
    .orderBy('i.due_date')
    .execute();
  if (rows.length === 0) return [];
  const invoiceIds = rows.map((r) => r.id);

  const done = await db
    .selectFrom('followup_action_invoices as ai')
    .innerJoin('followup_actions as a', 'a.id', 'ai.action_id')
    .select(['ai.invoice_id', 'ai.stage_key', 'a.planned_on'])
    .where('ai.invoice_id', 'in', invoiceIds)
    .execute();
  const stagesDone = new Map<string, string[]>();
  const lastStageOn = new Map<string, string>();
  for (const d of done) {
    push(stagesDone, d.invoice_id, d.stage_key);
    lastStageOn.set(d.invoice_id, later(lastStageOn.get(d.invoice_id), d.planned_on) ?? d.planned_on);
  }

  // Messages sent, and messages planned but not yet sent: both count, or two could go on one day.
  const logged = await db
    .selectFrom('contact_log')
    .select(['contact_id', 'kind', sql<Date>`max(occurred_at)`.as('last')])
    .where('connection_id', '=', connectionId)
    .where('kind', 'in', MESSAGES)
    .groupBy(['contact_id', 'kind'])
    .execute();
  const planned = await db
    .selectFrom('followup_actions')
    .select(['contact_id', 'kind', sql<string>`max(planned_on)::text`.as('last')])
    .where('connection_id', '=', connectionId)
    .where('status', 'in', ['pending', 'awaiting_approval', 'claimed'])
    .where('channel', 'in', ['email', 'sms'])
    .groupBy(['contact_id', 'kind'])
    .execute();
  const lastContact = new Map<string, string>();
  const lastMessage = new Map<string, string>();
  for (const l of logged) {
    if (!l.contact_id) continue;
    const day = localDate(new Date(l.last), timeZone);
    lastMessage.set(l.contact_id, later(lastMessage.get(l.contact_id), day) ?? day);
    if (CHASING.includes(l.kind))
      lastContact.set(l.contact_id, later(lastContact.get(l.contact_id), day) ?? day);
  }
  for (const p of planned) {
    lastMessage.set(p.contact_id, later(lastMessage.get(p.contact_id), p.last) ?? p.last);
    if (p.kind !== 'thanks')
      lastContact.set(p.contact_id, later(lastContact.get(p.contact_id), p.last) ?? p.last);
  }

  const credit = await db
    .selectFrom('credits')
    .select(['contact_external_id', 'currency', sql<string>`sum(remaining)`.as('amount')])
    .where('connection_id', '=', connectionId)
    .where('status', '=', 'active')
    .where('remaining', '>', 0)
    .groupBy(['contact_external_id', 'currency'])
    .execute();
  const creditBy = new Map<string, { currency: string; amount: number }[]>();
  for (const c of credit)
    push(creditBy, c.contact_external_id, { currency: c.currency, amount: Number(c.amount) });

  const history = await paymentHistory(db, connectionId, addDays(today, -365));

  const debtors = new Map<string, PlannerDebtor>();
  for (const row of rows) {
    let debtor = debtors.get(row.contact_id);
    if (!debtor) {
      const recipients = recipientsOf(row);
      debtor = {
        id: row.contact_id,
        name: row.contact_name,
        email: recipients.to[0] ?? null,
        lastContactOn: lastContact.get(row.contact_id) ?? null,
        lastMessageOn: lastMessage.get(row.contact_id) ?? null,
        segment: segmentOf(history.get(row.contact_external_id) ?? [], today).segment,
        unallocatedCredit: creditBy.get(row.contact_external_id) ?? [],
        invoices: [],
      };
      debtors.set(row.contact_id, debtor);
    }
    debtor.invoices.push({
      id: row.id,
      number: row.number,
      currency: row.currency,
      issueDate: row.issue_date,
      dueDate: row.due_date,
      outstanding: row.outstanding ?? 0,
      stagesDone: stagesDone.get(row.id) ?? [],
      lastStageOn: lastStageOn.get(row.id) ?? null,
    });
  }
  return [...debtors.values()];
}

/** Each customer's invoices of the last year: when due, and when paid in full (by its last payment). */
async function paymentHistory(
  db: Db,
  connectionId: string,
  since: string,
): Promise<Map<string, HistoryInvoice[]>> {
  const rows = await db
    .selectFrom('invoices as i')
    .leftJoin('payments as p', (j) =>
      j
        .onRef('p.connection_id', '=', 'i.connection_id')
        .onRef('p.invoice_external_id', '=', 'i.external_id')
        .on('p.status', '=', 'active'),
    )
    .select([
      'i.contact_external_id',
      'i.due_date',
      'i.outstanding',
      sql<string | null>`max(p.paid_on)::text`.as('last_paid'),
    ])
    .where('i.connection_id', '=', connectionId)
    .where('i.status', 'in', ['authorised', 'paid'])
    .where('i.due_date', '>=', since)
    .groupBy(['i.id', 'i.contact_external_id', 'i.due_date', 'i.outstanding'])
    .execute();
  const history = new Map<string, HistoryInvoice[]>();
  for (const r of rows) {
    push(history, r.contact_external_id, {
      dueDate: r.due_date,
      paidOn: r.outstanding === 0 ? r.last_paid : null,
    });
  }
  return history;
}
