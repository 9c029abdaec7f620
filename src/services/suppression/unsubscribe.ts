// Opting out through the link (or the one-click header) in an email: the addresses the signed token
// names go on the connection's suppression list.
import { readUnsubscribeToken } from '../../email/unsubscribe';
import type { AppContext } from '../context';
import { suppress, SuppressionError } from './list';

export const INVALID_LINK = 'This unsubscribe link is not valid. Please use the link from the email itself.';

export async function optOut(
  ctx: AppContext,
  token: string,
): Promise<{ business: string; addresses: string[] }> {
  const subject = readUnsubscribeToken(ctx.unsubscribeSecret, token);
  const connection =
    subject &&
    (await ctx.db
      .selectFrom('connections')
      .select(['id', 'name'])
      .where('id', '=', subject.connectionId)
      .executeTakeFirst());
  if (!subject || !connection) {
    throw new SuppressionError(
      'This unsubscribe link is not valid. Please use the link from the email itself.',
    );
  }
  await ctx.db.transaction().execute(async (trx) => {
    for (const address of subject.addresses) {
      await suppress(trx, {
        connectionId: connection.id,
        channel: 'email',
        address,
        reason: 'opted_out',
        detail: 'unsubscribed through the link in an email',
        source: 'unsubscribe link',
        at: ctx.now(),
      });
    }
  });
  return { business: connection.name, addresses: subject.addresses };
}
