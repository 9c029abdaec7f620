// How the sandbox answers, in Intuit's shapes: JSON bodies with the response `time`; faults as
// `{ Fault: { Error: [{ Message, Detail, code }], type }, time }`, or as the XML IntuitResponse that
// QuickBooks sends even to a client that asked for JSON (its throttle fault, and some failures that
// arrive with HTTP 200); and the OAuth service's `{ error, error_description }`.
import type { Response } from 'express';

export { isBodyParseError, sendOAuthError } from '../../shared/sandbox/plain-answers';

type Deliver = (status: number, contentType: string, body: string) => void;

const deliveries = new WeakMap<Response, Deliver>();

/** Hands the writing of this response to an injected fault that spoils it on its way out. */
export function overrideDelivery(res: Response, deliver: Deliver): void {
  deliveries.set(res, deliver);
}

export function send(res: Response, status: number, contentType: string, body: string | Buffer): void {
  const deliver = deliveries.get(res);
  if (deliver) deliver(status, contentType, body.toString('utf8'));
  else res.status(status).set('Content-Type', contentType).send(body);
}

export const JSON_TYPE = 'application/json;charset=UTF-8';
const XML_TYPE = 'application/xml;charset=UTF-8';

export function sendJson(res: Response, status: number, body: object): void {
  send(res, status, JSON_TYPE, JSON.stringify(body));
}

/**
 * A list of a thousand records as JSON bytes, each record presented, written and encoded on its own:
 * built whole, the page's objects would all live until the end and be promoted by the collector,
 * and a large company's pages would spend most of their time in garbage collection.
 */
export function jsonListBytes<R>(
  head: string,
  records: readonly R[],
  present: (record: R) => object,
  tail: string,
): Buffer {
  const chunks: Buffer[] = [Buffer.from(head)];
  records.forEach((record, i) => {
    chunks.push(
      Buffer.from(i === 0 ? JSON.stringify(present(record)) : `,${JSON.stringify(present(record))}`),
    );
  });
  chunks.push(Buffer.from(tail));
  return Buffer.concat(chunks);
}

export type FaultType =
  'ValidationFault' | 'AuthenticationFault' | 'AuthorizationFault' | 'SystemFault' | 'SERVICE';

export interface FaultError {
  Message: string;
  Detail: string;
  code: string;
  element?: string;
}

export function faultBody(type: FaultType, errors: FaultError[], time: string) {
  return { Fault: { Error: errors, type }, time };
}

export function sendFault(
  res: Response,
  status: number,
  type: FaultType,
  error: FaultError,
  time: string,
): void {
  sendJson(res, status, faultBody(type, [error], time));
}

/** Escapes text for XML, and for HTML text and double-quoted attributes alike. */
export const escapeMarkup = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function faultXml(type: FaultType, error: FaultError, time: string): string {
  return [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    `<IntuitResponse xmlns="http://schema.intuit.com/finance/v3" time="${escapeMarkup(time)}">`,
    `  <Fault type="${type}">`,
    `    <Error code="${escapeMarkup(error.code)}">`,
    `      <Message>${escapeMarkup(error.Message)}</Message>`,
    `      <Detail>${escapeMarkup(error.Detail)}</Detail>`,
    '    </Error>',
    '  </Fault>',
    '</IntuitResponse>',
    '',
  ].join('\n');
}

export function sendFaultXml(
  res: Response,
  status: number,
  type: FaultType,
  error: FaultError,
  time: string,
): void {
  send(res, status, XML_TYPE, faultXml(type, error, time));
}

/** Intuit's throttle answer: XML whatever the Accept header said. */
export function sendThrottled(res: Response, time: string): void {
  sendFaultXml(
    res,
    429,
    'SERVICE',
    {
      Message: 'message=ThrottleExceeded; errorCode=003001; statusCode=429',
      Detail: 'The request limit was reached.  Try again later',
      code: '3001',
    },
    time,
  );
}

export function sendAuthenticationFault(res: Response, detail: string, time: string): void {
  res.set('WWW-Authenticate', 'Bearer realm="Intuit", error="invalid_token"');
  sendFault(
    res,
    401,
    'AuthenticationFault',
    {
      Message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401',
      Detail: detail,
      code: '3200',
    },
    time,
  );
}

export function sendAuthorizationFault(res: Response, time: string): void {
  sendFault(
    res,
    403,
    'AuthorizationFault',
    {
      Message: 'message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403',
      Detail: 'The application is not authorized to access this company',
      code: '3100',
    },
    time,
  );
}

export function sendValidationFault(
  res: Response,
  message: string,
  detail: string,
  code: string,
  time: string,
): void {
  sendFault(res, 400, 'ValidationFault', { Message: message, Detail: detail, code, element: '' }, time);
}

export function sendObjectNotFound(res: Response, entity: string, id: string, time: string): void {
  sendValidationFault(
    res,
    'Object Not Found',
    `Object Not Found : Something you're trying to use has been made inactive or is not found: ${entity} ${id}`,
    '610',
    time,
  );
}

export function sendSystemFault(res: Response, status: number, time: string): void {
  sendFault(
    res,
    status,
    'SystemFault',
    {
      Message: 'An application error has occurred while processing your request',
      Detail: 'System Failure Error: An unexpected error occurred while accessing or saving your data.',
      code: '10000',
    },
    time,
  );
}
