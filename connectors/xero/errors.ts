// Every way a Xero call can fail becomes a ConnectorError with a stable code. Messages name the call
// (and for bad payloads the page and record) but never carry a token, a secret or a request header.
import { errors as oidcErrors } from 'openid-client';
import type { z } from 'zod';
import { ConnectorError } from '../shared/errors';
import { xeroErrorBody, xeroNodeRejection } from './schemas';

export type HeaderLookup = (name: string) => string | undefined;

export interface HttpAnswer {
  status: number;
  header: HeaderLookup;
  body: unknown;
}

const DETAIL_MAX = 200;
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_SOCKET',
]);

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > DETAIL_MAX ? `${flat.slice(0, DETAIL_MAX - 1)}…` : flat;
}

/** `Retry-After` is either seconds or an HTTP date; Xero sends seconds. */
export function retryAfterMs(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The one human-readable sentence in a Xero error body, if there is one. */
function errorDetail(body: unknown): string | undefined {
  let value = body;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  const parsed = xeroErrorBody.safeParse(value);
  if (!parsed.success) return undefined;
  const e = parsed.data;
  const validation = (e.Elements ?? [])
    .flatMap((element) => element.ValidationErrors ?? [])
    .map((v) => v.Message)
    .join('; ');
  const detail = validation || e.Detail || e.Message || e.Title || e.error;
  return detail ? clip(detail) : undefined;
}

export function fromHttpAnswer(answer: HttpAnswer, what: string): ConnectorError {
  const { status } = answer;
  const detail = errorDetail(answer.body);
  const suffix = detail ? `: ${detail}` : '';
  if (status === 401) {
    return new ConnectorError('auth_expired', `${what}: Xero refused the access token (401${suffix})`, {
      status,
    });
  }
  if (status === 403) {
    return new ConnectorError(
      'reauth_required',
      `${what}: Xero no longer authorises this app for the organisation (403${suffix})`,
      { status },
    );
  }
  if (status === 429) {
    const wait = retryAfterMs(answer.header('retry-after'));
    const problem = answer.header('x-rate-limit-problem');
    return new ConnectorError(
      'rate_limited',
      `${what}: Xero rate limit reached${problem ? ` (${clip(problem)} limit)` : ''}`,
      wait === undefined ? { status } : { status, retryAfterMs: wait },
    );
  }
  if (status >= 500 || status === 408) {
    const wait = retryAfterMs(answer.header('retry-after'));
    return new ConnectorError(
      'unavailable',
      `${what}: Xero answered ${status}${suffix}`,
      wait === undefined ? { status } : { status, retryAfterMs: wait },
    );
  }
  return new ConnectorError('rejected', `${what}: Xero refused the request (${status}${suffix})`, { status });
}

/** Case-insensitive reading of a header bag: a plain object, or axios's AxiosHeaders (own properties). */
export function headerLookup(headers: unknown): HeaderLookup {
  const lowered = new Map<string, string>();
  const entries = typeof headers === 'object' && headers !== null ? Object.entries(headers) : [];
  for (const [name, value] of entries) {
    if (typeof value === 'string') lowered.set(name.toLowerCase(), value);
    else if (typeof value === 'number') lowered.set(name.toLowerCase(), String(value));
  }
  return (name) => lowered.get(name.toLowerCase());
}

function networkFailure(what: string, reason: string): ConnectorError {
  return new ConnectorError('unavailable', `${what}: no answer from Xero (${clip(reason)})`);
}

/** The system error code (ECONNRESET…) on an error or along its `cause` chain. */
function systemCode(err: unknown): string | undefined {
  let current = err;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    const code: unknown = Reflect.get(current, 'code');
    if (typeof code === 'string') return code;
    current = Reflect.get(current, 'cause');
  }
  return undefined;
}

type Rejection =
  { kind: 'answer'; answer: HttpAnswer } | { kind: 'no_answer'; reason: string } | { kind: 'other' };

