// Answers that read the same from either platform: the OAuth service's `{ error, error_description }`,
// and telling body-parser's complaint about an unreadable body from other failures.
import type { Response } from 'express';

export function sendOAuthError(res: Response, status: number, error: string, description?: string): void {
  res
    .status(status)
    .set('Cache-Control', 'no-store')
    .json(description ? { error, error_description: description } : { error });
}

/** body-parser's complaint about a body that is not the JSON or form it claims to be. */
export function isBodyParseError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'type' in err && err.type === 'entity.parse.failed';
}
