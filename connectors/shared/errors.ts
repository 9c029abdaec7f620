// Every platform failure becomes one of these small classes with a stable code, so that retry policy
// can be declared once (see `retryPolicy`) instead of guessed at each call site.

export type ConnectorErrorCode =
  | 'auth_expired' // access token rejected: refresh and try again
  | 'reauth_required' // refresh token refused (invalid_grant) or connection revoked: a person must reconnect
  | 'rate_limited' // 429: wait for Retry-After
  | 'unavailable' // 5xx, timeout, connection reset: retry with backoff
  | 'malformed_payload' // the platform answered with something we cannot parse: stop this pass, keep what is stored
  | 'rejected' // 4xx the platform will keep refusing (validation, not found)
  | 'oauth_state_mismatch'; // a callback that does not belong to this session

export class ConnectorError extends Error {
  constructor(
    readonly code: ConnectorErrorCode,
    message: string,
    readonly details: { status?: number; retryAfterMs?: number; record?: string } = {},
  ) {
    super(message);
    this.name = 'ConnectorError';
  }
}

export type RetryDecision = 'retry' | 'wait' | 'refresh' | 'stop';

/** The one place that says what each failure means for the job that met it. */
export const retryPolicy: Record<ConnectorErrorCode, RetryDecision> = {
  auth_expired: 'refresh',
  reauth_required: 'stop',
  rate_limited: 'wait',
  unavailable: 'retry',
  malformed_payload: 'stop',
  rejected: 'stop',
  oauth_state_mismatch: 'stop',
};

/** Recognises a ConnectorError by shape too, so a second copy of this module (a bundle, a test's
 * isolated registry) cannot make a revoked connection look like an unknown failure. */
export function isConnectorError(err: unknown, code?: ConnectorErrorCode): err is ConnectorError {
  const shaped =
    err instanceof ConnectorError ||
    (err instanceof Error &&
      err.name === 'ConnectorError' &&
      typeof (err as { code?: unknown }).code === 'string');
  return shaped && (code === undefined || (err as ConnectorError).code === code);
}
