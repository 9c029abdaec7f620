// Carrying out one planned action. Guards first, so a re-run does nothing: only a pending action is
// acted on, only inside the organisation's send window, and the invoices are fetched again from the
// platform (never chase what was paid an hour ago). The contact-log entry, the note outbox rows and the
// action's new status are written in one transaction. An email is claimed before it goes and recorded
// after (send-once.ts): if the send fails nothing is recorded and the action is pending again for the
// retry, so the log can never claim an email that was not sent; if the worker dies after the mail
// service took the message, the retry records it without sending it twice, where the service can say.
import type { CanonicalInvoice } from '../../../connectors/types';
import { publicHolidayCalendar } from '../../domain/public-holidays';
import { businessHours, nextSendMoment } from '../../domain/send-window';
import { contactNote, renderReminder } from '../../domain/templates';
import type { Tone } from '../../domain/policy';
import { findConnection, type ConnectionRecord } from '../../db/repositories/connections';
import { PermanentRejection, type Rejection } from '../../email/mailer';
import { withUnsubscribe } from '../../email/unsubscribe';
import { guarded } from '../connection-guard';
import { apiContext } from '../connection-tokens';
import type { AppContext } from '../context';
import { ownTemplate } from '../policies/stored-policies';
import { localDate } from './local-date';
import { payLinks } from './pay-links';
import { recipientsOf } from './recipients';
import { resolveClaim, sendOnce } from './send-once';
import { textTaken } from './send-sms';
import { sendText } from './send-text';
import {
  logAndNote,
  record,
  skip,
  type ActionInvoice,
  type OwedInvoice,
  type SendOutcome,
} from './action-records';

export type { SendOutcome } from './action-records';
import { instalmentDue, paymentsThanked, type InstalmentWording } from './action-detail';
import { recordRefusals, refusedReason, screenRecipients, unsubscribeUrl } from '../suppression/at-send';

export interface SendResult {
  outcome: SendOutcome;
  /** For a deferred action: when the send window next opens. */
  retryAt?: Date;
}

export async function sendAction(ctx: AppContext, actionId: string): Promise<SendOutcome> {
  return (await carryOut(ctx, actionId)).outcome;
}

