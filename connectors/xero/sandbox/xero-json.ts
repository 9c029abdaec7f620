// Xero's JSON writes decimals with their scale (`"Total": 46.00`, `"CurrencyRate": 1.000000`), which
// JSON.stringify cannot do. Response bodies are built with RawJson leaves (text written as it is:
// decimals, and records already written by their writers) and JsonList leaves (a page of records,
// written as the body is), and serialized by a small writer that emits each leaf's text untouched.
import { centsText, scaledText, type Cents, type RateMicros } from '../../shared/sandbox/money';

/** JSON text standing for a value of shape T; T is only for the types (see Plain). */
export class RawJson<T> {
  declare readonly shape?: T;
  constructor(readonly text: string) {}
}

/** A decimal written with its scale, read as a plain number by any JSON client. */
export class XeroDecimal extends RawJson<number> {}

export function money(cents: Cents): XeroDecimal {
  return new XeroDecimal(centsText(cents));
}

export function rate(micros: RateMicros): XeroDecimal {
  return new XeroDecimal(scaledText(micros, 6));
}

/** Quantities carry four decimals in Xero (`2.0000`); the sandbox only sells whole units. */
export function quantity(units: number): XeroDecimal {
  return new XeroDecimal(quantityText(units));
}

export function quantityText(units: number): string {
  return scaledText(units * 10_000, 4);
}

/** The same body as plain data: decimals become numbers, as every JSON client reads them. */
export type Plain<T> =
  T extends RawJson<infer U>
    ? Plain<U>
    : T extends readonly (infer U)[]
      ? Plain<U>[]
      : T extends object
        ? { [K in keyof T]: Plain<T[K]> }
        : T;

/** A JSON string literal. Every string a record holds goes through here, whatever it contains. */
export const jsonString: (text: string) => string = JSON.stringify;

/** `"Key":`, written once per key name rather than once per record. */
const keyTexts = new Map<string, string>();

function keyText(key: string): string {
  let text = keyTexts.get(key);
  if (text === undefined) {
    text = `${jsonString(key)}:`;
    // Key names come from the sandbox's own shapes, and from request bodies echoed back in errors.
    if (keyTexts.size < 10_000) keyTexts.set(key, text);
  }
  return text;
}

/** Where serialized JSON goes: a string (toXeroJson), or bytes for a response (json-bytes.ts). */
export interface JsonSink {
  write(text: string): void;
}

/**
 * A list page's records, each written by `write` as the body is serialized: no array of objects,
 * and no text for the whole page when the body goes out as bytes.
 */
export class JsonList<R, T> {
  constructor(
    readonly records: readonly R[],
    readonly write: (record: R) => RawJson<T>,
  ) {}
}

export function jsonArray<R, T>(records: readonly R[], write: (record: R) => RawJson<T>): JsonList<R, T> {
  return new JsonList(records, write);
}

export function writeXeroJson(value: unknown, out: JsonSink): void {
  if (value instanceof JsonList) {
    out.write('[');
    let first = true;
    for (const record of value.records as readonly unknown[]) {
      const text = value.write(record).text;
      out.write(first ? text : `,${text}`);
      first = false;
    }
    out.write(']');
  } else if (Array.isArray(value)) {
    out.write('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.write(',');
      const item: unknown = value[i];
      writeXeroJson(item ?? null, out);
    }
    out.write(']');
  } else if (typeof value === 'object' && value !== null && !(value instanceof RawJson)) {
    out.write('{');
    let first = true;
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue;
      out.write(first ? keyText(key) : `,${keyText(key)}`);
      first = false;
      writeXeroJson(item, out);
    }
    out.write('}');
  } else {
    out.write(scalarJson(value));
  }
}

function scalarJson(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  switch (typeof value) {
    case 'string':
      return jsonString(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    default:
      return 'null';
  }
}

class TextSink implements JsonSink {
  text = '';
  write(text: string): void {
    this.text += text;
  }
}

export function toXeroJson(value: unknown): string {
  const out = new TextSink();
  writeXeroJson(value, out);
  return out.text;
}

/** A JSON array of items written one by one to text. */
export function arrayText<T>(items: readonly T[], write: (item: T) => string): string {
  let out = '';
  for (const item of items) out += (out === '' ? '' : ',') + write(item);
  return `[${out}]`;
}

/** A written object with more fields after its own (which it must not already have). */
export function extendJson<T, E extends object>(written: RawJson<T>, extra: E): RawJson<T & E> {
  const more = toXeroJson(extra).slice(1, -1);
  if (more === '') return new RawJson(written.text);
  const own = written.text.slice(1, -1);
  return new RawJson(`{${own}${own === '' ? '' : ','}${more}}`);
}

export function toPlain<T>(value: T): Plain<T> {
  return JSON.parse(toXeroJson(value)) as Plain<T>;
}
