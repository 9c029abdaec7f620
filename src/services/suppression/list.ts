// The suppression list: addresses of a connection's customers that no message may go to. Emails are
// kept in lower case and phone numbers in E.164, the forms the planner compares them in.
import { z } from 'zod';
import type { Db } from '../../db/database';
import type { SuppressionReason } from '../../db/schema';

export type SuppressionChannel = 'email' | 'sms';

export class SuppressionError extends Error {
  readonly code = 'suppression_invalid';
}

const email = z.email();
const e164 = /^\+[1-9]\d{6,14}$/;

/** The address as the list keeps it, or a SuppressionError saying what is wrong with it. */
export function normalisedAddress(channel: SuppressionChannel, address: string): string {
  const trimmed = address.trim();
  if (channel === 'email') {
    if (!email.safeParse(trimmed).success) throw new SuppressionError(`"${trimmed}" is not an email address`);
    return trimmed.toLowerCase();
  }
  const phone = trimmed.replace(/[\s()-]/g, '');
  if (!e164.test(phone))
    throw new SuppressionError(`"${trimmed}" is not a phone number in international form (+64 21 555 0101)`);
  return phone;
}

export interface NewSuppression {
  connectionId: string;
  channel: SuppressionChannel;
  address: string;
  reason: SuppressionReason;
  detail: string;
  source: 'smtp' | 'sms provider' | 'unsubscribe link' | 'bounce notice' | 'person';
  userId?: string | null;
  at: Date;
}

/** Adds the address unless it is already on the list; true when it was added now. */
export async function suppress(db: Db, entry: NewSuppression): Promise<boolean> {
  const added = await db
    .insertInto('suppressions')
    .values({
      connection_id: entry.connectionId,
      channel: entry.channel,
      address: normalisedAddress(entry.channel, entry.address),
      reason: entry.reason,
      detail: entry.detail.slice(0, 500),
      source: entry.source,
      created_by: entry.userId ?? null,
      suppressed_at: entry.at,
    })
    .onConflict((oc) =>
      oc.columns(['connection_id', 'channel', 'address']).where('removed_at', 'is', null).doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  return added !== undefined;
}

/** Every address on the connection's list, as `PlanningContext.suppressed` takes them. */
export async function suppressedAddresses(db: Db, connectionId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('suppressions')
    .select('address')
    .where('connection_id', '=', connectionId)
    .where('removed_at', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.address));
}

export interface Suppressed {
  address: string;
  reason: SuppressionReason;
  suppressedAt: Date;
}

/** Which of these addresses (emails, or numbers for texts) are on the list, checked at the moment of sending. */
export async function suppressedAmong(
  db: Db,
  connectionId: string,
  addresses: readonly string[],
  channel: SuppressionChannel = 'email',
): Promise<Suppressed[]> {
  if (addresses.length === 0) return [];
  const rows = await db
    .selectFrom('suppressions')
    .select(['address', 'reason', 'suppressed_at'])
    .where('connection_id', '=', connectionId)
    .where('channel', '=', channel)
    .where('removed_at', 'is', null)
    .where(
      'address',
      'in',
      addresses.map((a) => (channel === 'email' ? a.trim().toLowerCase() : a.trim())),
    )
    .execute();
  return rows.map((r) => ({ address: r.address, reason: r.reason, suppressedAt: r.suppressed_at }));
}

/** Takes an address off the list, keeping who did it and why. False when it was not on the list. */
export async function liftSuppression(
  db: Db,
  entry: { connectionId: string; id: string; userId: string; reason: string; at: Date },
): Promise<boolean> {
  const lifted = await db
    .updateTable('suppressions')
    .set({ removed_at: entry.at, removed_by: entry.userId, removal_reason: entry.reason.slice(0, 300) })
    .where('id', '=', entry.id)
    .where('connection_id', '=', entry.connectionId)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  return lifted.numUpdatedRows > 0n;
}
