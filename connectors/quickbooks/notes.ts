// The note posted onto an invoice after each contact: an Attachable carrying only a Note, linked to the
// invoice. The invoice itself is never written. The `requestid` makes QuickBooks answer a repeat of the
// same note with the attachable it already created instead of a second one.
import { createHash } from 'node:crypto';
import type { Attachable } from 'node-quickbooks';
import { ConnectorError } from '../shared/errors';
import type { ApiContext, NoteRequest } from '../types';
import { fitToLength } from '../shared/fit-note';
import { parseBody } from './read';
import { QBO_NOTE_MAX_LENGTH, QBO_REQUEST_ID_MAX_LENGTH } from './provider';
import type { RealmClient } from './realm-client';
import { attachableEnvelope } from './schemas';
import { uniqueQboIds } from './refetch';

/** Keys beyond Intuit's limit are hashed, which keeps them stable for the same note. */
export function requestIdFor(key: string): string {
  if (key.length <= QBO_REQUEST_ID_MAX_LENGTH) return key;
  return createHash('sha256').update(key).digest('hex').slice(0, QBO_REQUEST_ID_MAX_LENGTH);
}

export async function postNote(client: RealmClient, ctx: ApiContext, note: NoteRequest): Promise<void> {
  const invoiceId = note.invoiceExternalId;
  uniqueQboIds([invoiceId], 'invoice');
  if (note.idempotencyKey.trim() === '')
    throw new ConnectorError('rejected', 'An invoice note needs an idempotency key');
  const text = fitToLength(note.text, QBO_NOTE_MAX_LENGTH);
  if (text === '') throw new ConnectorError('rejected', 'An invoice note needs some text');

  const what = `Note on invoice ${invoiceId}`;
  const attachable = {
    Note: text,
    AttachableRef: [{ EntityRef: { type: 'Invoice', value: invoiceId }, IncludeOnSend: false }],
    // node-quickbooks sends this as the `requestid` query parameter, not in the body.
    requestId: requestIdFor(note.idempotencyKey),
  };
  const body = await client(ctx, {
    what,
    // The requestid makes QuickBooks drop a repeat, so a create that met a 5xx may be sent again.
    repeatable: true,
    send: (qbo, callback) => qbo.createAttachable(attachable as Attachable, callback),
  });
  parseBody(attachableEnvelope, body, what);
}
