// Xero's Idempotency-Key header on writes: a request repeating a key the tenant already used gets the
// first answer back, byte for byte, and changes nothing. Keys are per organisation and at most 128
// characters. Only answers from the handler are kept: a 401 or 403 from the gateway is not an answer
// to the request, so a retry after refreshing the token still goes through.
import type { RequestHandler } from 'express';
import { tenantOf } from './api-auth';
import { captureResponse, replay, sendValidationError } from './responses';
import type { SandboxStore } from './store';

export const MAX_IDEMPOTENCY_KEY_LENGTH = 128;

export function idempotency(store: SandboxStore): RequestHandler {
  return (req, res, next) => {
    const key = req.get('Idempotency-Key');
    if (key === undefined || key === '' || (req.method !== 'PUT' && req.method !== 'POST')) {
      next();
      return;
    }
    if (key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
      sendValidationError(res, [
        {
          ValidationErrors: [
            { Message: `Idempotency-Key must be ${MAX_IDEMPOTENCY_KEY_LENGTH} characters or fewer` },
          ],
        },
      ]);
      return;
    }
    const slot = `${tenantOf(req)}\n${key}`;
    const stored = store.idempotency.get(slot);
    if (stored) {
      replay(res, stored.status, stored.contentType, stored.body);
      return;
    }
    captureResponse(res, (status, contentType, body) => {
      if (status < 500)
        store.idempotency.set(slot, { method: req.method, path: req.path, status, contentType, body });
    });
    next();
  };
}
