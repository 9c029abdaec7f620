// What a Xero sync reads, in order: customers before the invoices that name them, invoices before the
// payments and credits that settle them. Each resource keeps a cursor of its own under its name.
import { ConnectorError } from '../shared/errors';
import type { ApiContext, PulledPage, SyncCursor, SyncResource } from '../types';
import {
  contactSource,
  creditNoteSource,
  invoiceSource,
  overpaymentSource,
  paymentSource,
  prepaymentSource,
} from './sources';
import { pullPage } from './sync';
import type { TenantClient } from './tenant-client';

type Puller = (client: TenantClient, ctx: ApiContext, cursor: SyncCursor) => Promise<PulledPage>;

interface XeroResource extends SyncResource {
  pull: Puller;
}

const RESOURCES: readonly XeroResource[] = [
  {
    name: 'contacts',
    kind: 'contacts',
    pull: async (client, ctx, cursor) => ({
      kind: 'contacts',
      page: await pullPage(client, contactSource, ctx, cursor),
    }),
  },
  {
    name: 'invoices',
    kind: 'invoices',
    pull: async (client, ctx, cursor) => ({
      kind: 'invoices',
      page: await pullPage(client, invoiceSource, ctx, cursor),
    }),
  },
  {
    name: 'payments',
    kind: 'payments',
    pull: async (client, ctx, cursor) => ({
      kind: 'payments',
      page: await pullPage(client, paymentSource, ctx, cursor),
    }),
  },
  {
    name: 'credit_notes',
    kind: 'credits',
    pull: async (client, ctx, cursor) => ({
      kind: 'credits',
      page: await pullPage(client, creditNoteSource, ctx, cursor),
    }),
  },
  {
    name: 'overpayments',
    kind: 'credits',
    pull: async (client, ctx, cursor) => ({
      kind: 'credits',
      page: await pullPage(client, overpaymentSource, ctx, cursor),
    }),
  },
  {
    name: 'prepayments',
    kind: 'credits',
    pull: async (client, ctx, cursor) => ({
      kind: 'credits',
      page: await pullPage(client, prepaymentSource, ctx, cursor),
    }),
  },
];

export const xeroSyncResources: readonly SyncResource[] = Object.freeze(
  RESOURCES.map(({ name, kind }) => Object.freeze({ name, kind })),
);

export async function pullResource(
  client: TenantClient,
  resource: SyncResource,
  ctx: ApiContext,
  cursor: SyncCursor,
): Promise<PulledPage> {
  const known = RESOURCES.find((r) => r.name === resource.name && r.kind === resource.kind);
  if (known === undefined) {
    throw new ConnectorError(
      'rejected',
      `Xero syncs no resource ${JSON.stringify(resource.name)} of kind ${JSON.stringify(resource.kind)}`,
    );
  }
  return known.pull(client, ctx, cursor);
}
