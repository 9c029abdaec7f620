// What carrying out an action writes: the action held while it is recorded, its contact-log entry and
// notes, and its new status; or, when it is not carried out, the skip and its reason on the timeline.
import type { Db } from '../../db/database';
import type { AppContext } from '../context';
import { logContact } from '../notes/log-contact';

export type SendOutcome = 'sent' | 'task_opened' | 'noted' | 'skipped' | 'deferred' | 'not_pending';

export interface ActionInvoice {
  id: string;
  external_id: string;
  number: string;
  issue_date: string;
  due_date: string;
  currency: string;
  online_url: string | null;
}
export type OwedInvoice = ActionInvoice & { amountDue: number };

export type ActionRow = {
  id: string;
  connection_id: string;
  contact_id: string;
  stage_name: string;
  kind: string;
  currency: string;
  detail: unknown;
  template: string;
  tone: string;
  channel: string;
  reason: string;
};

/** Runs `fn` holding the action; 'not_pending' when someone else got there first. */
export async function record<T extends SendOutcome>(
  ctx: AppContext,
  actionId: string,
  fn: (trx: Db) => Promise<T>,
) {
  return ctx.db.transaction().execute(async (trx) => {
    const held = await trx
      .selectFrom('followup_actions')
      .select('status')
      .where('id', '=', actionId)
      .forUpdate()
      .executeTakeFirst();
    if (held?.status !== 'pending') return 'not_pending' as const;
    return fn(trx);
  });
}

const COMPLETED_STATUS = {
  email_sent: 'sent',
  sms_sent: 'sent',
  thanks_sent: 'sent',
  task_created: 'task_open',
  noted: 'sent',
} as const;

export async function logAndNote(
  trx: Db,
  ctx: AppContext,
  entry: {
    action: ActionRow;
    kind: keyof typeof COMPLETED_STATUS;
    channel: string;
    recipient: string | null;
    subject: string | null;
    messageId: string | null;
    summary: string;
    invoices: OwedInvoice[];
    note: string;
  },
) {
  await logContact(trx, {
    connectionId: entry.action.connection_id,
    contactId: entry.action.contact_id,
    actionId: entry.action.id,
    kind: entry.kind,
    channel: entry.channel,
    recipient: entry.recipient,
    subject: entry.subject,
    messageId: entry.messageId,
    summary: entry.summary,
    invoices: entry.invoices,
    note: entry.note,
    occurredAt: ctx.now(),
  });
  await trx
    .updateTable('followup_actions')
    .set({ status: COMPLETED_STATUS[entry.kind], completed_at: ctx.now() })
    .where('id', '=', entry.action.id)
    .execute();
}

export async function skip(
  ctx: AppContext,
  action: ActionRow,
  reason: string,
  invoices: { id: string }[],
): Promise<SendOutcome> {
  return record(ctx, action.id, async (trx) => {
    await trx
      .insertInto('contact_log')
      .values({
        connection_id: action.connection_id,
        contact_id: action.contact_id,
        action_id: action.id,
        kind: 'skipped',
        channel: 'none',
        recipient: null,
        subject: null,
        message_id: null,
        summary: reason,
        invoice_ids: invoices.map((i) => i.id),
        occurred_at: ctx.now(),
      })
      .execute();
    await trx
      .updateTable('followup_actions')
      .set({ status: 'skipped', status_reason: reason, completed_at: ctx.now() })
      .where('id', '=', action.id)
      .execute();
    return 'skipped' as const;
  });
}
