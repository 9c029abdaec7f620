// A bounce notice that came back to us: each recipient it reports as failed for good goes on the
// suppression list of the connection whose message bounced, and the bounce joins that message's
// invoices' timelines.
import { BounceNoticeError, parseBounceNotice } from '../../email/bounce-notice';
import type { AppContext } from '../context';
import { suppress } from './list';

export interface RecordedBounce {
  connectionId: string;
  suppressed: string[];
}

export async function recordBounceNotice(ctx: AppContext, raw: Buffer | string): Promise<RecordedBounce> {
  const notice = await parseBounceNotice(raw);
  if (!notice.originalMessageId) {
    throw new BounceNoticeError('The notice does not include the Message-ID of the message that bounced');
  }
  const sent = await ctx.db
    .selectFrom('contact_log')
    .select(['connection_id', 'contact_id', 'invoice_ids', 'recipient'])
    .where('message_id', '=', notice.originalMessageId)
    .executeTakeFirst();
  if (!sent) {
    throw new BounceNoticeError(`No message Goodwill sent has the Message-ID ${notice.originalMessageId}`);
  }
  const recipients = new Set((sent.recipient ?? '').split(',').map((r) => r.trim().toLowerCase()));
  const failed = notice.failed.filter((f) => recipients.has(f.address.toLowerCase()));
  return ctx.db.transaction().execute(async (trx) => {
    const suppressed: string[] = [];
    for (const f of failed) {
      const detail = `${f.status} ${f.diagnostic}`.trim();
      const added = await suppress(trx, {
        connectionId: sent.connection_id,
        channel: 'email',
        address: f.address,
        reason: 'bounced',
        detail,
        source: 'bounce notice',
        at: ctx.now(),
      });
      if (!added) continue;
      suppressed.push(f.address.toLowerCase());
      await trx
        .insertInto('contact_log')
        .values({
          connection_id: sent.connection_id,
          contact_id: sent.contact_id,
          action_id: null,
          kind: 'bounced',
          channel: 'email',
          recipient: f.address,
          subject: null,
          message_id: notice.originalMessageId,
          summary: `Email to ${f.address} bounced (${detail}); it will not be emailed again`.slice(0, 500),
          invoice_ids: sent.invoice_ids,
          occurred_at: ctx.now(),
        })
        .execute();
    }
    return { connectionId: sent.connection_id, suppressed };
  });
}
