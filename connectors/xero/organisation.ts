// The organisation behind a tenant: its name, base currency, country and (for the send window) time zone.
import type { ApiContext, OrganisationProfile } from '../types';
import { rawBody, type AccountingApiFactory } from './client';
import { mapOrganisation } from './map';
import { malformed } from './errors';
import { parseEnvelope, parseRecord } from './parse';
import { organisationsPage, rawOrganisation } from './schemas';

export async function organisation(api: AccountingApiFactory, ctx: ApiContext): Promise<OrganisationProfile> {
  const what = 'Organisation';
  const body = await rawBody(what, () => api(ctx.accessToken).getOrganisations(ctx.tenantId));
  const { records } = parseEnvelope(organisationsPage, body, what);
  const first = records[0];
  if (first === undefined) throw malformed(what, 'no organisation in the response');
  return mapOrganisation(parseRecord(rawOrganisation, first, what, 0, 'OrganisationID'));
}
