// Xero's JSON writes decimals with their scale (`"Total": 46.00`, `"CurrencyRate": 1.000000`), which
// JSON.stringify cannot do. Response bodies are built with XeroDecimal leaves and written by a small
// serializer that emits each decimal's text as a bare JSON number.
import { centsText, scaledText, type Cents, type RateMicros } from './money';

export class XeroDecimal {
  constructor(readonly text: string) {}
}

export function money(cents: Cents): XeroDecimal {
  return new XeroDecimal(centsText(cents));
}

export function rate(micros: RateMicros): XeroDecimal {
  return new XeroDecimal(scaledText(micros, 6));
}

/** Quantities carry four decimals in Xero (`2.0000`); the sandbox only sells whole units. */
export function quantity(units: number): XeroDecimal {
  return new XeroDecimal(scaledText(units * 10_000, 4));
}

/** The same body as plain data: decimals become numbers, as any JSON client would read them. */
export type Plain<T> = T extends XeroDecimal
  ? number
  : T extends readonly (infer U)[]
    ? Plain<U>[]
    : T extends object
      ? { [K in keyof T]: Plain<T[K]> }
      : T;

export function toXeroJson(value: unknown): string {
  if (value instanceof XeroDecimal) return value.text;
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((item) => toXeroJson(item ?? null)).join(',')}]`;
      const parts: string[] = [];
      for (const [key, item] of Object.entries(value)) {
        if (item === undefined) continue;
        parts.push(`${JSON.stringify(key)}:${toXeroJson(item)}`);
      }
      return `{${parts.join(',')}}`;
    }
    default:
      return 'null';
  }
}

export function toPlain<T>(value: T): Plain<T> {
  return JSON.parse(toXeroJson(value)) as Plain<T>;
}
