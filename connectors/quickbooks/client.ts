// node-quickbooks, pointed at the configured API and made safe to share across companies.
//
// A QuickBooks object holds one company's access token, so each call gets its own, built here. Its
// endpoint is an instance field, computed from a module-wide default at construction; it is overwritten
// per instance with the configured API, so the module defaults (which other code may rely on) are never
// touched. The library sets no timeout, so each call is raced against one of ours.
//
// node-quickbooks reports its results in three shapes: (err, body, response) for plain calls, a Fault
// with HTTP 200 as `err`, and for queries only the error or the body. Each is turned into one answer:
// status, headers and body, which errors.ts reads the same way whatever the call was.
import QuickBooks from 'node-quickbooks';
import { ConnectorError } from '../shared/errors';
import { clip, headerLookup, isNetworkCode, systemCode } from '../shared/http-answer';
import type { ApiContext } from '../types';
import type { QboAnswer } from './errors';
import { QBO_MINOR_VERSION, withoutTrailingSlash } from './provider';

export type QboCallback = (err: unknown, body?: unknown, response?: unknown) => void;
/** One node-quickbooks call, given the company's client and the callback it reports to. */
export type QboSend = (qbo: QuickBooks, callback: QboCallback) => void;

export interface QboClientOptions {
  apiUrl: string;
  clientId: string;
  clientSecret: string;
  timeoutMs: number;
}

interface AxiosLike {
  status?: unknown;
  headers?: unknown;
  data?: unknown;
}

function axiosResponse(value: unknown): AxiosLike | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const status: unknown = Reflect.get(value, 'status');
  return typeof status === 'number' ? (value as AxiosLike) : undefined;
}

function answerOf(response: AxiosLike, body: unknown): QboAnswer {
  return { status: Number(response.status), header: headerLookup(response.headers), body };
}

/** Settles node-quickbooks's callback into an answer, or rejects when no answer arrived at all. */
function settle(err: unknown, body: unknown, response: unknown, what: string): QboAnswer {
  const res = axiosResponse(response);
  if (res) return answerOf(res, res.data ?? body);
  if (err === null || err === undefined) return { status: 200, header: headerLookup({}), body };
  // An axios error that carries the HTTP answer (queries report nothing else).
  const carried = axiosResponse(typeof err === 'object' ? Reflect.get(err, 'response') : undefined);
  if (carried) return answerOf(carried, carried.data);
  // A query's Fault with HTTP 200 arrives as the body itself.
  if (typeof err === 'object' && !(err instanceof Error))
    return { status: 200, header: headerLookup({}), body: err };
  const code = systemCode(err);
  if (isNetworkCode(code))
    throw new ConnectorError('unavailable', `${what}: no answer from QuickBooks (${code})`);
  // node-quickbooks unwraps a query answer before we see it; text where JSON was expected breaks it.
  if (err instanceof TypeError) {
    throw new ConnectorError(
      'malformed_payload',
      `${what}: QuickBooks answered with something other than JSON`,
    );
  }
  throw err instanceof Error ? err : new Error(`${what}: unexpected failure`);
}

export type QboCaller = (ctx: ApiContext, what: string, send: QboSend) => Promise<QboAnswer>;

export function qboCaller(options: QboClientOptions): QboCaller {
  const endpoint = `${withoutTrailingSlash(options.apiUrl)}/v3/company/`;
  return (ctx, what, send) => {
    const qbo = new QuickBooks(
      options.clientId,
      options.clientSecret,
      ctx.accessToken,
      false, // no OAuth 1.0a token secret
      ctx.tenantId,
      false,
      false,
      QBO_MINOR_VERSION,
      '2.0',
    );
    qbo.endpoint = endpoint;
    return new Promise<QboAnswer>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new ConnectorError('unavailable', `${what}: no answer from QuickBooks (timed out)`)),
        options.timeoutMs,
      );
      timer.unref();
      try {
        send(qbo, (err, body, response) => {
          clearTimeout(timer);
          try {
            resolve(settle(err, body, response, what));
          } catch (failure) {
            reject(failure instanceof Error ? failure : new Error(clip(String(failure))));
          }
        });
      } catch (err) {
        clearTimeout(timer);
        reject(err instanceof Error ? err : new Error(`${what}: unexpected failure`));
      }
    });
  };
}
