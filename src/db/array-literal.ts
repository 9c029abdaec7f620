// A column of values sent to Postgres as one array parameter, written as Postgres's array text here
// rather than by the driver: a page of a thousand rows has a dozen such columns, and the driver escapes
// every element with two regular-expression passes whether it needs them or not.
import { sql, type RawBuilder } from 'kysely';

export type ArrayElement = string | number | boolean | null;

const NEEDS_ESCAPE = /["\\]/;
const ESCAPED = /["\\]/g;

/** `{"a","b\"c",NULL,42}`: every string quoted (so commas, braces, spaces and the text NULL survive). */
export function arrayLiteral(values: readonly ArrayElement[]): string {
  let text = '{';
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (i > 0) text += ',';
    if (value === null || value === undefined) text += 'NULL';
    else if (typeof value === 'string')
      text += `"${NEEDS_ESCAPE.test(value) ? value.replace(ESCAPED, '\\$&') : value}"`;
    else text += String(value);
  }
  return `${text}}`;
}

/** The values as a typed array parameter: `$1::bigint[]`. */
export function arrayParam(values: readonly ArrayElement[], type: string): RawBuilder<unknown> {
  return sql`${arrayLiteral(values)}::${sql.raw(type)}[]`;
}
