// Phone numbers as an SMS provider takes them: E.164 (`+64215550101`). Platforms hold numbers as people
// typed them: Xero in parts (country, area, number), QuickBooks as free text; often with no country at
// all, meaning the organisation's own. Only the rules that matter for mobiles are kept here: a national
// number loses its trunk prefix (the leading 0, or 1 in North America) and gains the country code.
// A number that cannot be made sure of becomes null rather than a guess that texts a stranger.

/** Country calling codes of the countries accounting platforms' organisations are mostly in. */
const CALLING_CODES: Readonly<Record<string, string>> = {
  NZ: '64', AU: '61', GB: '44', IE: '353', US: '1', CA: '1', ZA: '27', SG: '65', HK: '852',
  MY: '60', PH: '63', ID: '62', TH: '66', IN: '91', AE: '971', SA: '966', FJ: '679', PG: '675',
  WS: '685', TO: '676', CK: '682', NL: '31', BE: '32', FR: '33', ES: '34', IT: '39', PT: '351',
  DE: '49', AT: '43', CH: '41', DK: '45', SE: '46', NO: '47', FI: '358', PL: '48', JP: '81',
  CN: '86', KR: '82', MX: '52', BR: '55', KE: '254', NG: '234',
}; // prettier-ignore

/** North America shares +1, and its trunk prefix is 1, not 0. */
const NORTH_AMERICA = '1';
/** Italy keeps its leading 0 when dialled from abroad. */
const KEEPS_LEADING_ZERO = new Set(['39']);

const E164 = /^\+[1-9]\d{6,14}$/;
const SEPARATORS = /[\s\-.()/]/g;

function onlyDigits(text: string): string | null {
  const compact = text.replace(SEPARATORS, '');
  return /^\d*$/.test(compact) ? compact : null;
}

function valid(candidate: string): string | null {
  return E164.test(candidate) ? candidate : null;
}

/** The country calling code of an ISO 3166-1 alpha-2 country, when known. */
export function callingCode(countryCode: string | null | undefined): string | null {
  return (countryCode && CALLING_CODES[countryCode.toUpperCase()]) || null;
}

/**
 * A number dialled within its country (`021 555 0101`), with that country's calling code (`64`,
 * `+64` and `0064` alike) -> E.164, or null.
 */
export function fromNational(national: string, countryCallingCode: string): string | null {
  const code = onlyDigits(countryCallingCode.replace(/^\+|^00/, ''));
  let digits = onlyDigits(national);
  if (!code || !digits) return null;
  if (code === NORTH_AMERICA) {
    if (digits.length === 11 && digits.startsWith('1')) digits = digits.slice(1);
  } else if (!KEEPS_LEADING_ZERO.has(code)) {
    digits = digits.replace(/^0/, '');
  }
  return valid(`+${code}${digits}`);
}

/**
 * A number as written -> E.164, or null. International forms (`+61 412 345 678`, `0061…`, and `011…`
 * in North America) stand on their own; anything else is national to `countryCode`, the
 * organisation's country.
 */
export function toE164(written: string | null | undefined, countryCode: string | null): string | null {
  const text = written?.trim();
  if (!text) return null;
  const home = callingCode(countryCode);
  if (text.startsWith('+')) {
    // `+44 (0)7700 900123`: the bracketed trunk 0 is for callers at home, never dialled from abroad.
    const digits = onlyDigits(text.slice(1).replace(/\(0\)/, ''));
    return digits ? valid(`+${digits}`) : null;
  }
  const digits = onlyDigits(text);
  if (!digits) return null;
  if (digits.startsWith('00')) return valid(`+${digits.slice(2)}`);
  if (home === NORTH_AMERICA && digits.startsWith('011')) return valid(`+${digits.slice(3)}`);
  return home ? fromNational(digits, home) : null;
}
