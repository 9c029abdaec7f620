// Carrying out one planned action. Guards first, so a re-run does nothing: only a pending action is
// acted on, the invoices are fetched again from the platform (never chase what was paid an hour ago),
// and the contact-log entry, the note outbox rows and the action's new status are written in the same
// transaction that holds the action while the email goes out. If the send fails nothing is recorded
// and the action stays pending for the retry; the log can never claim an email that was not sent.
import type { CanonicalInvoice } from '../../../connectors/types';
import { contactNote, renderReminder } from '../../domain/templates';
import { standardPolicy } from '../../domain/policy';
import type { Db } from '../../db/database';
import { findConnection, type ConnectionRecord } from '../../db/repositories/connections';
import { apiContext } from '../connection-tokens';
import type { AppContext } from '../context';
import { localDate } from './local-date';
import { recipientsOf } from './recipients';

export type SendOutcome = 'sent' | 'task_opened' | 'skipped' | 'not_pending';

interface ActionInvoice {
  id: string;
  external_id: string;
  number: string;
  issue_date: string;
  due_date: string;
  currency: string;
}

export async function sendAction(ctx: AppContext, actionId: string): Promise<SendOutcome> {
  const action = await ctx.db
    .selectFrom('followup_actions')
    .selectAll()
    .where('id', '=', actionId)
    .executeTakeFirst();
  if (!action || action.status !== 'pending') return 'not_pending';
  const connection = await findConnection(ctx.db, action.connection_id);
  if (!connection || connection.status !== 'active') return 'not_pending';
  const contact = await ctx.db
    .selectFrom('contacts')
    .selectAll()
    .where('id', '=', action.contact_id)
    .executeTakeFirstOrThrow();
  const invoices = await ctx.db
    .selectFrom('followup_action_invoices as ai')
    .innerJoin('invoices as i', 'i.id', 'ai.invoice_id')
    .select(['i.id', 'i.external_id', 'i.number', 'i.issue_date', 'i.due_date', 'i.currency'])
    .where('ai.action_id', '=', actionId)
    .orderBy('i.due_date')
    .orderBy('i.number')
    .execute();
  const today = localDate(ctx.now(), connection.timezone);
  const stage = standardPolicy.stages.find((s) => s.key === action.stage_key);
  if (!stage) return skip(ctx, action, `the stage '${action.stage_key}' is no longer in the policy`, []);

  const fresh = await stillOwed(ctx, connection, invoices);
  if (fresh.owed.length === 0) {
    return skip(
      ctx,
      action,
      `not sent: ${fresh.settledNumbers.join(', ')} no longer owed when checked on ${today}`,
      [],
    );
  }
  const owed = fresh.owed;

  if (stage.channel === 'task') {
    return record(ctx, actionId, async (trx) => {
      const summary = `Task for the team: ${action.stage_name} (${action.reason})`;
      await logAndNote(trx, ctx, {
        action,
        kind: 'task_created',
        channel: 'task',
        recipient: null,
        subject: null,
        messageId: null,
        summary,
        invoices: owed,
        note: contactNote(
          {
            channel: 'task',
            stageName: action.stage_name,
            recipient: null,
            date: today,
            invoiceNumbers: owed.map((i) => i.number),
          },
          ctx.connectors[connection.platform].noteMaxLength,
        ),
      });
      return 'task_opened';
    });
  }

  const recipients = recipientsOf(contact);
  if (recipients.to.length === 0) {
    return skip(ctx, action, `not sent: ${contact.name} has no email address; call them instead`, owed);
  }
  const email = renderReminder({
    stage,
    business: { name: connection.name, replyTo: connection.replyTo ?? ctx.mailFrom },
    debtor: { name: contact.name, contactName: recipients.contactName },
    invoices: owed.map((i) => ({
      number: i.number,
      issueDate: i.issue_date,
      dueDate: i.due_date,
      amountDue: i.amountDue,
      currency: i.currency,
    })),
    today,
  });
  const messageId = `<${action.id}@${new URL(ctx.publicUrl).hostname}>`;

  return record(ctx, actionId, async (trx) => {
    await logAndNote(trx, ctx, {
      action,
      kind: 'email_sent',
      channel: 'email',
      recipient: recipients.to.join(', '),
      subject: email.subject,
      messageId,
      summary: `${action.stage_name} emailed to ${recipients.to.join(', ')}`,
      invoices: owed,
      note: contactNote(
        {
          channel: 'email',
          stageName: action.stage_name,
          recipient: recipients.to[0] ?? null,
          date: today,
          invoiceNumbers: owed.map((i) => i.number),
        },
        ctx.connectors[connection.platform].noteMaxLength,
      ),
    });
    await ctx.mailer.send({
      messageId,
      from: ctx.mailFrom,
      replyTo: connection.replyTo ?? undefined,
      to: recipients.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
    });
    return 'sent';
  });
}

type OwedInvoice = ActionInvoice & { amountDue: number };

async function stillOwed(
  ctx: AppContext,
  connection: ConnectionRecord,
  invoices: ActionInvoice[],
): Promise<{ owed: OwedInvoice[]; settledNumbers: string[] }> {
  const api = await apiContext(ctx, connection);
  const latest = await ctx.connectors[connection.platform].fetchInvoices(
    api,
    invoices.map((i) => i.external_id),
  );
  const byId = new Map<string, CanonicalInvoice>(latest.map((i) => [i.externalId, i]));
  const owed: OwedInvoice[] = [];
  const settledNumbers: string[] = [];
  for (const invoice of invoices) {
    const now = byId.get(invoice.external_id);
    if (now && now.status === 'authorised' && now.amountDue > 0)
      owed.push({ ...invoice, amountDue: now.amountDue });
    else settledNumbers.push(invoice.number);
  }
  return { owed, settledNumbers };
}

type ActionRow = {
  id: string;
  connection_id: string;
  contact_id: string;
  stage_name: string;
  reason: string;
};

/** Runs `fn` holding the action; returns 'not_pending' when someone else got there first. */
async function record<T extends SendOutcome>(ctx: AppContext, actionId: string, fn: (trx: Db) => Promise<T>) {
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

async function logAndNote(
  trx: Db,
  ctx: AppContext,
  entry: {
    action: ActionRow;
    kind: 'email_sent' | 'task_created';
    channel: 'email' | 'task';
    recipient: string | null;
    subject: string | null;
    messageId: string | null;
    summary: string;
    invoices: OwedInvoice[];
    note: string;
  },
) {
  const log = await trx
    .insertInto('contact_log')
    .values({
      connection_id: entry.action.connection_id,
      contact_id: entry.action.contact_id,
      action_id: entry.action.id,
      kind: entry.kind,
      channel: entry.channel,
      recipient: entry.recipient,
      subject: entry.subject,
      message_id: entry.messageId,
      summary: entry.summary,
      invoice_ids: entry.invoices.map((i) => i.id),
      occurred_at: ctx.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('note_outbox')
    .values(
      entry.invoices.map((i) => ({
        connection_id: entry.action.connection_id,
        contact_log_id: log.id,
        invoice_id: i.id,
        invoice_external_id: i.external_id,
        body: entry.note,
      })),
    )
    .execute();
  await trx
    .updateTable('followup_actions')
    .set({ status: entry.kind === 'email_sent' ? 'sent' : 'task_open', completed_at: ctx.now() })
    .where('id', '=', entry.action.id)
    .execute();
}

async function skip(
  ctx: AppContext,
  action: ActionRow,
  reason: string,
  invoices: { id: string }[],
): Promise<SendOutcome> {
  const outcome = await record(ctx, action.id, async (trx) => {
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
  return outcome;
}
