// Every way a Xero call can fail becomes a ConnectorError with a stable code. Messages name the call
// (and for bad payloads the page and record) but never carry a token, a secret or a request header.
import { errors as oidcErrors } from 'openid-client';
import { ConnectorError } from '../shared/errors';
import {
  clip,
  headerLookup,
  isNetworkCode,
  retryAfterMs,
  systemCode,
  type HeaderLookup,
} from '../shared/http-answer';
export { describeZodError, malformed } from '../shared/payload-errors';
export { headerLookup, retryAfterMs, type HeaderLookup } from '../shared/http-answer';
import { xeroErrorBody, xeroNodeRejection } from './schemas';

export interface HttpAnswer {
  status: number;
  header: HeaderLookup;
  body: unknown;
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

function networkFailure(what: string, reason: string): ConnectorError {
  return new ConnectorError('unavailable', `${what}: no answer from Xero (${clip(reason)})`);
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
  // Read by shape, not `instanceof`: fetch rejects with errors of Node's own realm, which need not be
  // the caller's (a test runner's sandbox is another).
  const field = (name: string): unknown =>
    typeof err === 'object' && err !== null ? Reflect.get(err, name) : undefined;
  const name = field('name');
  if (name === 'TimeoutError' || name === 'AbortError') return networkFailure(what, 'timed out');
  const code = systemCode(err);
  if (isNetworkCode(code)) return networkFailure(what, code);
  if (name === 'TypeError' && field('message') === 'fetch failed')
    return networkFailure(what, code ?? 'fetch failed');
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
