// Every way a QuickBooks call can fail becomes a ConnectorError with the same stable codes as every other
// platform's. Messages name the call and Intuit's fault code, never a token, a secret or a header.
import { ConnectorError } from '../shared/errors';
import { clip, retryAfterMs, type HeaderLookup } from '../shared/http-answer';
import { hasCode, readFault, type Fault } from './fault';

export interface QboAnswer {
  status: number;
  header: HeaderLookup;
  body: unknown;
}

/** ThrottleExceeded: too many requests for the company (3001), or too many at once (3003). */
const THROTTLE_CODES = [3001, 3003];
/** Object Not Found: the record was deleted, or never was. */
const OBJECT_NOT_FOUND_CODES = [610];
/** AuthenticationFailed: the access token is expired or not valid. */
const AUTHENTICATION_CODES = [100, 3200];
/** ApplicationAuthorizationFailed: the company no longer grants this app access. */
const AUTHORIZATION_CODES = [3100];

function describe(fault: Fault | null): string {
  const first = fault?.errors[0];
  if (first === undefined) return fault?.type ? ` (${fault.type})` : '';
  const words = [first.message, first.detail].filter((part): part is string => !!part).join(': ');
  return ` (${[first.code === null ? null : `code ${first.code}`, words ? clip(words) : null]
    .filter(Boolean)
    .join(', ')})`;
}

function faultType(fault: Fault | null): string {
  return (fault?.type ?? '').toLowerCase();
}

function rateLimited(answer: QboAnswer, what: string, detail: string): ConnectorError {
  const wait = retryAfterMs(answer.header('retry-after'));
  // Reported as a 429 whatever the status, so that the shared retry holds every caller off.
  return new ConnectorError(
    'rate_limited',
    `${what}: QuickBooks throttled the company${detail}`,
    wait === undefined ? { status: 429 } : { status: 429, retryAfterMs: wait },
  );
}

/** An answer that failed, or that succeeded in status but carries a Fault. */
export function fromAnswer(answer: QboAnswer, what: string): ConnectorError {
  const { status } = answer;
  const fault = readFault(answer.body);
  const detail = describe(fault);
  const type = faultType(fault);
  if (status === 429 || type === 'throttleexceeded' || (fault && hasCode(fault, ...THROTTLE_CODES))) {
    return rateLimited(answer, what, detail);
  }
  if (status === 401 || type === 'authenticationfault' || type === 'authentication') {
    return new ConnectorError('auth_expired', `${what}: QuickBooks refused the access token${detail}`, {
      status,
    });
  }
  if (status === 403 || type === 'authorizationfault' || (fault && hasCode(fault, ...AUTHORIZATION_CODES))) {
    return new ConnectorError(
      'reauth_required',
      `${what}: QuickBooks no longer authorises this app for the company${detail}`,
      { status },
    );
  }
  if (fault && hasCode(fault, ...AUTHENTICATION_CODES)) {
    return new ConnectorError('auth_expired', `${what}: QuickBooks refused the access token${detail}`, {
      status,
    });
  }
  if (status >= 500 || status === 408 || type === 'systemfault') {
    const wait = retryAfterMs(answer.header('retry-after'));
    return new ConnectorError(
      'unavailable',
      `${what}: QuickBooks answered ${status}${detail}`,
      wait === undefined ? { status } : { status, retryAfterMs: wait },
    );
  }
  return new ConnectorError('rejected', `${what}: QuickBooks refused the request (${status})${detail}`, {
    status,
  });
}

/** Whether a 2xx answer is really a failure: it carries a Fault, or it is XML where JSON was asked for. */
export function isFailure(answer: QboAnswer): boolean {
  return answer.status < 200 || answer.status > 299 || readFault(answer.body) !== null;
}

/** A read by id of a record QuickBooks does not have (deleted, or never made). */
export function isObjectNotFound(answer: QboAnswer): boolean {
  const fault = readFault(answer.body);
  return fault !== null && hasCode(fault, ...OBJECT_NOT_FOUND_CODES);
}
