// Platform amounts arrive as decimals; we keep integer minor units. The conversion goes through the
// number's shortest decimal text, never through float multiplication (0.29 * 100 = 28.999999999999996).
import type { Minor } from '../types';

const exponents = new Map<string, number>();

/** Digits after the decimal point in the currency's minor unit (2 for NZD, 0 for JPY, 3 for KWD). */
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

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** Converts a decimal amount (number or string) to minor units, rounding half away from zero. */
export function toMinor(amount: number | string, currency: string): Minor {
  const text = typeof amount === 'number' ? numberToPlainText(amount) : amount.trim();
  const match = DECIMAL.exec(text);
  if (!match) throw new RangeError(`Not a decimal amount: ${JSON.stringify(amount)}`);
  const [, sign, whole = '0', fraction = ''] = match;
  const exponent = currencyExponent(currency);
  const kept = fraction.slice(0, exponent).padEnd(exponent, '0');
  const roundUp = (fraction.charCodeAt(exponent) || 48) >= 53; // next digit >= '5'
  const digits = whole + kept;
  // Up to 15 digits every integer is exact as a number; longer ones go through BigInt to be checked.
  let minor =
    digits.length <= 15 ? Number(digits) + (roundUp ? 1 : 0) : Number(BigInt(digits) + (roundUp ? 1n : 0n));
  if (!Number.isSafeInteger(minor)) throw new RangeError(`Amount out of range: ${text}`);
  if (sign) minor = -minor;
  return minor === 0 ? 0 : minor; // no negative zero
}

function numberToPlainText(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`Not a finite amount: ${n}`);
  const text = String(n);
  if (!/e/i.test(text)) return text;
  // Exponent form only appears for very small or very large values; toFixed(20) is exact enough there.
  return n.toFixed(20).replace(/\.?0+$/, '');
}

/** Minor units back to a decimal string for the platform (`1234.50`). */
export function fromMinor(minor: Minor, currency: string): string {
  const exponent = currencyExponent(currency);
  const negative = minor < 0;
  const digits = Math.abs(minor)
    .toString()
    .padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = exponent > 0 ? `.${digits.slice(-exponent)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}
