// The organisation behind a tenant: its name, base currency, country and (for the send window) time zone.
import type { ApiContext, OrganisationProfile } from '../types';
import { mapOrganisation } from './map';
import { malformed } from './errors';
import { parseEnvelope, parseRecord } from './parse';
import { organisationsPage, rawOrganisation } from './schemas';
import type { TenantClient } from './tenant-client';

export async function organisation(client: TenantClient, ctx: ApiContext): Promise<OrganisationProfile> {
  const what = 'Organisation';
  const body = await client(ctx, {
    what,
    repeatable: true,
    send: (api) => api.getOrganisations(ctx.tenantId),
  });
  const { records } = parseEnvelope(organisationsPage, body, what);
  const first = records[0];
  if (first === undefined) throw malformed(what, 'no organisation in the response');
  return mapOrganisation(parseRecord(rawOrganisation, first, what, 0, 'OrganisationID'));
}
