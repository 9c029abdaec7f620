// A dry run of the coming weeks for one customer or a whole organisation: what Goodwill would send or
// do, when and why, and what it would hold back and why, from today's data and assuming nobody pays.
// Nothing is stored or sent.
import { simulate } from '../../domain/simulate';
import type { Db } from '../../db/database';
import { localDate } from '../followups/local-date';
import { planningInputs } from '../followups/planning-inputs';

export interface SimulatedStep {
  on: string;
  customer: string;
  /** The stage or task; null for a step held back. */
  action: string | null;
  channel: string | null;
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
  const inputs = await planningInputs(
    db,
    { id: connection.id, timezone: connection.timezone, countryCode: connection.country_code },
    today,
  );
  const debtors = inputs.debtors.filter((d) => !scope.contactId || d.id === scope.contactId);
  const names = new Map(debtors.map((d) => [d.id, d.name]));
  const numbers = new Map(debtors.flatMap((d) => d.invoices.map((i) => [i.id, i.number] as const)));
  const step = (s: { on: string; debtorId: string; invoiceIds: string[]; reason: string }) => ({
    on: s.on,
    customer: names.get(s.debtorId) ?? '',
    invoices: s.invoiceIds.map((id) => numbers.get(id) ?? id),
    reason: s.reason,
  });
  const { actions, holds } = simulate({ context: inputs.context, debtors }, today, days);
  return [
    ...holds.map((h) => ({ ...step(h), action: null, channel: null })),
    ...actions.map((a) => ({ ...step({ ...a, on: a.plannedOn }), action: a.stageName, channel: a.channel })),
  ].sort((a, b) => a.on.localeCompare(b.on));
}
