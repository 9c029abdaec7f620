// Money is an integer count of the currency's minor unit (cents, yen, fils) plus its currency code.
// Arithmetic stays on safe integers; decimals only appear when an amount is shown to a person.

export type Minor = number;

const exponents = new Map<string, number>();

/** Digits after the decimal point in the currency's minor unit: 2 for NZD, 0 for JPY, 3 for KWD. */
export function currencyExponent(currency: string): number {
  const code = currency.toUpperCase();
  let exponent = exponents.get(code);
  if (exponent === undefined) {
    exponent =
      new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions()
        .maximumFractionDigits ?? 2;
    exponents.set(code, exponent);
  }
  return exponent;
}

export function assertMinor(amount: Minor, what = 'amount'): Minor {
  if (!Number.isSafeInteger(amount)) {
    throw new RangeError(`The ${what} must be a whole number of minor units, got ${amount}`);
  }
  return amount;
}

/** Sum that refuses to leave the safe-integer range instead of silently losing cents. */
export function sumMinor(amounts: readonly Minor[]): Minor {
  let total = 0;
  for (const amount of amounts) total = assertMinor(total + assertMinor(amount), 'sum');
  return total;
}

/** Minor units as exact decimal text ("1234.50", "-0.05", "500"), built from digits, never by division. */
export function minorToDecimal(minor: Minor, currency: string): string {
  assertMinor(minor);
  const exponent = currencyExponent(currency);
  const digits = Math.abs(minor)
    .toString()
    .padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = exponent > 0 ? `.${digits.slice(-exponent)}` : '';
  return `${minor < 0 ? '-' : ''}${whole}${fraction}`;
}

/**
 * An amount for people: the local symbol followed by the ISO code, "$1,234.50 NZD", "-¥500 JPY".
 * A bare "$" is ambiguous between a dozen dollars, and the symbol alone would let a customer in
 * Auckland read a USD invoice as NZD; the trailing code settles it. Where the currency has no symbol
 * of its own the code already leads ("CHF 12.50") and is not repeated.
 */
export function formatMoney(minor: Minor, currency: string): string {
  const code = currency.toUpperCase();
  const decimal = minorToDecimal(minor, code) as `${number}`;
  const shown = symbolFormatter(code)
    .format(decimal)
    .replace(/\u00a0/g, ' ');
  return shown.includes(code) ? shown : `${shown} ${code}`;
}

/** Building a formatter costs far more than using one; the planner formats amounts in hot loops. */
const formatters = new Map<string, Intl.NumberFormat>();

function symbolFormatter(code: string): Intl.NumberFormat {
  let formatter = formatters.get(code);
  if (!formatter) {
    formatter = new Intl.NumberFormat('en', {
      style: 'currency',
      currency: code,
      currencyDisplay: 'narrowSymbol',
    });
    formatters.set(code, formatter);
  }
  return formatter;
}

/** Whole units of a currency in its minor units: 5 -> 500 for NZD, 5 for JPY, 5000 for KWD. */
export function wholeUnits(units: number, currency: string): Minor {
  return assertMinor(units * 10 ** currencyExponent(currency), `${units} ${currency}`);
}