/**
 * xero-node rejects with `JSON.stringify({ response: { statusCode, body, headers }, body })`; a status
 * of 0 means no HTTP answer arrived (timeout, reset, refused), and the body is then the reason.
 */
function readRejection(err: unknown): Rejection {
  let value: unknown = err;
  if (typeof err === 'string') {
    try {
      value = JSON.parse(err);
    } catch {
      return { kind: 'no_answer', reason: err };
    }
  }
  const parsed = xeroNodeRejection.safeParse(value);
  if (!parsed.success) return { kind: 'other' };
  const { statusCode, headers, body } = parsed.data.response;
  if (statusCode === 0) return { kind: 'no_answer', reason: typeof body === 'string' ? body : 'no response' };
  return { kind: 'answer', answer: { status: statusCode, header: headerLookup(headers), body } };
}

/** The headers of the HTTP answer behind a xero-node rejection; undefined when no answer arrived. */
export function rejectionHeaders(err: unknown): HeaderLookup | undefined {
  const rejection = readRejection(err);
  return rejection.kind === 'answer' ? rejection.answer.header : undefined;
}

export function fromXeroNodeRejection(err: unknown, what: string): Error {
  if (err instanceof ConnectorError) return err;
  const rejection = readRejection(err);
  if (rejection.kind === 'answer') return fromHttpAnswer(rejection.answer, what);
  if (rejection.kind === 'no_answer') return networkFailure(what, rejection.reason);
  return fromFetchFailure(err, what);
}

/** Failures of our own `fetch` calls: no HTTP answer at all. Anything else is a bug and is rethrown. */
export function fromFetchFailure(err: unknown, what: string): Error {
  if (err instanceof ConnectorError) return err;
  if (err instanceof Error) {
    if (err.name === 'TimeoutError' || err.name === 'AbortError') return networkFailure(what, 'timed out');
    const code = systemCode(err);
    if (code !== undefined && NETWORK_CODES.has(code)) return networkFailure(what, code);
    if (err instanceof TypeError && err.message === 'fetch failed')
      return networkFailure(what, code ?? err.message);
  }
  return err instanceof Error ? err : new Error(`${what}: unexpected failure`);
}

/**
 * openid-client failures. OPError is the identity server's OAuth error (invalid_grant and friends);
 * RPError is our side refusing what came back (a bad id_token, a timeout). Neither message holds a token,
 * but the error objects do (`jwt`, `params`), so only the message travels on.
 */
export function fromOAuthError(err: unknown, what: string): Error {
  if (err instanceof ConnectorError) return err;
  if (err instanceof oidcErrors.OPError) {
    const status = err.response?.statusCode;
    const description = err.error_description ? `: ${clip(err.error_description)}` : '';
    const message = `${what}: ${clip(err.error ?? err.message)}${description}`;
    if (err.error === 'invalid_grant') {
      return new ConnectorError('reauth_required', message, status === undefined ? {} : { status });
    }
    if (status !== undefined) {
      const header = headerLookup(err.response?.headers);
      if (status === 429 || status >= 500) return fromHttpAnswer({ status, header, body: undefined }, what);
      return new ConnectorError('rejected', message, { status });
    }
    return new ConnectorError('rejected', message);
  }
  if (err instanceof oidcErrors.RPError) {
    if (err.message.startsWith('outgoing request timed out')) return networkFailure(what, 'timed out');
    if (err.message.startsWith('state mismatch') || err.message.startsWith('state missing')) {
      return new ConnectorError(
        'oauth_state_mismatch',
        `${what}: the callback does not belong to this session`,
      );
    }
    return new ConnectorError('malformed_payload', `${what}: ${clip(err.message)}`);
  }
  if (err instanceof TypeError && err.message.startsWith('id_token not present')) {
    return new ConnectorError('malformed_payload', `${what}: the token response carries no id_token`);
  }
  if (err instanceof SyntaxError) {
    return new ConnectorError('malformed_payload', `${what}: the identity server answered with invalid JSON`);
  }
  return fromFetchFailure(err, what);
}

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
