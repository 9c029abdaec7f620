// Planning for one connection: gather each customer's facts, ask the pure planner what is due today,
// and store each action once (the idempotency key and the one-row-per-invoice-per-step rule make a
// second run, or a concurrent one, plan nothing new).
import { planDebtor, policyFor, type PlannedAction, type PlannedSkip } from '../../domain/planner';
import { findConnection } from '../../db/repositories/connections';
import type { AppContext } from '../context';
import { localDate } from './local-date';
import { planningInputs } from './planning-inputs';

export interface PlanSummary {
  connectionId: string;
  today: string;
  planned: string[];
  skips: PlannedSkip[];
}

export async function planConnection(ctx: AppContext, connectionId: string): Promise<PlanSummary | null> {
  const connection = await findConnection(ctx.db, connectionId);
  if (!connection || connection.status !== 'active') return null;
  const today = localDate(ctx.now(), connection.timezone);
  const settings = await ctx.db
    .selectFrom('connections')
    .select('approval_mode')
    .where('id', '=', connectionId)
    .executeTakeFirstOrThrow();
  const { context, debtors } = await planningInputs(
    ctx.db,
    { ...connection, approvalMode: settings.approval_mode },
    today,
  );
  const summary: PlanSummary = { connectionId, today, planned: [], skips: [] };
  for (const debtor of debtors) {
    const { actions, skips } = planDebtor(context, debtor, today);
    summary.skips.push(...skips);
    await recordSkips(ctx, connectionId, today, skips);
    const policyId = policyFor(context, debtor).id;
    for (const action of actions) {
      const id = await storeAction(ctx, connectionId, action, policyId);
      if (id) summary.planned.push(id);
    }
  }
  return summary;
}

class AlreadyPlanned extends Error {}

/** `policyId`: the policy the customer was planned under, so that deleting it finds what it planned. */
export async function storeAction(
  ctx: AppContext,
  connectionId: string,
  action: PlannedAction,
  policyId: string,
) {
  // What is left after the common fields is what only this kind carries (round, instalment, payments
  // thanked, credit): kept as the action's detail.
  const {
    idempotencyKey,
    debtorId,
    stageKey,
    doneKey,
    stageName,
    channel,
    taskKind,
    tone,
    template,
    ...specific
  } = action;
  const { currency, invoiceIds, recipient, requiresApproval, plannedOn, reason, kind, ...detail } = specific;
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('followup_actions')
        .values({
          idempotency_key: idempotencyKey,
          connection_id: connectionId,
          contact_id: debtorId,
          kind,
          policy_id: policyId,
          stage_key: stageKey,
          stage_name: stageName,
          channel,
          task_kind: taskKind,
          tone,
          template,
          currency,
          recipient,
          requires_approval: requiresApproval,
          status: requiresApproval ? 'awaiting_approval' : 'pending',
          detail: JSON.stringify(detail),
          reason,
          status_reason: null,
          planned_on: plannedOn,
        })
        .onConflict((oc) => oc.columns(['connection_id', 'idempotency_key']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) return null;
      if (invoiceIds.length === 0) return inserted.id;
      const linked = await trx
        .insertInto('followup_action_invoices')
        .values(
          invoiceIds.map((invoiceId) => ({
            action_id: inserted.id,
            invoice_id: invoiceId,
            stage_key: doneKey,
          })),
        )
        .onConflict((oc) => oc.columns(['invoice_id', 'stage_key']).doNothing())
        .returning('invoice_id')
        .execute();
      // Another run planned one of these invoices at this step first: keep that one alone.
      if (linked.length !== invoiceIds.length) throw new AlreadyPlanned();
      return inserted.id;
    });
  } catch (err) {
    if (err instanceof AlreadyPlanned) return null;
    throw err;
  }
}

/** Each hold on each invoice, for its timeline ("not sent: customer disputed INV-204 on 3 Nov"). */
async function recordSkips(ctx: AppContext, connectionId: string, today: string, skips: PlannedSkip[]) {
  const rows = skips.flatMap((skip) =>
    skip.invoiceIds.map((invoiceId) => ({
      connection_id: connectionId,
      invoice_id: invoiceId,
      skipped_on: today,
      cause: skip.cause,
      reason: skip.reason,
    })),
  );
  if (rows.length === 0) return;
  await ctx.db
    .insertInto('followup_skips')
    .values(rows)
    .onConflict((oc) => oc.columns(['invoice_id', 'cause', 'reason']).doNothing())
    .execute();
}
