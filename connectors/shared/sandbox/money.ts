// Money inside the sandbox is integer cents; exchange rates are integer millionths. Decimals exist only
// at the edges (request bodies in, JSON out), and the conversion goes through text, never through a
// float multiplication.

export type Cents = number;
/** An exchange rate times 1,000,000 (Xero shows six decimals: `0.912345`). */
export type RateMicros = number;

export const UNIT_RATE: RateMicros = 1_000_000;

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** `"150.00"`, `150`, `"150.5"` -> 15050. Null when the text is not a decimal with at most 2 places. */
export function parseCents(value: string | number): Cents | null {
  const text = typeof value === 'number' ? numberText(value) : value.trim();
  if (text === null) return null;
  const match = DECIMAL.exec(text);
  if (!match) return null;
  const [, sign, whole = '0', fraction = ''] = match;
  if (fraction.replace(/0+$/, '').length > 2) return null;
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2));
  if (!Number.isSafeInteger(cents)) return null;
  return sign && cents !== 0 ? -cents : cents;
}

function numberText(n: number): string | null {
  if (!Number.isFinite(n)) return null;
  const text = String(n);
  return /e/i.test(text) ? null : text;
}

/** 15050 -> `"150.50"`. */
export function centsText(cents: Cents): string {
  return scaledText(cents, 2);
}

const POWERS_OF_TEN = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000];

/**
 * An integer holding `scale` implied decimal places, as text: (912345, 6) -> `"0.912345"`. Written
 * with integer arithmetic rather than through digit strings, as every amount of every listed record
 * passes here; both parts are exact for any safe integer.
 */
export function scaledText(value: number, scale: number): string {
  const unit = POWERS_OF_TEN[scale] ?? 10 ** scale;
  const magnitude = Math.abs(value);
  const fraction = magnitude % unit;
  const whole = (magnitude - fraction) / unit;
  if (scale === 0) return `${value < 0 ? '-' : ''}${whole}`;
  const fractionText = String(fraction);
  const padded =
    fractionText.length === scale ? fractionText : '0'.repeat(scale - fractionText.length) + fractionText;
  return `${value < 0 ? '-' : ''}${whole}.${padded}`;
}

/** Integer division rounding half away from zero, for tax and currency conversion. */
export function divideRounded(numerator: number, denominator: number): number {
  const quotient = Math.trunc(numerator / denominator);
  const remainder = numerator - quotient * denominator;
  if (Math.abs(remainder) * 2 >= Math.abs(denominator)) {
    return quotient + (numerator < 0 !== denominator < 0 ? -1 : 1);
  }
  return quotient;
}

/** GST and similar: `amount * rate%`, rounded to the cent. */
export function percentOf(amount: Cents, percent: number): Cents {
  return divideRounded(amount * percent, 100);
}

/** An amount in a foreign currency expressed in the base currency at `rate` (foreign units per base unit). */
export function toBaseCurrency(amount: Cents, rate: RateMicros): Cents {
  return divideRounded(amount * UNIT_RATE, rate);
}
