// What a stage's text needs before it goes: a provider, a number (the chosen contact person's, else the
// customer's mobile) and its words. SMS providers take no idempotency key, so the number and words are
// kept on the action before it is claimed: a send cut off before it was recorded is then looked for at
// the provider by exactly what went (see send-once.ts).
import { toE164 } from '../../../connectors/shared/phone';
import { renderSms } from '../../domain/sms';
import type { Tone } from '../../domain/policy';
import type { Db } from '../../db/database';
import type { ConnectionRecord } from '../../db/repositories/connections';
import { isSmsError, smsRetryPolicy, type OutgoingSms } from '../../sms/provider';
import type { AppContext } from '../context';
import type { OwedInvoice } from './action-records';
import { payLinks } from './pay-links';
import type { SendSteps } from './send-once';
import { z } from 'zod';

interface TextAction {
  id: string;
  contact_id: string;
  tone: string;
  recipient: string | null;
  message_body: string | null;
  claimed_at: Date | null;
}

export type Text = { skip: string } | { to: string; steps: Pick<SendSteps, 'send' | 'taken'> };

const person = z.object({ name: z.string(), phone: z.string().optional() }).nullable();

/** The number a text goes to now: the chosen contact person's when they have one, else the customer's. */
async function numberFor(db: Db, contact: { id: string; mobile: string | null }, countryCode: string) {
  const settings = await db
    .selectFrom('customer_settings')
    .select('contact_person')
    .where('contact_id', '=', contact.id)
    .executeTakeFirst();
  const chosen = person.safeParse(settings?.contact_person ?? null);
  const own = chosen.success ? toE164(chosen.data?.phone, countryCode) : null;
  return { to: own ?? contact.mobile, greet: own && chosen.success ? (chosen.data?.name ?? null) : null };
}

/** Looks for a text whose send was cut off, by the number and words kept at its claim. */
export function textTaken(ctx: AppContext, action: TextAction): SendSteps['taken'] {
  return async () => {
    const sms = storedText(action);
    if (!sms || !action.claimed_at || !ctx.sms?.find) return null;
    return ctx.sms.find(sms, action.claimed_at);
  };
}

function storedText(action: TextAction): OutgoingSms | null {
  if (!action.recipient || !action.message_body) return null;
  return { to: action.recipient, body: action.message_body, idempotencyKey: action.id };
}

/**
 * The text for a stage's action, kept on the action; or why it cannot go. A text that already went
 * (`alreadySent`) is the one kept at its claim.
 */
export async function prepareText(
  ctx: AppContext,
  input: {
    action: TextAction;
    connection: ConnectionRecord;
    contact: { id: string; name: string; first_name: string | null; mobile: string | null };
    owed: OwedInvoice[];
    today: string;
    alreadySent: boolean;
  },
): Promise<Text> {
  const { action, connection, contact } = input;
  const provider = ctx.sms;
  const kept = storedText(action);
  if (input.alreadySent && provider && kept) {
    return { to: kept.to, steps: { send: () => provider.send(kept), taken: textTaken(ctx, action) } };
  }
  if (!provider) return { skip: `not sent: no SMS provider is configured for ${connection.name}` };
  const { to, greet } = await numberFor(ctx.db, contact, connection.countryCode);
  if (!to) return { skip: `not sent: no mobile number for ${contact.name}` };
  const links = await payLinks(ctx, connection, input.owed);
  const body = renderSms({
    tone: action.tone as Tone,
    business: { name: connection.name, replyTo: connection.replyTo ?? ctx.mailFrom },
    debtor: { name: contact.name, contactName: greet ?? contact.first_name },
    invoices: input.owed.map((i) => ({
      number: i.number,
      issueDate: i.issue_date,
      dueDate: i.due_date,
      amountDue: i.amountDue,
      currency: i.currency,
      payUrl: links.get(i.id) ?? null,
    })),
    today: input.today,
  });
  await ctx.db
    .updateTable('followup_actions')
    .set({ recipient: to, message_body: body })
    .where('id', '=', action.id)
    .where('status', '=', 'pending')
    .execute();
  const sms: OutgoingSms = { to, body, idempotencyKey: action.id };
  const claimed = { ...action, recipient: to, message_body: body };
  return { to, steps: { send: () => provider.send(sms), taken: textTaken(ctx, claimed) } };
}

/** Why a number will never take this text, for the action's timeline; null for any other failure. */
export function refusedNumber(err: unknown, to: string): { reason: string; optedOut: boolean } | null {
  if (!isSmsError(err) || smsRetryPolicy[err.code] !== 'skip') return null;
  const code = err.details.providerCode ? ` (provider code ${err.details.providerCode})` : '';
  const optedOut = err.code === 'unsubscribed';
  return {
    reason: optedOut
      ? `not sent: ${to} has opted out of texts (replied STOP)${code}`
      : `not sent: ${to} cannot take texts${code}`,
    optedOut,
  };
}

/** The provider's id for a text, on its action (the contact log, append-only, holds our own id). */
export async function rememberTextId(trx: Db, actionId: string, providerId: string): Promise<void> {
  await trx
    .updateTable('followup_actions')
    .set({ provider_message_id: providerId })
    .where('id', '=', actionId)
    .execute();
}
