// What a QuickBooks sync reads, in order: customers before the invoices that name them, invoices before
// the payments and credit memos that settle them. Each keeps a cursor of its own under its name.
import { ConnectorError } from '../shared/errors';
import type { ApiContext, PulledPage, RecordKind, RecordOfKind, SyncCursor, SyncResource } from '../types';
import type { RealmClient } from './realm-client';
import { creditMemoSource, customerSource, invoiceSource, paymentSource, type EntitySource } from './sources';
import { pullEntity } from './sync';

type Puller = (
  client: RealmClient,
  ctx: ApiContext,
  cursor: SyncCursor,
  nowMs: number,
) => Promise<PulledPage>;

interface QboResource extends SyncResource {
  pull: Puller;
}

/** A resource read through one entity source, as records of one kind. */
function entityResource<K extends RecordKind, Raw>(
  name: string,
  kind: K,
  source: EntitySource<Raw, RecordOfKind[K]>,
): QboResource {
  return {
    name,
    kind,
    pull: async (client, ctx, cursor, nowMs) => {
      const { page, credits, removed } = await pullEntity(client, source, ctx, cursor, nowMs);
      // TypeScript cannot follow K from `kind` to `page` through the PulledPage union; they agree here.
      return { kind, page, credits, removed } as PulledPage;
    },
  };
}

const RESOURCES: readonly QboResource[] = [
  entityResource('customers', 'contacts', customerSource),
  entityResource('invoices', 'invoices', invoiceSource),
  entityResource('payments', 'payments', paymentSource),
  entityResource('credit_memos', 'credits', creditMemoSource),
];

export const quickBooksSyncResources: readonly SyncResource[] = Object.freeze(
  RESOURCES.map(({ name, kind }) => Object.freeze({ name, kind })),
);

export async function pullResource(
  client: RealmClient,
  resource: SyncResource,
  ctx: ApiContext,
  cursor: SyncCursor,
  nowMs: number,
): Promise<PulledPage> {
  const known = RESOURCES.find((r) => r.name === resource.name && r.kind === resource.kind);
  if (known === undefined) {
    throw new ConnectorError(
      'rejected',
      `QuickBooks syncs no resource ${JSON.stringify(resource.name)} of kind ${JSON.stringify(resource.kind)}`,
    );
  }
  return known.pull(client, ctx, cursor, nowMs);
}
