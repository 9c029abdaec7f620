// Twilio's Programmable Messaging API (2010-04-01), over fetch: POST a form to Messages.json with basic
// auth, and read the answer with zod. Twilio takes no idempotency key, so a send cut off before it was
// recorded is looked for among the latest messages to the same number (`find`): same words, created
// since the claim.
import { z } from 'zod';
import { SmsError, type OutgoingSms, type SmsProvider } from './provider';

export interface TwilioSettings {
  /** `https://api.twilio.com`, or a local stand-in (sink.ts). */
  apiUrl: string;
  accountSid: string;
  authToken: string;
  /** The sending number (E.164) or alphanumeric sender id; or else a Messaging Service. */
  from?: string;
  messagingServiceSid?: string;
  /** A request that has not answered by then is given up (and may still have gone). */
  timeoutMs?: number;
}

const message = z.object({
  sid: z.string().regex(/^[SM]M[0-9a-fA-F]{32}$/, 'expected a message SID'),
  to: z.string(),
  body: z.string().nullish(),
  status: z.string(),
  direction: z.string().nullish(),
  date_created: z.string().nullish(),
});
const messageList = z.object({ messages: z.array(message) });
const errorBody = z.object({ code: z.number().int(), message: z.string() });

/** How far Twilio's clock may be behind ours when comparing a message's creation with a claim. */
const CLOCK_SLACK_MS = 5 * 60_000;
/** A customer gets a text a day at most: the latest page of messages to them holds any cut-off send. */
const LOOKBACK_PAGE_SIZE = 20;
/** Trial accounts put this before every body. */
const TRIAL_PREFIX = 'Sent from your Twilio trial account - ';

// Codes for numbers that will never take a text; other 4xx codes are about our own setup.
const INVALID_NUMBER = new Set([21211, 21214, 21265, 21407, 21408, 21612, 21614]);
const UNSUBSCRIBED = 21610;

export function twilioProvider(settings: TwilioSettings): SmsProvider {
  if (!settings.from && !settings.messagingServiceSid)
    throw new Error('Twilio needs a sending number or a Messaging Service');
  const base = `${settings.apiUrl.replace(/\/$/, '')}/2010-04-01/Accounts/${encodeURIComponent(settings.accountSid)}`;
  const auth = `Basic ${Buffer.from(`${settings.accountSid}:${settings.authToken}`).toString('base64')}`;

  async function call(what: string, url: string, init: RequestInit = {}): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(url, {
        ...init,
        headers: { ...init.headers, authorization: auth, accept: 'application/json' },
        signal: AbortSignal.timeout(settings.timeoutMs ?? 15_000),
      });
    } catch (err) {
      throw unreachable(what, err, init.method === 'POST');
    }
    const text = await response.text();
    if (!response.ok) throw refusal(what, response, text);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new SmsError('malformed_response', `Twilio ${what}: the answer is not JSON`, {
        status: response.status,
        mayHaveGone: init.method === 'POST',
      });
    }
  }

  return {
    name: 'Twilio',
    async send(sms: OutgoingSms): Promise<string> {
      const form = new URLSearchParams({ To: sms.to, Body: sms.body });
      if (settings.messagingServiceSid) form.set('MessagingServiceSid', settings.messagingServiceSid);
      else if (settings.from) form.set('From', settings.from);
      const body = await call('send', `${base}/Messages.json`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      });
      return parsed(message, body, 'send', true).sid;
    },
    async find(sms: OutgoingSms, since: Date): Promise<string | null> {
      const query = new URLSearchParams({ To: sms.to, PageSize: String(LOOKBACK_PAGE_SIZE) });
      if (!settings.messagingServiceSid && settings.from) query.set('From', settings.from);
      const body = await call('lookup', `${base}/Messages.json?${query.toString()}`);
      const earliest = since.getTime() - CLOCK_SLACK_MS;
      const found = parsed(messageList, body, 'lookup', false).messages.find(
        (m) =>
          m.to === sms.to &&
          !m.direction?.startsWith('inbound') &&
          (m.body === sms.body || m.body === `${TRIAL_PREFIX}${sms.body}`) &&
          !['failed', 'canceled'].includes(m.status) &&
          Date.parse(m.date_created ?? '') >= earliest,
      );
      return found?.sid ?? null;
    },
  };
}

function parsed<T>(schema: z.ZodType<T>, body: unknown, what: string, mayHaveGone: boolean): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  throw new SmsError('malformed_response', `Twilio ${what}: ${where}${issue?.message ?? 'unreadable'}`, {
    mayHaveGone,
  });
}

function unreachable(what: string, err: unknown, posted: boolean): SmsError {
  const cause = (err as { cause?: { code?: unknown } }).cause?.code;
  // A refused or unresolved connection sent nothing; a timeout or a reset may have lost the answer.
  const neverArrived = cause === 'ECONNREFUSED' || cause === 'ENOTFOUND' || cause === 'EAI_AGAIN';
  // By name, not `instanceof`: fetch's errors belong to Node's own realm (see connectors/xero/errors.ts).
  const timedOut = typeof err === 'object' && err !== null && Reflect.get(err, 'name') === 'TimeoutError';
  const reason = timedOut ? 'no answer in time' : String(cause ?? err);
  return new SmsError('unavailable', `Twilio ${what}: ${reason}`, { mayHaveGone: posted && !neverArrived });
}

function refusal(what: string, response: Response, text: string): SmsError {
  const status = response.status;
  let detail: z.infer<typeof errorBody> | null = null;
  try {
    const result = errorBody.safeParse(JSON.parse(text));
    detail = result.success ? result.data : null;
  } catch {
    detail = null;
  }
  const said = detail ? `${detail.message} (Twilio ${detail.code})` : `HTTP ${status}`;
  const details = { status, ...(detail ? { providerCode: detail.code } : {}) };
  if (status === 429) {
    const seconds = Number(response.headers.get('retry-after'));
    return new SmsError('rate_limited', `Twilio ${what}: too many requests`, {
      ...details,
      ...(Number.isFinite(seconds) && seconds > 0 ? { retryAfterMs: seconds * 1000 } : {}),
    });
  }
  if (status >= 500) return new SmsError('unavailable', `Twilio ${what}: ${said}`, details);
  if (detail && INVALID_NUMBER.has(detail.code))
    return new SmsError('invalid_number', `Twilio ${what}: ${said}`, details);
  if (detail?.code === UNSUBSCRIBED) return new SmsError('unsubscribed', `Twilio ${what}: ${said}`, details);
  return new SmsError('rejected', `Twilio ${what}: ${said}`, details);
}
