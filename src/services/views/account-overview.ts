// What the settings page shows an account: its connections, and per connection the customers who owe
// money, what is overdue, and what Goodwill will do next and why. Every query is scoped by account.
import { sql } from 'kysely';
import type { Platform } from '../../../connectors/types';
import { publicHolidayCalendar } from '../../domain/public-holidays';
import { businessHours, nextSendMoment } from '../../domain/send-window';
import { simulate } from '../../domain/simulate';
import { zonedDate } from '../../domain/zoned-time';
import type { Db } from '../../db/database';
import type { Locality } from '../../domain/local-time';
import { localDate } from '../followups/local-date';
import { planningInputs } from '../followups/planning-inputs';

export interface ConnectionView {
  id: string;
  platform: Platform;
  name: string;
  status: string;
  statusReason: string | null;
  lastSyncedAt: Date | null;
  approvalMode: boolean;
  today: string;
  /** Where the organisation is: its times read in its own zone. */
  locality: Locality;
  /** When the organisation's business hours next open, if they are closed now: messages wait for it. */
  messagesWaitUntil: { date: string; time: string } | null;
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
  /** The first day a step due would be held back (credit to allocate, no address…), and every such step that day. */
  held: { on: string; reasons: string[] } | null;
}

export async function accountOverview(db: Db, accountId: string, now: Date): Promise<ConnectionView[]> {
  const connections = await db
    .selectFrom('connections')
    .select([
      'id',
      'platform',
      'name',
      'status',
      'status_reason',
      'last_synced_at',
      'timezone',
      'country_code',
      'approval_mode',
    ])
    .where('account_id', '=', accountId)
    .orderBy('created_at')
    .execute();
  const views: ConnectionView[] = [];
  for (const c of connections) {
    const today = localDate(now, c.timezone);
    const opens = nextSendMoment(now, c.timezone, businessHours, publicHolidayCalendar(c.country_code));
    views.push({
      id: c.id,
      platform: c.platform,
      name: c.name,
      status: c.status,
      statusReason: c.status_reason,
      lastSyncedAt: c.last_synced_at,
      approvalMode: c.approval_mode,
      today,
      locality: { timeZone: c.timezone, countryCode: c.country_code },
      // The window only ever opens at its start.
      messagesWaitUntil:
        opens.getTime() > now.getTime()
          ? { date: zonedDate(opens, c.timezone), time: businessHours.start }
          : null,
      debtors:
        c.status === 'disconnected' ? [] : await debtorsOf(db, c.id, today, c.timezone, c.country_code),
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
  countryCode: string,
): Promise<DebtorView[]> {
  // The same facts the planner works from, so the page and the planner never disagree.
  const inputs = await planningInputs(db, { id: connectionId, timezone: timeZone, countryCode }, today);
  const facts = inputs.debtors.filter((d) => d.invoices.length > 0);
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
  // What comes next is the planner's own answer: the first action a simulation of the coming weeks
  // would carry out for each customer, assuming nobody pays, and the first step it would hold back.
  const upcoming = new Map<string, { stageName: string; on: string; invoiceNumber: string }>();
  const held = new Map<string, { on: string; reasons: string[] }>();
  const numbers = new Map(facts.flatMap((d) => d.invoices.map((i) => [i.id, i.number] as const)));
  const simulation = simulate({ context: inputs.context, debtors: facts }, today, 60);
  for (const action of simulation.actions) {
    if (upcoming.has(action.debtorId)) continue;
    upcoming.set(action.debtorId, {
      stageName: action.stageName,
      on: action.plannedOn,
      invoiceNumber: numbers.get(action.invoiceIds[0] ?? '') ?? '',
    });
  }
  for (const hold of simulation.holds) {
    const first = held.get(hold.debtorId);
    if (!first) held.set(hold.debtorId, { on: hold.on, reasons: [hold.reason] });
    else if (first.on === hold.on) first.reasons.push(hold.reason);
  }

  const views = facts.map((d): DebtorView => {
    const invoices = [...d.invoices].sort((a, b) => a.dueDate.localeCompare(b.dueDate));
    const owed = new Map<string, { currency: string; total: number; overdue: number }>();
    for (const i of invoices) {
      const sum = owed.get(i.currency) ?? { currency: i.currency, total: 0, overdue: 0 };
      sum.total += i.outstanding;
      if (i.dueDate < today) sum.overdue += i.outstanding;
      owed.set(i.currency, sum);
    }
    const next = nextBy.get(d.id);
    return {
      contactId: d.id,
      name: d.name,
      email: d.email,
      owed: [...owed.values()],
      invoices: invoices.map((i) => ({
        id: i.id,
        number: i.number,
        dueDate: i.dueDate,
        outstanding: i.outstanding,
        currency: i.currency,
      })),
      oldestDueDate: invoices[0]!.dueDate,
      next: next
        ? { stageName: next.stage_name, status: next.status, reason: next.reason, plannedOn: next.planned_on }
        : null,
      upcoming: upcoming.get(d.id) ?? null,
      held: held.get(d.id) ?? null,
    };
  });
  // Most overdue first: that is where a credit controller looks.
  return views.sort((a, b) => a.oldestDueDate.localeCompare(b.oldestDueDate) || a.name.localeCompare(b.name));
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
