// What a QuickBooks sync reads, in order: customers before the invoices that name them, invoices before
// the payments and credit memos that settle them. Each keeps a cursor of its own under its name.
import { ConnectorError } from '../shared/errors';
import type { ApiContext, PulledPage, SyncCursor, SyncResource } from '../types';
import type { RealmClient } from './realm-client';
import { creditMemoSource, customerSource, invoiceSource, paymentSource } from './sources';
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

const RESOURCES: readonly QboResource[] = [
  {
    name: 'customers',
    kind: 'contacts',
    pull: async (client, ctx, cursor, nowMs) => {
      const { page, credits, removed } = await pullEntity(client, customerSource, ctx, cursor, nowMs);
      return { kind: 'contacts', page, credits, removed };
    },
  },
  {
    name: 'invoices',
    kind: 'invoices',
    pull: async (client, ctx, cursor, nowMs) => {
      const { page, credits, removed } = await pullEntity(client, invoiceSource, ctx, cursor, nowMs);
      return { kind: 'invoices', page, credits, removed };
    },
  },
  {
    name: 'payments',
    kind: 'payments',
    pull: async (client, ctx, cursor, nowMs) => {
      const { page, credits, removed } = await pullEntity(client, paymentSource, ctx, cursor, nowMs);
      return { kind: 'payments', page, credits, removed };
    },
  },
  {
    name: 'credit_memos',
    kind: 'credits',
    pull: async (client, ctx, cursor, nowMs) => {
      const { page, credits, removed } = await pullEntity(client, creditMemoSource, ctx, cursor, nowMs);
      return { kind: 'credits', page, credits, removed };
    },
  },
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
