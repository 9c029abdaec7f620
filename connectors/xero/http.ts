// The few calls xero-node cannot make for us (OpenID discovery, /connections) go through global fetch.
import { fromFetchFailure, type HttpAnswer } from './errors';

export interface TextAnswer extends HttpAnswer {
  body: string;
}

/** GETs a URL and reads the whole body as text; a failure to get any answer becomes `unavailable`. */
export async function getText(
  url: string,
  headers: Record<string, string>,
  timeoutMs: number,
  what: string,
): Promise<TextAnswer> {
  try {
    const response = await fetch(url, {
      headers: { Accept: 'application/json', ...headers },
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = await response.text();
    return { status: response.status, header: (name) => response.headers.get(name) ?? undefined, body };
  } catch (err) {
    throw fromFetchFailure(err, what);
  }
}

export function isSuccess(status: number): boolean {
  return status >= 200 && status <= 299;
}
