// A dry run of the coming weeks for one customer or a whole organisation: what Goodwill would send or
// do, when and why, from today's data and assuming nobody pays. Nothing is stored or sent.
import { planningContext } from '../../domain/planner';
import { publicHolidayCalendar } from '../../domain/public-holidays';
import { simulate } from '../../domain/simulate';
import type { Db } from '../../db/database';
import { loadDebtors } from '../followups/debtor-facts';
import { localDate } from '../followups/local-date';
import { suppressedAddresses } from '../suppression/list';
import { connectionPolicies } from '../policies/stored-policies';

export interface SimulatedStep {
  on: string;
  customer: string;
  action: string;
  channel: string;
  invoices: string[];
  reason: string;
}

export async function simulateFollowups(
  db: Db,
  scope: { accountId: string; connectionId: string; contactId?: string },
  now: Date,
  days = 90,
): Promise<SimulatedStep[] | null> {
  const connection = await db
    .selectFrom('connections')
    .select(['id', 'timezone', 'country_code'])
    .where('id', '=', scope.connectionId)
    .where('account_id', '=', scope.accountId)
    .executeTakeFirst();
  if (!connection) return null;
  const today = localDate(now, connection.timezone);
  const suppressed = await suppressedAddresses(db, connection.id);
  const debtors = (await loadDebtors(db, connection.id, connection.timezone, today, suppressed)).filter(
    (d) => !scope.contactId || d.id === scope.contactId,
  );
  const names = new Map(debtors.map((d) => [d.id, d.name]));
  const numbers = new Map(debtors.flatMap((d) => d.invoices.map((i) => [i.id, i.number] as const)));
  const { policies, segmentPolicies } = await connectionPolicies(db, connection.id);
  const context = planningContext({
    calendar: publicHolidayCalendar(connection.country_code),
    policies,
    segmentPolicies,
    suppressed,
  });
  return simulate({ context, debtors }, today, days).map((a) => ({
    on: a.plannedOn,
    customer: names.get(a.debtorId) ?? '',
    action: a.stageName,
    channel: a.channel,
    invoices: a.invoiceIds.map((id) => numbers.get(id) ?? id),
    reason: a.reason,
  }));
}
