// How the sandbox answers, success or failure, in Xero's own shapes: the accounting API's envelope and
// ApiException bodies, the API gateway's problem details for 401/403, the plain-text 404, and the
// identity service's OAuth errors.
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import { toXeroBytes } from './json-bytes';
import { toXeroJson } from './xero-json';
import { msDateBare } from './xero-dates';

export { isBodyParseError, sendOAuthError } from '../../shared/sandbox/plain-answers';

type Capture = (status: number, contentType: string, body: string) => void;

const captures = new WeakMap<Response, Capture>();
const deliveries = new WeakMap<Response, Capture>();

/** Lets the idempotency layer keep a copy of whatever this response ends up saying. */
export function captureResponse(res: Response, capture: Capture): void {
  captures.set(res, capture);
}

/**
 * Hands the writing of this response to someone else: how an injected fault spoils an answer on
 * its way out (a truncated or malformed body) after the handler has done its work.
 */
export function overrideDelivery(res: Response, deliver: Capture): void {
  deliveries.set(res, deliver);
}

function send(res: Response, status: number, contentType: string, body: string): void {
  captures.get(res)?.(status, contentType, body);
  const deliver = deliveries.get(res);
  if (deliver) deliver(status, contentType, body);
  else res.status(status).set('Content-Type', contentType).send(body);
}

const JSON_TYPE = 'application/json; charset=utf-8';

export function sendJson(res: Response, status: number, body: unknown): void {
  // Whoever keeps or spoils the answer (Idempotency-Key, injected faults) works on its text.
  if (captures.has(res) || deliveries.has(res)) send(res, status, JSON_TYPE, toXeroJson(body));
  else res.status(status).set('Content-Type', JSON_TYPE).send(toXeroBytes(body));
}

export function replay(res: Response, status: number, contentType: string, body: string): void {
  res.status(status).set('Content-Type', contentType).send(body);
}

export interface Envelope {
  Id: string;
  Status: 'OK';
  ProviderName: string;
  DateTimeUTC: string;
}

/** The wrapper every accounting response carries; ProviderName is the calling app's name. */
export function envelope(providerName: string, now: number): Envelope {
  return { Id: randomUUID(), Status: 'OK', ProviderName: providerName, DateTimeUTC: msDateBare(now) };
}

/** The gateway's answer when a token is missing, bad, expired, lacks a scope, or the tenant is not connected. */
export function sendProblem(res: Response, status: 401 | 403, detail: string): void {
  sendJson(res, status, {
    Type: null,
    Title: status === 401 ? 'Unauthorized' : 'Forbidden',
    Status: status,
    Detail: detail,
    Instance: randomUUID(),
    Extensions: {},
  });
}

/** Over a rate limit; the limit and the wait are in the headers. */
export function sendTooManyRequests(res: Response): void {
  sendJson(res, 429, {
    Type: null,
    Title: 'Too Many Requests',
    Status: 429,
    Detail: 'Rate limit exceeded',
    Instance: randomUUID(),
    Extensions: {},
  });
}

/** Xero's own words for a failure on its side. */
export const XERO_FAILURE_TEXT =
  'An error occurred in Xero. Check the API Status page http://status.developer.xero.com for current service status.';

export function sendServerError(res: Response, status: number): void {
  send(res, status, 'text/plain; charset=utf-8', XERO_FAILURE_TEXT);
}

export function sendValidationError(res: Response, elements: object[]): void {
  sendJson(res, 400, {
    ErrorNumber: 10,
    Type: 'ValidationException',
    Message: 'A validation exception occurred',
    Elements: elements,
  });
}

export function sendQueryParseError(res: Response, message: string): void {
  sendJson(res, 400, { ErrorNumber: 16, Type: 'QueryParseException', Message: message });
}

export function sendPostDataInvalid(res: Response, message: string): void {
  sendJson(res, 400, { ErrorNumber: 14, Type: 'PostDataInvalidException', Message: message });
}

/** Xero answers an unknown id with this sentence as plain text, not JSON. */
export function sendNotFound(res: Response): void {
  send(res, 404, 'text/plain; charset=utf-8', "The resource you're looking for cannot be found");
}
