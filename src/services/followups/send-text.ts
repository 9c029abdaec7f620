// Carrying out an SMS stage: the number (the chosen person's, else the customer's mobile), checked
// against the suppression list, sent once through the provider and recorded with its notes; a number
// the provider refuses for good goes on the list and the action is skipped, saying why.
import { contactNote } from '../../domain/templates';
import type { ConnectionRecord } from '../../db/repositories/connections';
import type { AppContext } from '../context';
import { recordRefusedNumber, screenRecipients } from '../suppression/at-send';
import { logAndNote, skip, type ActionRow, type OwedInvoice, type SendOutcome } from './action-records';
import { sendOnce } from './send-once';
import { prepareText, refusedNumber, rememberTextId } from './send-sms';

export async function sendText(
  ctx: AppContext,
  input: {
    action: ActionRow & Parameters<typeof prepareText>[1]['action'];
    connection: ConnectionRecord;
    contact: Parameters<typeof prepareText>[1]['contact'];
    owed: OwedInvoice[];
    today: string;
    alreadySent: boolean;
    messageId: string;
  },
): Promise<SendOutcome> {
  const { action, connection, contact, owed, today, alreadySent, messageId } = input;
  const actionId = action.id;
  const numbers = owed.map((i) => i.number);
  const noteLimit = ctx.connectors[connection.platform].noteMaxLength;
  const text = await prepareText(ctx, { action, connection, contact, owed, today, alreadySent });
  if ('skip' in text) return skip(ctx, action, text.skip, owed);
  const screenedNumber = alreadySent
    ? { refusal: null }
    : await screenRecipients(ctx, connection, contact.name, [text.to], 'sms');
  if (screenedNumber.refusal) return skip(ctx, action, screenedNumber.refusal, owed);
  const note = contactNote(
    {
      channel: 'sms',
      stageName: action.stage_name,
      recipient: text.to,
      date: today,
      invoiceNumbers: numbers,
    },
    noteLimit,
  );
  try {
    const outcome = await sendOnce(ctx, actionId, {
      ...text.steps,
      record: (trx) =>
        logAndNote(trx, ctx, {
          action,
          kind: 'sms_sent',
          channel: 'sms',
          recipient: text.to,
          subject: null,
          messageId,
          summary: `${action.stage_name} texted to ${text.to}`,
          invoices: owed,
          note,
        }),
      remember: (trx, providerId) => rememberTextId(trx, actionId, providerId),
    });
    return outcome;
  } catch (err) {
    const refused = refusedNumber(err, text.to);
    if (!refused) throw err;
    await recordRefusedNumber(ctx, action.connection_id, {
      number: text.to,
      optedOut: refused.optedOut,
      detail: refused.reason,
    });
    return skip(ctx, action, refused.reason, owed);
  }
}
