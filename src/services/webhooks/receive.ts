// Receiving a platform's webhook delivery: verify, note what changed, and return at once. The work
// (a targeted re-fetch) happens in a job, well inside the platform's deadline to answer. Replays are
// harmless: the pending rows deduplicate, and a re-fetch only ever reads the platform's current truth.
import type { Platform } from '../../../connectors/types';
import type { AppContext } from '../context';

export type ReceiveOutcome =
  { status: 'unauthorised' } | { status: 'accepted'; connectionIds: string[]; events: number };

export async function receiveWebhook(
  ctx: AppContext,
  platform: Platform,
  rawBody: Buffer,
  headers: Record<string, string | string[] | undefined>,
): Promise<ReceiveOutcome> {
  const webhooks = ctx.connectors[platform].webhooks;
  if (!webhooks || !webhooks.verify(rawBody, headers)) return { status: 'unauthorised' };
  const events = webhooks.parse(rawBody);
  if (events.length === 0) return { status: 'accepted', connectionIds: [], events: 0 };

  const tenants = [...new Set(events.map((e) => e.tenantId))];
  const connections = await ctx.db
    .selectFrom('connections')
    .select(['id', 'tenant_id'])
    .where('platform', '=', platform)
    .where('tenant_id', 'in', tenants)
    .where('status', '=', 'active')
    .execute();
  // Stamped here, to the millisecond the re-fetch compares against.
  const receivedAt = new Date();
  const rows = connections.flatMap((c) =>
    events
      .filter((e) => e.tenantId === c.tenant_id)
      .map((e) => ({
        connection_id: c.id,
        kind: e.kind,
        external_id: e.externalId,
        received_at: receivedAt,
      })),
  );
  if (rows.length > 0) {
    await ctx.db
      .insertInto('pending_refetch')
      .values(rows)
      .onConflict((oc) =>
        // A newer notice moves the row forward, so a re-fetch already under way does not swallow it.
        oc.columns(['connection_id', 'kind', 'external_id']).doUpdateSet({ received_at: receivedAt }),
      )
      .execute();
  }
  return { status: 'accepted', connectionIds: connections.map((c) => c.id), events: events.length };
}
