// Approval: actions a person must see before they go (every message in approval mode, and stages a
// policy marks so). Approving hands the action to the sender; declining cancels it, with who and why.
import type { AppContext } from '../context';

export interface AwaitingAction {
  id: string;
  connection: string;
  customer: string;
  stageName: string;
  channel: string;
  plannedOn: string;
  reason: string;
  invoices: string[];
}

export async function awaitingApproval(ctx: AppContext, accountId: string): Promise<AwaitingAction[]> {
  const rows = await ctx.db
    .selectFrom('followup_actions as a')
    .innerJoin('connections as k', 'k.id', 'a.connection_id')
    .innerJoin('contacts as c', 'c.id', 'a.contact_id')
    .leftJoin('followup_action_invoices as ai', 'ai.action_id', 'a.id')
    .leftJoin('invoices as i', 'i.id', 'ai.invoice_id')
    .select([
      'a.id',
      'k.name as connection',
      'c.name as customer',
      'a.stage_name',
      'a.channel',
      'a.planned_on',
      'a.reason',
      'i.number',
    ])
    .where('k.account_id', '=', accountId)
    .where('k.status', '=', 'active')
    .where('a.status', '=', 'awaiting_approval')
    .orderBy('a.planned_on')
    .orderBy('c.name')
    .execute();
  const byId = new Map<string, AwaitingAction>();
  for (const r of rows) {
    const entry = byId.get(r.id) ?? {
      id: r.id,
      connection: r.connection,
      customer: r.customer,
      stageName: r.stage_name,
      channel: r.channel,
      plannedOn: r.planned_on,
      reason: r.reason,
      invoices: [],
    };
    if (r.number) entry.invoices.push(r.number);
    byId.set(r.id, entry);
  }
  return [...byId.values()];
}

/** Approves or declines the named actions of this account; returns the ids approved (to be sent). */
export async function decide(
  ctx: AppContext,
  who: { accountId: string; userName: string },
  actionIds: string[],
  decision: 'approve' | 'decline',
): Promise<string[]> {
  if (actionIds.length === 0) return [];
  const changed = await ctx.db
    .updateTable('followup_actions')
    .set(
      decision === 'approve'
        ? { status: 'pending', status_reason: `approved by ${who.userName}` }
        : { status: 'cancelled', status_reason: `declined by ${who.userName}`, completed_at: ctx.now() },
    )
    .where('id', 'in', actionIds)
    .where('status', '=', 'awaiting_approval')
    .where('connection_id', 'in', (eb) =>
      eb.selectFrom('connections').select('id').where('account_id', '=', who.accountId),
    )
    .returning('id')
    .execute();
  return decision === 'approve' ? changed.map((c) => c.id) : [];
}

export async function setApprovalMode(
  ctx: AppContext,
  accountId: string,
  connectionId: string,
  on: boolean,
): Promise<boolean> {
  const result = await ctx.db
    .updateTable('connections')
    .set({ approval_mode: on })
    .where('id', '=', connectionId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
