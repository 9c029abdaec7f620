// What every platform's webhook has in common: a base64 HMAC-SHA256 of the exact raw body, compared in
// constant time; a JSON body; and, where the platform gives an event no id, one derived from what
// identifies the change, so a redelivery carries the same id and does no harm downstream.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { malformed } from './payload-errors';

export function hmacSignatureMatches(key: string, rawBody: Buffer, signature: string | undefined): boolean {
  if (signature === undefined) return false;
  const expected = Buffer.from(createHmac('sha256', key).update(rawBody).digest('base64'), 'utf8');
  const received = Buffer.from(signature.trim(), 'utf8');
  // timingSafeEqual throws on unequal lengths; a value of another length is simply not the signature.
  return received.length === expected.length && timingSafeEqual(received, expected);
}

/** A stable id for an event from the values that identify the change. */
export function derivedEventId(identity: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(identity)).digest('hex');
}

/** The body as JSON; empty or non-JSON is a malformed payload naming `what`. */
export function webhookJson(rawBody: Buffer, what: string): unknown {
  const text = rawBody.toString('utf8');
  if (text.trim() === '') throw malformed(what, 'empty body');
  try {
    return JSON.parse(text);
  } catch {
    throw malformed(what, 'body is not JSON');
  }
}
