// A platform answered with something we cannot use: the error names the call, the record and the field,
// and never echoes more than a short piece of what was received (payloads may hold personal data).
import type { z } from 'zod';
import { ConnectorError } from './errors';

export function malformed(what: string, detail: string, record?: string): ConnectorError {
  return new ConnectorError(
    'malformed_payload',
    `${what}: ${detail}`,
    record === undefined ? {} : { record },
  );
}

function received(input: unknown): string {
  if (input === undefined) return 'nothing';
  const text = JSON.stringify(input) ?? String(input);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** `Total: expected number, received string; Contact.ContactID: expected a Xero id (GUID), received "x"` */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const path = issue.path
        .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
        .join('');
      let message = issue.message.replace(/^Invalid (input|option|string): /, '');
      // A check across fields (a refine on the record) holds the whole record as its input: not worth echoing.
      const wholeRecord = issue.code === 'custom' && typeof issue.input === 'object' && issue.input !== null;
      if (issue.code !== 'invalid_type' && !wholeRecord && 'input' in issue) {
        message += `, received ${received(issue.input)}`;
      }
      return path ? `${path}: ${message}` : message;
    })
    .join('; ');
}
