// What the settings page shows an account: its connections, and per connection the customers who owe
// money, what is overdue, and what Goodwill will do next and why. Every query is scoped by account.
import { sql } from 'kysely';
import type { Platform } from '../../../connectors/types';
import { publicHolidayCalendar } from '../../domain/public-holidays';
import { businessHours, nextSendMoment } from '../../domain/send-window';
import type { PlannerDebtor, PlanningContext } from '../../domain/planner';
import { simulate } from '../../domain/simulate';
import { zonedDate } from '../../domain/zoned-time';
import type { Db } from '../../db/database';
import type { Locality } from '../../domain/local-time';
import { localDate } from '../followups/local-date';
import { collectedAfterChasing, type Collected } from './collected';
import { planningInputs, type PlanningConnection } from '../followups/planning-inputs';

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
  customers: CustomerList;
  /** Received on chased invoices since they were chased, over the last 30 days. */
  collected: Collected[];
  issues: { invoiceId: string; number: string; computed: number; platform: number; currency: string }[];
}

/** The customers who owe money, most overdue first, a page at a time. */
export interface CustomerList {
  /** Across every customer: what is owed and what of it is overdue, per currency. */
  owed: Owed[];
  count: number;
  /** 1-based; a page past the end shows the last one. */
  page: number;
  pages: number;
  /** This page's customers. */
  debtors: DebtorView[];
}

export interface Owed {
  currency: string;
  total: number;
  overdue: number;
}

/** Customers a page: the planner's dry run behind "what next" is the page's cost, about a millisecond each. */
export const CUSTOMERS_PER_PAGE = 50;

const EMPTY_LIST: CustomerList = { owed: [], count: 0, page: 1, pages: 1, debtors: [] };

export interface DebtorView {
  contactId: string;
  name: string;
  email: string | null;
  owed: Owed[];
  invoices: { id: string; number: string; dueDate: string; outstanding: number; currency: string }[];
  oldestDueDate: string;
  /** The action in hand (pending, or the latest one carried out). */
  next: { stageName: string; status: string; reason: string; plannedOn: string } | null;
  /** What the policy will do next and when, if nothing is pending. */
  upcoming: { stageName: string; on: string; invoiceNumber: string } | null;
  /** The first day a step due would be held back (credit to allocate, no address…), and every such step that day. */
  held: { on: string; reasons: string[] } | null;
}

/** `pages`: the page of customers to show for a connection (the first for any other). */
export async function accountOverview(
  db: Db,
  accountId: string,
  now: Date,
  pages: ReadonlyMap<string, number> = new Map(),
): Promise<ConnectionView[]> {
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
      customers:
        c.status === 'disconnected'
          ? EMPTY_LIST
          : await customersOf(
              db,
              { id: c.id, timezone: c.timezone, countryCode: c.country_code },
              today,
              pages.get(c.id) ?? 1,
            ),
      collected: await collectedAfterChasing(db, c, today),
      issues: await issuesOf(db, c.id),
    });
  }
  return views;
}

async function customersOf(
  db: Db,
  connection: PlanningConnection,
  today: string,
  requestedPage: number,
): Promise<CustomerList> {
  // The same facts the planner works from, so the page and the planner never disagree.
  const inputs = await planningInputs(db, connection, today);
  const owing = inputs.debtors
    .filter((d) => d.invoices.length > 0)
    .map((debtor) => ({ debtor, view: owingView(debtor, today) }))
    // Most overdue first: that is where a credit controller looks.
    .sort(
      (a, b) =>
        a.view.oldestDueDate.localeCompare(b.view.oldestDueDate) || a.view.name.localeCompare(b.view.name),
    );
  const pages = Math.max(1, Math.ceil(owing.length / CUSTOMERS_PER_PAGE));
  const page = Math.min(Math.max(1, requestedPage), pages);
  const shown = owing.slice((page - 1) * CUSTOMERS_PER_PAGE, page * CUSTOMERS_PER_PAGE);
  const next = await whatNext(
    db,
    connection.id,
    inputs.context,
    shown.map((s) => s.debtor),
    today,
  );
  return {
    owed: addOwed(owing.flatMap((o) => o.view.owed)),
    count: owing.length,
    page,
    pages,
    debtors: shown.map(({ view }) => ({ ...view, ...next(view.contactId) })),
  };
}

/** What a customer owes, without what comes next. */
function owingView(d: PlannerDebtor, today: string): Omit<DebtorView, 'next' | 'upcoming' | 'held'> {
  const invoices = [...d.invoices].sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  return {
    contactId: d.id,
    name: d.name,
    email: d.email,
    owed: addOwed(
      invoices.map((i) => ({
        currency: i.currency,
        total: i.outstanding,
        overdue: i.dueDate < today ? i.outstanding : 0,
      })),
    ),
    invoices: invoices.map((i) => ({
      id: i.id,
      number: i.number,
      dueDate: i.dueDate,
      outstanding: i.outstanding,
      currency: i.currency,
    })),
    oldestDueDate: invoices[0]!.dueDate,
  };
}

/** Sums per currency, in the order the currencies first appear. */
function addOwed(parts: readonly Owed[]): Owed[] {
  const sums = new Map<string, Owed>();
  for (const part of parts) {
    const sum = sums.get(part.currency) ?? { currency: part.currency, total: 0, overdue: 0 };
    sum.total += part.total;
    sum.overdue += part.overdue;
    sums.set(part.currency, sum);
  }
  return [...sums.values()];
}

/**
 * For each of these customers: the action in hand, and what the planner's own dry run of the coming
 * weeks would do first (assuming nobody pays) or hold back first.
 */
async function whatNext(
  db: Db,
  connectionId: string,
  context: PlanningContext,
  debtors: PlannerDebtor[],
  today: string,
): Promise<(contactId: string) => Pick<DebtorView, 'next' | 'upcoming' | 'held'>> {
  const latest =
    debtors.length === 0
      ? []
      : await db
          .selectFrom('followup_actions')
          .select(['contact_id', 'stage_name', 'status', 'reason', 'planned_on'])
          .distinctOn('contact_id')
          .where('connection_id', '=', connectionId)
          .where(
            'contact_id',
            'in',
            debtors.map((d) => d.id),
          )
          .orderBy('contact_id')
          .orderBy(sql`status = 'pending'`, 'desc')
          .orderBy('created_at', 'desc')
          .execute();
  const nextBy = new Map(latest.map((a) => [a.contact_id, a]));
  const upcoming = new Map<string, { stageName: string; on: string; invoiceNumber: string }>();
  const held = new Map<string, { on: string; reasons: string[] }>();
  const numbers = new Map(debtors.flatMap((d) => d.invoices.map((i) => [i.id, i.number] as const)));
  const simulation = simulate({ context, debtors }, today, 60);
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
  return (contactId) => {
    const next = nextBy.get(contactId);
    return {
      next: next
        ? { stageName: next.stage_name, status: next.status, reason: next.reason, plannedOn: next.planned_on }
        : null,
      upcoming: upcoming.get(contactId) ?? null,
      held: held.get(contactId) ?? null,
    };
  };
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
