// The suppression list as a person sees and edits it on the settings page: every address on it, with
// why, when and by whom or what; addresses added by hand; removals kept with who removed them and why.
import { z } from 'zod';
import type { Db } from '../../db/database';
import type { Locality } from '../../domain/local-time';
import type { AppContext } from '../context';
import { liftSuppression, suppress, SuppressionError } from './list';

export interface SuppressionRow {
  id: string;
  channel: string;
  address: string;
  reason: string;
  detail: string;
  source: string;
  by: string | null;
  at: Date;
  removedAt: Date | null;
  removedBy: string | null;
  removalReason: string | null;
}

export interface SuppressionList {
  connection: { id: string; name: string; locality: Locality };
  live: SuppressionRow[];
  /** The latest removals, newest first. */
  removed: SuppressionRow[];
}

async function ownConnection(db: Db, accountId: string, connectionId: string) {
  return db
    .selectFrom('connections')
    .select(['id', 'name', 'timezone', 'country_code'])
    .where('id', '=', connectionId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
}

export async function suppressionList(
  db: Db,
  accountId: string,
  connectionId: string,
): Promise<SuppressionList | null> {
  const connection = await ownConnection(db, accountId, connectionId);
  if (!connection) return null;
  const rows = await db
    .selectFrom('suppressions as s')
    .leftJoin('users as a', 'a.id', 's.created_by')
    .leftJoin('users as r', 'r.id', 's.removed_by')
    .select([
      's.id',
      's.channel',
      's.address',
      's.reason',
      's.detail',
      's.source',
      's.suppressed_at',
      's.removed_at',
      's.removal_reason',
      'a.name as added_by',
      'a.email as added_by_email',
      'r.name as removed_by',
      'r.email as removed_by_email',
    ])
    .where('s.connection_id', '=', connectionId)
    .orderBy('s.suppressed_at', 'desc')
    .execute();
  const list = rows.map((r): SuppressionRow => ({
    id: r.id,
    channel: r.channel,
    address: r.address,
    reason: r.reason,
    detail: r.detail,
    source: r.source,
    by: r.added_by ?? r.added_by_email,
    at: r.suppressed_at,
    removedAt: r.removed_at,
    removedBy: r.removed_by ?? r.removed_by_email,
    removalReason: r.removal_reason,
  }));
  return {
    connection: {
      id: connection.id,
      name: connection.name,
      locality: { timeZone: connection.timezone, countryCode: connection.country_code },
    },
    live: list.filter((r) => !r.removedAt),
    removed: list
      .filter((r) => r.removedAt)
      .sort((a, b) => b.removedAt!.getTime() - a.removedAt!.getTime())
      .slice(0, 20),
  };
}

export const addForm = z.object({
  channel: z.enum(['email', 'sms'], { message: 'pick email or text message' }),
  address: z.string().trim().min(1, 'give the address or number'),
  reason: z.enum(['manual', 'opted_out', 'complained', 'bounced'], {
    message: 'pick a reason: asked by hand, opted out, complained or bounced',
  }),
  detail: z.string().trim().max(300).default(''),
});

export async function addSuppression(
  ctx: AppContext,
  who: { accountId: string; userId: string },
  connectionId: string,
  form: z.infer<typeof addForm>,
): Promise<boolean> {
  if (!(await ownConnection(ctx.db, who.accountId, connectionId))) return false;
  const added = await suppress(ctx.db, {
    connectionId,
    channel: form.channel,
    address: form.address,
    reason: form.reason,
    detail: form.detail,
    source: 'person',
    userId: who.userId,
    at: ctx.now(),
  });
  if (!added) throw new SuppressionError(`${form.address.trim()} is already on the suppression list`);
  return true;
}

export async function removeSuppression(
  ctx: AppContext,
  who: { accountId: string; userId: string },
  connectionId: string,
  suppressionId: string,
  reason: string,
): Promise<boolean> {
  if (!(await ownConnection(ctx.db, who.accountId, connectionId))) return false;
  const lifted = await liftSuppression(ctx.db, {
    connectionId,
    id: suppressionId,
    userId: who.userId,
    reason,
    at: ctx.now(),
  });
  if (lifted) ctx.log.info('suppression removed', { connectionId, suppressionId, userId: who.userId });
  return lifted;
}
