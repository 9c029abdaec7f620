// QuickBooks does not publish a company's time zone through the API, only its country and address. The
// send window needs one, so it is taken from where the company is: the state or province for the
// countries that span several zones, the country otherwise, UTC when neither is known.
const BY_COUNTRY: Record<string, string> = {
  US: 'America/New_York',
  CA: 'America/Toronto',
  GB: 'Europe/London',
  UK: 'Europe/London',
  IE: 'Europe/Dublin',
  AU: 'Australia/Sydney',
  NZ: 'Pacific/Auckland',
  IN: 'Asia/Kolkata',
  FR: 'Europe/Paris',
  ZA: 'Africa/Johannesburg',
  SG: 'Asia/Singapore',
};

const US_PACIFIC = ['CA', 'WA', 'OR', 'NV'];
const US_MOUNTAIN = ['AZ', 'CO', 'ID', 'MT', 'NM', 'UT', 'WY'];
const US_CENTRAL = [
  'AL',
  'AR',
  'IA',
  'IL',
  'KS',
  'LA',
  'MN',
  'MO',
  'MS',
  'ND',
  'NE',
  'OK',
  'SD',
  'TN',
  'TX',
  'WI',
];

const BY_SUBDIVISION: Record<string, Record<string, string>> = {
  US: {
    ...Object.fromEntries(US_PACIFIC.map((s) => [s, 'America/Los_Angeles'])),
    ...Object.fromEntries(US_MOUNTAIN.map((s) => [s, 'America/Denver'])),
    AZ: 'America/Phoenix',
    ...Object.fromEntries(US_CENTRAL.map((s) => [s, 'America/Chicago'])),
    AK: 'America/Anchorage',
    HI: 'Pacific/Honolulu',
  },
  CA: {
    BC: 'America/Vancouver',
    AB: 'America/Edmonton',
    SK: 'America/Regina',
    MB: 'America/Winnipeg',
    NS: 'America/Halifax',
    NB: 'America/Moncton',
    NL: 'America/St_Johns',
  },
  AU: {
    WA: 'Australia/Perth',
    SA: 'Australia/Adelaide',
    NT: 'Australia/Darwin',
    QLD: 'Australia/Brisbane',
    VIC: 'Australia/Melbourne',
    TAS: 'Australia/Hobart',
  },
};

/** Country names QuickBooks writes in addresses, to their ISO codes. */
const COUNTRY_NAMES: Record<string, string> = {
  USA: 'US',
  'UNITED STATES': 'US',
  CANADA: 'CA',
  'UNITED KINGDOM': 'GB',
  AUSTRALIA: 'AU',
  'NEW ZEALAND': 'NZ',
  INDIA: 'IN',
};

export function countryCode(country: string | null | undefined): string | null {
  const text = country?.trim().toUpperCase();
  if (!text) return null;
  if (/^[A-Z]{2}$/.test(text)) return text === 'UK' ? 'GB' : text;
  return COUNTRY_NAMES[text] ?? null;
}

export function companyTimezone(country: string | null, subdivision: string | null | undefined): string {
  if (country === null) return 'UTC';
  const region = subdivision?.trim().toUpperCase();
  return (region ? BY_SUBDIVISION[country]?.[region] : undefined) ?? BY_COUNTRY[country] ?? 'UTC';
}
