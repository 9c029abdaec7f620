// Before a crash-test worker says it is ready, it runs the paths of a send once on nothing that counts:
// a query through the send service, a read of one invoice from the platform, one email to an address
// of its own. A fresh process is otherwise a tenth of a second slower at its first send than at its
// next, and kills meant for the middle of sending would land in its warming up instead.
import { activeConnections } from '../../src/db/repositories/connections';
import { apiContext } from '../../src/services/connection-tokens';
import type { AppContext } from '../../src/services/context';
import { carryOut } from '../../src/services/followups/send-action';

/** Warm-up emails carry this domain in their Message-ID; the tally leaves them out. */
export const WARM_UP_DOMAIN = 'warm-up.invalid';

export async function warmUp(ctx: AppContext): Promise<void> {
  await carryOut(ctx, '00000000-0000-4000-8000-000000000000');
  const [connection] = await activeConnections(ctx.db);
  if (connection) {
    const invoice = await ctx.db
      .selectFrom('invoices')
      .select('external_id')
      .where('connection_id', '=', connection.id)
      .executeTakeFirst();
    const api = await apiContext(ctx, connection);
    await ctx.connectors[connection.platform].fetchInvoices(api, invoice ? [invoice.external_id] : []);
  }
  await ctx.mailer.send({
    messageId: `<${process.pid}@${WARM_UP_DOMAIN}>`,
    from: ctx.mailFrom,
    to: [`nobody@${WARM_UP_DOMAIN}`],
    subject: 'warm-up',
    text: 'warm-up',
    html: '<p>warm-up</p>',
  });
}
