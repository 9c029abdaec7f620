// The company behind a realm: its name, home currency, country and (for the send window) time zone.
// CompanyInfo holds the name and address, Preferences the home currency: two reads, once per connect.
import type { ApiContext, OrganisationProfile } from '../types';
import { parseRecord } from '../shared/parse-record';
import { parseBody } from './read';
import type { RealmClient } from './realm-client';
import { companyInfoEnvelope, preferencesEnvelope, rawCompanyInfo } from './schemas';
import { companyTimezone, countryCode } from './timezones';

export async function organisation(client: RealmClient, ctx: ApiContext): Promise<OrganisationProfile> {
  const infoWhat = 'CompanyInfo';
  const infoBody = await client(ctx, {
    what: infoWhat,
    repeatable: true,
    send: (qbo, callback) => qbo.getCompanyInfo(ctx.tenantId, callback),
  });
  const info = parseRecord(
    rawCompanyInfo,
    parseBody(companyInfoEnvelope, infoBody, infoWhat).CompanyInfo,
    infoWhat,
    0,
    'Id',
  );
  const prefsWhat = 'Preferences';
  const prefsBody = await client(ctx, {
    what: prefsWhat,
    repeatable: true,
    send: (qbo, callback) => qbo.getPreferences(callback),
  });
  const prefs = parseBody(preferencesEnvelope, prefsBody, prefsWhat);
  const address = info.CompanyAddr ?? info.LegalAddr;
  const country = countryCode(info.Country) ?? countryCode(address?.Country);
  return {
    name: info.CompanyName,
    baseCurrency: prefs.Preferences.CurrencyPrefs.HomeCurrency.value,
    timezone: companyTimezone(country, address?.CountrySubDivisionCode),
    countryCode: country ?? 'US',
  };
}
