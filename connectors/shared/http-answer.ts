// Reading an HTTP answer the same way for every platform: headers in any case, Retry-After in either
// form, and the system codes that mean no answer arrived at all.

export type HeaderLookup = (name: string) => string | undefined;

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

export function isNetworkCode(code: string | undefined): code is string {
  return code !== undefined && NETWORK_CODES.has(code);
}

/** One line, at most 200 characters: enough to name a problem, too short to carry a payload. */
export function clip(text: string): string {
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

export /** The system error code (ECONNRESET…) on an error or along its `cause` chain. */
function systemCode(err: unknown): string | undefined {
  let current = err;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    const code: unknown = Reflect.get(current, 'code');
    if (typeof code === 'string') return code;
    current = Reflect.get(current, 'cause');
  }
  return undefined;
}
