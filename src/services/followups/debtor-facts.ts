// Everything the planner needs to know about a connection's customers, gathered in a few set-based
// queries: open invoices, what was already done for each, when each customer last heard from us, their
// payment history (for the segment) and credit of theirs that is not yet allocated.
import { sql } from 'kysely';
import { addDays } from '../../domain/dates';
import type { PlannerDebtor } from '../../domain/planner';
import type { CustomerOverrides, Dispute, PaymentPlan, PromiseToPay } from '../../domain/planner-input';
import { segmentOf, type HistoryInvoice } from '../../domain/segments';
import type { Db } from '../../db/database';
import { localDate } from './local-date';
import { recipientsOf } from './recipients';
import { z } from 'zod';

// A call that reached the customer, or left them a message, is a contact like a reminder: the minimum
// gap counts from it, and no email follows on the same day. A call nobody answered is not.
export const CHASING = ['email_sent', 'sms_sent', 'call_reached', 'call_voicemail'];
/** Thank-yous follow within a week of the payment; older payments need none. */
const THANKS_LOOKBACK_DAYS = 7;
const THANKS_KEYS = ['thank-you@', 'part-payment@'];

interface ContactRow {
  contact_id: string;
  contact_external_id: string;
  contact_name: string;
  email: string | null;
  first_name: string | null;
  persons: unknown;
  mobile: string | null;
}
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
  /** Addresses on the suppression list: a customer's first address not on it is the one written to. */
  suppressed: ReadonlySet<string> = new Set(),
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
      'i.excluded',
      'c.id as contact_id',
      'c.external_id as contact_external_id',
      'c.name as contact_name',
      'c.email',
      'c.first_name',
      'c.persons',
      'c.mobile',
    ])
    .where('i.connection_id', '=', connectionId)
    .where('i.status', '=', 'authorised')
    .where('i.outstanding', '>', 0)
    .where('c.archived', '=', false)
    .orderBy('c.name')
    .orderBy('i.due_date')
    .execute();
  const paid = await recentPayments(db, connectionId, addDays(today, -THANKS_LOOKBACK_DAYS));
  if (rows.length === 0 && paid.length === 0) return [];
  const invoiceIds = [...new Set([...rows.map((r) => r.id), ...paid.map((p) => p.invoice_id)])];

  const done = await db
    .selectFrom('followup_action_invoices as ai')
    .innerJoin('followup_actions as a', 'a.id', 'ai.action_id')
    .innerJoin('invoices as i', 'i.id', 'ai.invoice_id')
    .select([
      'ai.invoice_id',
      'ai.stage_key',
      'a.planned_on',
      'a.kind',
      'a.channel',
      'a.status',
      'i.due_date',
    ])
    .where('ai.invoice_id', 'in', invoiceIds)
    .execute();
  const stagesDone = new Map<string, string[]>();
  const lastStageOn = new Map<string, string>();
  // Chased: a reminder reached the customer about the invoice once it was due. Read from what was
  // sent, not from the policies: a customer may since have moved to a policy with other stages, or
  // the copied policy that chased them may be gone, and their payment still deserves its thank-you.
  const chased = new Set<string>();
  for (const d of done) {
    push(stagesDone, d.invoice_id, d.stage_key);
    lastStageOn.set(d.invoice_id, later(lastStageOn.get(d.invoice_id), d.planned_on) ?? d.planned_on);
    if (d.kind === 'stage' && d.channel !== 'task' && d.status === 'sent' && d.planned_on >= d.due_date) {
      chased.add(d.invoice_id);
    }
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
  const agreed = await arrangementsOf(db, connectionId);
  const settings = new Map(
    (
      await db
        .selectFrom('customer_settings as s')
        .innerJoin('contacts as c', 'c.id', 's.contact_id')
        .select(['s.contact_id', 's.policy_id', 's.excluded', 's.contact_person'])
        .where('c.connection_id', '=', connectionId)
        .execute()
    ).map((s) => [s.contact_id, s]),
  );

  const debtors = new Map<string, PlannerDebtor>();
  const debtorFor = (row: ContactRow): PlannerDebtor => {
    let debtor = debtors.get(row.contact_id);
    if (!debtor) {
      const recipients = recipientsOf(row);
      debtor = {
        id: row.contact_id,
        name: row.contact_name,
        email: recipients.to.find((a) => !suppressed.has(a.toLowerCase())) ?? recipients.to[0] ?? null,
        phone: row.mobile,
        lastContactOn: lastContact.get(row.contact_id) ?? null,
        lastMessageOn: lastMessage.get(row.contact_id) ?? null,
        segment: segmentOf(history.get(row.contact_external_id) ?? [], today).segment,
        unallocatedCredit: creditBy.get(row.contact_external_id) ?? [],
        overrides: overridesOf(settings.get(row.contact_id)),
        disputes: agreed.disputes.get(row.contact_id) ?? [],
        promises: agreed.promises.get(row.contact_id) ?? [],
        paymentPlans: agreed.plans.get(row.contact_id) ?? [],
        payments: [],
        invoices: [],
      };
      debtors.set(row.contact_id, debtor);
    }
    return debtor;
  };
  for (const row of rows) {
    debtorFor(row).invoices.push({
      id: row.id,
      number: row.number,
      currency: row.currency,
      issueDate: row.issue_date,
      dueDate: row.due_date,
      outstanding: row.outstanding ?? 0,
      stagesDone: stagesDone.get(row.id) ?? [],
      lastStageOn: lastStageOn.get(row.id) ?? null,
      excluded: row.excluded,
    });
  }
  // Payments of the last days, for the thank-you that follows a chased invoice's payment.
  for (const p of paid) {
    const done = stagesDone.get(p.invoice_id) ?? [];
    const remaining = p.outstanding ?? 0;
    debtorFor(p).payments!.push({
      invoiceId: p.invoice_id,
      number: p.number,
      currency: p.currency,
      kind: remaining === 0 ? 'paid' : 'part_paid',
      on: p.paid_on,
      amount: p.amount,
      remaining,
      chased: chased.has(p.invoice_id),
      acknowledged: done.some(
        (key) => key.endsWith(`@${p.paid_on}`) && THANKS_KEYS.some((k) => key.startsWith(k)),
      ),
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

const instalments = z.array(z.object({ dueDate: z.string(), amount: z.number().int() }));
const contactPerson = z
  .object({ name: z.string(), email: z.string().optional(), phone: z.string().optional() })
  .nullable();

/** Disputes, promises and payment plans, per customer. */
async function arrangementsOf(db: Db, connectionId: string) {
  const rows = await db
    .selectFrom('arrangements')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .execute();
  const disputes = new Map<string, Dispute[]>();
  const promises = new Map<string, PromiseToPay[]>();
  const plans = new Map<string, PaymentPlan[]>();
  for (const a of rows) {
    if (a.kind === 'dispute') {
      for (const invoiceId of a.invoice_ids) {
        push(disputes, a.contact_id, {
          invoiceId,
          raisedOn: a.made_on,
          reason: a.reason ?? '',
          resolvedOn: a.resolved_on,
        });
      }
    } else if (a.kind === 'promise' && a.promised_for) {
      push(promises, a.contact_id, {
        invoiceIds: a.invoice_ids,
        madeOn: a.made_on,
        promisedFor: a.promised_for,
      });
    } else if (a.kind === 'payment_plan') {
      push(plans, a.contact_id, {
        id: a.id,
        invoiceIds: a.invoice_ids,
        currency: a.currency ?? '',
        agreedOn: a.made_on,
        instalments: instalments.parse(a.instalments),
      });
    }
  }
  return { disputes, promises, plans };
}

function overridesOf(
  settings: { policy_id: string | null; excluded: boolean; contact_person: unknown } | undefined,
): CustomerOverrides | undefined {
  if (!settings) return undefined;
  const person = contactPerson.parse(settings.contact_person ?? null);
  return {
    ...(settings.policy_id ? { policyId: settings.policy_id } : {}),
    excluded: settings.excluded,
    ...(person ? { contactPerson: person } : {}),
  };
}

/** Active payments received since `since`, with their invoice and customer. */
async function recentPayments(db: Db, connectionId: string, since: string) {
  return db
    .selectFrom('payments as p')
    .innerJoin('invoices as i', (j) =>
      j.onRef('i.connection_id', '=', 'p.connection_id').onRef('i.external_id', '=', 'p.invoice_external_id'),
    )
    .innerJoin('contacts as c', (j) =>
      j.onRef('c.connection_id', '=', 'i.connection_id').onRef('c.external_id', '=', 'i.contact_external_id'),
    )
    .select([
      'i.id as invoice_id',
      'i.number',
      'i.currency',
      'i.outstanding',
      'p.paid_on',
      'p.amount',
      'c.id as contact_id',
      'c.external_id as contact_external_id',
      'c.name as contact_name',
      'c.email',
      'c.first_name',
      'c.persons',
      'c.mobile',
    ])
    .where('p.connection_id', '=', connectionId)
    .where('p.status', '=', 'active')
    .where('p.paid_on', '>=', since)
    .where('i.status', 'in', ['authorised', 'paid'])
    .where('c.archived', '=', false)
    .orderBy('p.paid_on')
    .execute();
}
