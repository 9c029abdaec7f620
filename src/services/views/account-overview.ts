// What the settings page shows an account: its connections, and per connection the customers who owe
// money, what is overdue, and what Goodwill will do next and why. Every query is scoped by account.
import { sql } from 'kysely';
import { nextStage, stageDueOn } from '../../domain/planner';
import { addDays } from '../../domain/dates';
import { standardPolicy } from '../../domain/policy';
import type { Db } from '../../db/database';
import { localDate } from '../followups/local-date';
import { recipientsOf } from '../followups/recipients';

export interface ConnectionView {
  id: string;
  platform: string;
  name: string;
  status: string;
  statusReason: string | null;
  lastSyncedAt: Date | null;
  today: string;
  debtors: DebtorView[];
  issues: { invoiceId: string; number: string; computed: number; platform: number; currency: string }[];
}

export interface DebtorView {
  contactId: string;
  name: string;
  email: string | null;
  owed: { currency: string; total: number; overdue: number }[];
  invoices: { id: string; number: string; dueDate: string; outstanding: number; currency: string }[];
  oldestDueDate: string;
  /** The action in hand (pending, or the latest one carried out). */
  next: { stageName: string; status: string; reason: string; plannedOn: string } | null;
  /** What the policy will do next and when, if nothing is pending. */
  upcoming: { stageName: string; on: string; invoiceNumber: string } | null;
}

export async function accountOverview(db: Db, accountId: string, now: Date): Promise<ConnectionView[]> {
  const connections = await db
    .selectFrom('connections')
    .select(['id', 'platform', 'name', 'status', 'status_reason', 'last_synced_at', 'timezone'])
    .where('account_id', '=', accountId)
    .orderBy('created_at')
    .execute();
  const views: ConnectionView[] = [];
  for (const c of connections) {
    const today = localDate(now, c.timezone);
    views.push({
      id: c.id,
      platform: c.platform,
      name: c.name,
      status: c.status,
      statusReason: c.status_reason,
      lastSyncedAt: c.last_synced_at,
      today,
      debtors: c.status === 'disconnected' ? [] : await debtorsOf(db, c.id, today, c.timezone),
      issues: await issuesOf(db, c.id),
    });
  }
  return views;
}

async function debtorsOf(
  db: Db,
  connectionId: string,
  today: string,
  timeZone: string,
): Promise<DebtorView[]> {
  const invoices = await db
    .selectFrom('invoices as i')
    .innerJoin('contacts as c', (j) =>
      j.onRef('c.connection_id', '=', 'i.connection_id').onRef('c.external_id', '=', 'i.contact_external_id'),
    )
    .select([
      'i.id',
      'i.number',
      'i.due_date',
      'i.outstanding',
      'i.currency',
      'c.id as contact_id',
      'c.name',
      'c.email',
      'c.first_name',
      'c.persons',
    ])
    .where('i.connection_id', '=', connectionId)
    .where('i.status', '=', 'authorised')
    .where('i.outstanding', '>', 0)
    .orderBy('i.due_date')
    .execute();
  const latest = await db
    .selectFrom('followup_actions')
    .select(['contact_id', 'stage_name', 'status', 'reason', 'planned_on'])
    .distinctOn('contact_id')
    .where('connection_id', '=', connectionId)
    .orderBy('contact_id')
    .orderBy(sql`status = 'pending'`, 'desc')
    .orderBy('created_at', 'desc')
    .execute();
  const nextBy = new Map(latest.map((a) => [a.contact_id, a]));
  const done = invoices.length
    ? await db
        .selectFrom('followup_action_invoices')
        .select(['invoice_id', 'stage_key'])
        .where(
          'invoice_id',
          'in',
          invoices.map((i) => i.id),
        )
        .execute()
    : [];
  const lastEmails = await db
    .selectFrom('contact_log')
    .select(['contact_id', sql<Date>`max(occurred_at)`.as('last')])
    .where('connection_id', '=', connectionId)
    .where('kind', '=', 'email_sent')
    .groupBy('contact_id')
    .execute();
  // The next email waits for the minimum gap after the last one, whatever its stage's own date.
  const earliestEmail = new Map(
    lastEmails.map((l) => [
      l.contact_id,
      addDays(localDate(new Date(l.last), timeZone), standardPolicy.minDaysBetweenContacts),
    ]),
  );
  const stagesDone = new Map<string, string[]>();
  for (const d of done) stagesDone.set(d.invoice_id, [...(stagesDone.get(d.invoice_id) ?? []), d.stage_key]);

  const debtors = new Map<string, DebtorView>();
  for (const row of invoices) {
    let debtor = debtors.get(row.contact_id);
    if (!debtor) {
      const next = nextBy.get(row.contact_id);
      debtor = {
        contactId: row.contact_id,
        name: row.name,
        email: recipientsOf(row).to.join(', ') || null,
        owed: [],
        invoices: [],
        oldestDueDate: row.due_date,
        next: next
          ? {
              stageName: next.stage_name,
              status: next.status,
              reason: next.reason,
              plannedOn: next.planned_on,
            }
          : null,
        upcoming: null,
      };
      debtors.set(row.contact_id, debtor);
    }
    const outstanding = row.outstanding ?? 0;
    debtor.invoices.push({
      id: row.id,
      number: row.number,
      dueDate: row.due_date,
      outstanding,
      currency: row.currency,
    });
    let owed = debtor.owed.find((o) => o.currency === row.currency);
    if (!owed) {
      owed = { currency: row.currency, total: 0, overdue: 0 };
      debtor.owed.push(owed);
    }
    owed.total += outstanding;
    if (row.due_date < today) owed.overdue += outstanding;
    const step = nextStage(
      standardPolicy,
      { dueDate: row.due_date, stagesDone: stagesDone.get(row.id) ?? [] },
      today,
    );
    if (step) {
      const gap = step.stage.channel === 'email' ? (earliestEmail.get(row.contact_id) ?? today) : today;
      const due = stageDueOn(step.stage, { dueDate: row.due_date });
      const on = [due, gap, today].sort().at(-1) ?? today;
      if (!debtor.upcoming || on < debtor.upcoming.on) {
        debtor.upcoming = {
          stageName: step.stage.name,
          on: on < today ? today : on,
          invoiceNumber: row.number,
        };
      }
    }
  }
  // Most overdue first: that is where a credit controller looks.
  return [...debtors.values()].sort(
    (a, b) => a.oldestDueDate.localeCompare(b.oldestDueDate) || a.name.localeCompare(b.name),
  );
}

async function issuesOf(db: Db, connectionId: string) {
  const rows = await db
    .selectFrom('reconciliation_issues as r')
    .innerJoin('invoices as i', 'i.id', 'r.invoice_id')
    .select(['i.id', 'i.number', 'i.currency', 'r.computed', 'r.platform'])
    .where('i.connection_id', '=', connectionId)
    .orderBy('i.number')
    .execute();
  return rows.map((r) => ({
    invoiceId: r.id,
    number: r.number,
    computed: r.computed,
    platform: r.platform,
    currency: r.currency,
  }));
}
