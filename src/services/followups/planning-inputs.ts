// What the planner works from for one connection on one day: every customer's facts, and the
// organisation's policies, public holidays and addresses not to be contacted. The daily plan, the
// settings page and the dry run all start here, so what they show and what is done never disagree.
import { planningContext, type PlannerDebtor, type PlanningContext } from '../../domain/planner';
import { publicHolidayCalendar } from '../../domain/public-holidays';
import type { Db } from '../../db/database';
import { connectionPolicies } from '../policies/stored-policies';
import { suppressedAddresses } from '../suppression/list';
import { loadDebtors } from './debtor-facts';

export interface PlanningConnection {
  id: string;
  timezone: string;
  countryCode: string;
  approvalMode?: boolean;
}

export async function planningInputs(
  db: Db,
  connection: PlanningConnection,
  today: string,
): Promise<{ context: PlanningContext; debtors: PlannerDebtor[] }> {
  const suppressed = await suppressedAddresses(db, connection.id);
  const { policies, segmentPolicies } = await connectionPolicies(db, connection.id);
  const context = planningContext({
    calendar: publicHolidayCalendar(connection.countryCode),
    approvalMode: connection.approvalMode ?? false,
    policies,
    segmentPolicies,
    suppressed,
  });
  const debtors = await loadDebtors(db, connection.id, connection.timezone, today, suppressed);
  return { context, debtors };
}
