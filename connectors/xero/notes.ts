// The note posted onto an invoice's "History & Notes" after each contact. Xero keeps at most 250
// characters of Details, and a history record can be neither edited nor deleted, so the text is fitted
// before sending and the Idempotency-Key makes Xero drop a repeat of the same note.
import { createHash } from 'node:crypto';
import { ConnectorError } from '../shared/errors';
import { fitToLength } from '../shared/fit-note';
import type { ApiContext, NoteRequest } from '../types';
import { isXeroId } from './ids';
import { XERO_IDEMPOTENCY_KEY_MAX_LENGTH, XERO_NOTE_MAX_LENGTH } from './provider';
import type { TenantClient } from './tenant-client';

/** Fits a note into Xero's 250 characters (see fitToLength). */
export function fitNote(text: string, max: number = XERO_NOTE_MAX_LENGTH): string {
  return fitToLength(text, max);
}

/** Keys beyond Xero's limit are hashed, which keeps them stable for the same note. */
export function idempotencyKeyFor(key: string): string {
  if (key.length <= XERO_IDEMPOTENCY_KEY_MAX_LENGTH) return key;
  return createHash('sha256').update(key).digest('hex');
}

export async function postNote(client: TenantClient, ctx: ApiContext, note: NoteRequest): Promise<void> {
  if (!isXeroId(note.invoiceExternalId)) {
    throw new ConnectorError('rejected', `Not a Xero invoice id: ${JSON.stringify(note.invoiceExternalId)}`);
  }
  if (note.idempotencyKey.trim() === '')
    throw new ConnectorError('rejected', 'A history note needs an idempotency key');
  const details = fitNote(note.text, XERO_NOTE_MAX_LENGTH);
  if (details === '') throw new ConnectorError('rejected', 'A history note needs some text');

  const what = `History note on invoice ${note.invoiceExternalId}`;
  // The answer only echoes the note back; a 2xx is all that matters, so its body is not parsed.
  await client(ctx, {
    what,
    // The Idempotency-Key makes Xero drop a repeat, so a PUT that met a 5xx may be sent again.
    repeatable: true,
    send: (api) =>
      api.createInvoiceHistory(
        ctx.tenantId,
        note.invoiceExternalId,
        { historyRecords: [{ details }] },
        idempotencyKeyFor(note.idempotencyKey),
      ),
  });
}
