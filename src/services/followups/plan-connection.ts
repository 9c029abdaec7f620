// Planning for one connection: gather each customer's open invoices and contact history, ask the pure
// planner what is due today, and store each action once (the idempotency key and the one-row-per-
// invoice-per-stage rule make a second run, or a concurrent one, plan nothing new).
import { sql } from 'kysely';
import { planDebtor, type PlannedAction, type PlannedSkip, type PlannerDebtor } from '../../domain/planner';
import { standardPolicy } from '../../domain/policy';
import { findConnection } from '../../db/repositories/connections';
import type { AppContext } from '../context';
import { localDate } from './local-date';
import { recipientsOf } from './recipients';

export interface PlanSummary {
  connectionId: string;
  today: string;
  planned: string[];
  skips: PlannedSkip[];
}

export async function loadDebtors(
  ctx: AppContext,
  connectionId: string,
  timeZone: string,
): Promise<PlannerDebtor[]> {
  const rows = await ctx.db
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

  const done = await ctx.db
    .selectFrom('followup_action_invoices')
    .select(['invoice_id', 'stage_key'])
    .where(
      'invoice_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  const stagesDone = new Map<string, string[]>();
  for (const d of done) stagesDone.set(d.invoice_id, [...(stagesDone.get(d.invoice_id) ?? []), d.stage_key]);

  const lastContacts = await ctx.db
    .selectFrom('contact_log')
    .select(['contact_id', sql<Date>`max(occurred_at)`.as('last')])
    .where('connection_id', '=', connectionId)
    .where('kind', '=', 'email_sent')
    .groupBy('contact_id')
    .execute();
  const lastContactOn = new Map(
    lastContacts.map((l) => [l.contact_id, localDate(new Date(l.last), timeZone)]),
  );

  const debtors = new Map<string, PlannerDebtor>();
  for (const row of rows) {
    let debtor = debtors.get(row.contact_id);
    if (!debtor) {
      const recipients = recipientsOf(row);
      debtor = {
        id: row.contact_id,
        name: row.contact_name,
        email: recipients.to[0] ?? null,
        lastContactOn: lastContactOn.get(row.contact_id) ?? null,
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
    });
  }
  return [...debtors.values()];
}

export async function planConnection(ctx: AppContext, connectionId: string): Promise<PlanSummary | null> {
  const connection = await findConnection(ctx.db, connectionId);
  if (!connection || connection.status !== 'active') return null;
  const today = localDate(ctx.now(), connection.timezone);
  const summary: PlanSummary = { connectionId, today, planned: [], skips: [] };
  for (const debtor of await loadDebtors(ctx, connectionId, connection.timezone)) {
    const { actions, skips } = planDebtor(standardPolicy, debtor, today);
    summary.skips.push(...skips);
    for (const action of actions) {
      const id = await storeAction(ctx, connectionId, action, today);
      if (id) summary.planned.push(id);
    }
  }
  return summary;
}

class AlreadyPlanned extends Error {}

async function storeAction(ctx: AppContext, connectionId: string, action: PlannedAction, today: string) {
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('followup_actions')
        .values({
          idempotency_key: action.idempotencyKey,
          connection_id: connectionId,
          contact_id: action.debtorId,
          stage_key: action.stageKey,
          stage_name: action.stageName,
          channel: action.channel,
          tone: action.tone,
          template: action.template,
          currency: action.currency,
          reason: action.reason,
          status_reason: null,
          planned_on: today,
        })
        .onConflict((oc) => oc.columns(['connection_id', 'idempotency_key']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) return null;
      const linked = await trx
        .insertInto('followup_action_invoices')
        .values(
          action.invoiceIds.map((invoiceId) => ({
            action_id: inserted.id,
            invoice_id: invoiceId,
            stage_key: action.stageKey,
          })),
        )
        .onConflict((oc) => oc.columns(['invoice_id', 'stage_key']).doNothing())
        .returning('invoice_id')
        .execute();
      // Another run planned one of these invoices at this stage first: keep that one alone.
      if (linked.length !== action.invoiceIds.length) throw new AlreadyPlanned();
      return inserted.id;
    });
  } catch (err) {
    if (err instanceof AlreadyPlanned) return null;
    throw err;
  }
}
