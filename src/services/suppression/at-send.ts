// The suppression list at the moment of sending: an address that opted out or bounced after the
// action was planned is dropped (and with no address left the action is skipped, saying why), every
// email carries its signed unsubscribe link, and a mail server's permanent refusal puts the address on
// the list.
import { formatDate } from '../../domain/dates';
import type { Rejection } from '../../email/mailer';
import { unsubscribeToken } from '../../email/unsubscribe';
import type { AppContext } from '../context';
import { localDate } from '../followups/local-date';
import { suppress, suppressedAmong, SuppressionError, type SuppressionChannel } from './list';

const REASON_WORDS = {
  bounced: 'bounced',
  opted_out: 'opted out',
  complained: 'complained',
  manual: 'was stopped by your team',
} as const;

/** The recipients still allowed, or why none is. */
export async function screenRecipients(
  ctx: AppContext,
  connection: { id: string; timezone: string },
  customer: string,
  to: readonly string[],
  channel: SuppressionChannel = 'email',
): Promise<{ to: string[]; refusal: string | null }> {
  const blocked = await suppressedAmong(ctx.db, connection.id, to, channel);
  const isBlocked = new Set(blocked.map((b) => b.address));
  const allowed = to.filter((a) => !isBlocked.has(channel === 'email' ? a.trim().toLowerCase() : a.trim()));
  if (allowed.length > 0 || blocked.length === 0) return { to: allowed, refusal: null };
  const why = blocked
    .map(
      (b) =>
        `${b.address} ${REASON_WORDS[b.reason]} (on the suppression list since ${formatDate(localDate(b.suppressedAt, connection.timezone))})`,
    )
    .join(', ');
  return { to: [], refusal: `not sent: ${why}; ${customer} needs another way to be reached` };
}

export function unsubscribeUrl(ctx: AppContext, connectionId: string, addresses: string[]): string {
  return `${ctx.publicUrl}/unsubscribe/${unsubscribeToken(ctx.unsubscribeSecret, { connectionId, addresses })}`;
}

/** Addresses the mail server refused for good go on the list. */
export async function recordRefusals(
  ctx: AppContext,
  connectionId: string,
  rejections: readonly Rejection[],
): Promise<void> {
  for (const r of rejections) {
    await suppress(ctx.db, {
      connectionId,
      channel: 'email',
      address: r.address,
      reason: 'bounced',
      detail: `refused by the mail server: ${r.response}`,
      source: 'smtp',
      at: ctx.now(),
    });
  }
}

export function refusedReason(rejections: readonly Rejection[]): string {
  const list = rejections.map((r) => `${r.address} (${r.response})`).join(', ');
  return `not sent: the mail server refused ${list}; it is on the suppression list now`;
}

/** A number the SMS provider refused for good (the customer replied STOP, or it cannot take texts). */
export async function recordRefusedNumber(
  ctx: AppContext,
  connectionId: string,
  refusal: { number: string; optedOut: boolean; detail: string },
): Promise<void> {
  try {
    await suppress(ctx.db, {
      connectionId,
      channel: 'sms',
      address: refusal.number,
      reason: refusal.optedOut ? 'opted_out' : 'bounced',
      detail: refusal.detail,
      source: 'sms provider',
      at: ctx.now(),
    });
  } catch (err) {
    // A number not in international form cannot be listed; the skip on the timeline still says why.
    if (!(err instanceof SuppressionError)) throw err;
  }
}