export async function carryOut(ctx: AppContext, actionId: string): Promise<SendResult> {
  const action = await ctx.db
    .selectFrom('followup_actions')
    .selectAll()
    .where('id', '=', actionId)
    .executeTakeFirst();
  if (!action) return { outcome: 'not_pending' };
  const messageId = `<${action.id}@${new URL(ctx.publicUrl).hostname}>`;
  // An email whose send was cut off: if it went, it is recorded as it would be now, whatever the clock
  // or the invoices say; if not, it is carried out afresh like any pending action.
  let alreadySent = false;
  if (action.status === 'claimed') {
    const claim = await resolveClaim(
      ctx,
      action.id,
      action.channel === 'sms' ? textTaken(ctx, action) : async () => ctx.mailer.accepted?.(messageId),
    );
    if (claim === 'settled') return { outcome: 'not_pending' };
    alreadySent = claim === 'went';
  } else if (action.status !== 'pending') return { outcome: 'not_pending' };
  const connection = await findConnection(ctx.db, action.connection_id);
  if (!connection || connection.status !== 'active') return { outcome: 'not_pending' };
  const isMessage = action.channel === 'email' || action.channel === 'sms';
  if (isMessage && !alreadySent) {
    // Messages go in business hours on business days of the organisation, never at 3 a.m.
    const opens = nextSendMoment(
      ctx.now(),
      connection.timezone,
      businessHours,
      publicHolidayCalendar(connection.countryCode),
    );
    if (opens.getTime() > ctx.now().getTime()) return { outcome: 'deferred', retryAt: opens };
  }
  const contact = await ctx.db
    .selectFrom('contacts')
    .selectAll()
    .where('id', '=', action.contact_id)
    .executeTakeFirstOrThrow();
  const invoices = await ctx.db
    .selectFrom('followup_action_invoices as ai')
    .innerJoin('invoices as i', 'i.id', 'ai.invoice_id')
    .select(['i.id', 'i.external_id', 'i.number', 'i.issue_date', 'i.due_date', 'i.currency', 'i.online_url'])
    .where('ai.action_id', '=', actionId)
    .orderBy('i.due_date')
    .orderBy('i.number')
    .execute();
  const today = localDate(ctx.now(), connection.timezone);
  const noteLimit = ctx.connectors[connection.platform].noteMaxLength;

  // A thank-you is about invoices already paid; everything else only about what is still owed.
  const thanks = action.kind === 'thanks';
  let owed: OwedInvoice[] = thanks ? invoices.map((i) => ({ ...i, amountDue: 0 })) : [];
  if (!thanks && invoices.length > 0) {
    const fresh = await guarded(ctx, connection, () => stillOwed(ctx, connection, invoices));
    if (fresh.owed.length === 0 && !alreadySent) {
      const reason = `not sent: ${fresh.settledNumbers.join(', ')} no longer owed when checked on ${today}`;
      return { outcome: await skip(ctx, action, reason, []) };
    }
    // An email that went before its invoices were paid is recorded against all of them.
    owed = fresh.owed.length > 0 ? fresh.owed : invoices.map((i) => ({ ...i, amountDue: 0 }));
  }
  const numbers = owed.map((i) => i.number);

  if (action.channel === 'task' || action.channel === 'note') {
    const task = action.channel === 'task';
    const outcome = await record(ctx, actionId, async (trx) => {
      await logAndNote(trx, ctx, {
        action,
        kind: task ? 'task_created' : 'noted',
        channel: action.channel,
        recipient: null,
        subject: null,
        messageId: null,
        summary: task ? `Task for the team: ${action.stage_name} (${action.reason})` : action.reason,
        invoices: owed,
        note: contactNote(
          {
            channel: 'task',
            stageName: action.stage_name,
            recipient: null,
            date: today,
            invoiceNumbers: numbers,
          },
          noteLimit,
        ),
      });
      return task ? ('task_opened' as const) : ('noted' as const);
    });
    return { outcome };
  }

  if (action.channel === 'sms') {
    return {
      outcome: await sendText(ctx, { action, connection, contact, owed, today, alreadySent, messageId }),
    };
  }

  const recipients = recipientsOf(contact);
  if (recipients.to.length === 0 && !alreadySent) {
    return {
      outcome: await skip(
        ctx,
        action,
        `not sent: ${contact.name} has no email address; call them instead`,
        owed,
      ),
    };
  }
  // An address that opted out or bounced since planning is not written to. (An email already handed
  // over is recorded as it went.)
  const screened = alreadySent
    ? { to: recipients.to, refusal: null }
    : await screenRecipients(ctx, connection, contact.name, recipients.to);
  if (screened.refusal) return { outcome: await skip(ctx, action, screened.refusal, owed) };
  const sendTo = screened.to;
  const instalment =
    action.kind === 'instalment_reminder'
      ? await instalmentWording(ctx, action.detail, action.currency)
      : null;
  // A stage whose wording the business rewrote is sent in its words, as they stand now.
  const edited = await ownTemplate(ctx.db, action.connection_id, action.template);
  const links = thanks ? new Map<string, string>() : await payLinks(ctx, connection, owed);
  const rendered = renderReminder({
    stage: { name: action.stage_name, template: action.template, tone: action.tone as Tone },
    business: { name: connection.name, replyTo: connection.replyTo ?? ctx.mailFrom },
    debtor: { name: contact.name, contactName: recipients.contactName },
    invoices: owed.map((i) => ({
      number: i.number,
      issueDate: i.issue_date,
      dueDate: i.due_date,
      amountDue: i.amountDue,
      currency: i.currency,
      payUrl: links.get(i.id) ?? null,
    })),
    today,
    ...(edited ? { edited } : {}),
    ...(instalment ? { instalment } : {}),
    ...(thanks
      ? {
          payments: paymentsThanked(
            action.detail,
            action.currency,
            new Map(invoices.map((i) => [i.id, i.due_date])),
          ),
        }
      : {}),
  });
  const email = withUnsubscribe(rendered, unsubscribeUrl(ctx, connection.id, sendTo));
  const to = sendTo.join(', ');
  const note = thanks
    ? contactNote(
        { kind: 'thanks', date: today, invoiceNumbers: numbers, recipient: sendTo[0] ?? null },
        noteLimit,
      )
    : contactNote(
        {
          channel: 'email',
          stageName: action.stage_name,
          recipient: sendTo[0] ?? null,
          date: today,
          invoiceNumbers: numbers,
        },
        noteLimit,
      );

  let refused: Rejection[] = [];
  const sending = sendOnce(ctx, actionId, {
    taken: async () => ctx.mailer.accepted?.(messageId),
    send: async () => {
      const receipt = await ctx.mailer.send({
        messageId,
        from: ctx.mailFrom,
        replyTo: connection.replyTo ?? undefined,
        to: sendTo,
        subject: email.subject,
        text: email.text,
        html: email.html,
        headers: email.headers,
      });
      refused = receipt.rejected;
    },
    record: (trx) =>
      logAndNote(trx, ctx, {
        action,
        kind: thanks ? 'thanks_sent' : 'email_sent',
        channel: 'email',
        recipient: to,
        subject: email.subject,
        messageId,
        summary: `${action.stage_name} emailed to ${to}`,
        invoices: owed,
        note,
      }),
  });
  // A permanent refusal: the address does not work, so it goes on the list and the action is
  // skipped, saying so; a temporary one is thrown for the retry.
  const outcome = await sending.catch(async (err: unknown) => {
    if (!(err instanceof PermanentRejection)) throw err;
    await recordRefusals(ctx, action.connection_id, err.rejections);
    return skip(ctx, action, refusedReason(err.rejections), owed);
  });
  await recordRefusals(ctx, action.connection_id, refused);
  return { outcome };
}

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

/** The instalment a reminder is about, with how many the plan has. */
async function instalmentWording(
  ctx: AppContext,
  detail: unknown,
  currency: string,
): Promise<InstalmentWording> {
  const due = instalmentDue(detail);
  const plan = await ctx.db
    .selectFrom('arrangements')
    .select('instalments')
    .where('id', '=', due.planId)
    .executeTakeFirstOrThrow();
  const count = Array.isArray(plan.instalments) ? plan.instalments.length : due.instalmentNumber;
  return { number: due.instalmentNumber, count, amount: due.amount, currency, dueDate: due.dueDate };
}
