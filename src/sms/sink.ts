// The development SMS service: Twilio's Messages API on a local port, keeping every text in memory so
// the outbox page and the tests can see exactly what a customer would have received. It answers as
// Twilio does, refusals included: a number that is not E.164 (21211) and a number that replied STOP
// (21610, see `optOut`).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Request, type Response } from 'express';

export interface CaughtSms {
  sid: string;
  to: string;
  from: string;
  body: string;
  receivedAt: Date;
}

export interface SmsSink {
  /** TWILIO_API_URL. */
  url: string;
  accountSid: string;
  authToken: string;
  from: string;
  messages(): CaughtSms[];
  /** The number replies STOP: texts to it are refused from now on. */
  optOut(number: string): void;
  close(): Promise<void>;
}

const E164 = /^\+[1-9]\d{6,14}$/;

function twilioError(res: Response, status: number, code: number, message: string) {
  res.status(status).json({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
}

function rfc2822(date: Date): string {
  return date.toUTCString().replace('GMT', '+0000');
}

export async function startSmsSink(
  options: { port?: number; host?: string; now?: () => Date } = {},
): Promise<SmsSink> {
  const now = options.now ?? (() => new Date());
  const accountSid = `AC${randomBytes(16).toString('hex')}`;
  const authToken = randomBytes(16).toString('hex');
  const from = '+15005550006';
  const caught: CaughtSms[] = [];
  const optedOut = new Set<string>();
  const expected = Buffer.from(`Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`);

  const resource = (m: CaughtSms) => ({
    sid: m.sid,
    account_sid: accountSid,
    to: m.to,
    from: m.from,
    body: m.body,
    status: 'delivered',
    direction: 'outbound-api',
    num_segments: String(Math.ceil(m.body.length / 153) || 1),
    date_created: rfc2822(m.receivedAt),
    date_updated: rfc2822(m.receivedAt),
    date_sent: rfc2822(m.receivedAt),
    error_code: null,
    error_message: null,
    api_version: '2010-04-01',
    uri: `/2010-04-01/Accounts/${accountSid}/Messages/${m.sid}.json`,
  });

  const app = express();
  app.use(express.urlencoded({ extended: false }));
  const messages = `/2010-04-01/Accounts/:account/Messages`;
  app.use((req: Request, res: Response, next) => {
    const given = Buffer.from(req.headers.authorization ?? '');
    const ok = given.length === expected.length && timingSafeEqual(given, expected);
    if (ok && req.path.startsWith(`/2010-04-01/Accounts/${accountSid}/`)) return next();
    twilioError(res, 401, 20003, 'Authenticate');
  });
  app.post(`${messages}.json`, (req: Request, res: Response) => {
    const form = req.body as Record<string, string | undefined>;
    const to = form.To?.trim() ?? '';
    const sender = form.From ?? (form.MessagingServiceSid ? from : undefined);
    if (!sender) return twilioError(res, 400, 21603, "A 'From' phone number is required.");
    if (!form.Body) return twilioError(res, 400, 21602, 'Message body is required.');
    if (!E164.test(to))
      return twilioError(res, 400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    if (optedOut.has(to)) return twilioError(res, 400, 21610, 'Attempt to send to unsubscribed recipient');
    const sms: CaughtSms = {
      sid: `SM${randomBytes(16).toString('hex')}`,
      to,
      from: sender,
      body: form.Body,
      receivedAt: now(),
    };
    caught.push(sms);
    res.status(201).json({ ...resource(sms), status: 'queued', date_sent: null });
  });
  app.get(`${messages}.json`, (req: Request, res: Response) => {
    const { To, From, PageSize } = req.query as Record<string, string | undefined>;
    const size = Math.min(1000, Number(PageSize) || 50);
    const list = caught
      .filter((m) => (!To || m.to === To) && (!From || m.from === From))
      .reverse()
      .slice(0, size);
    res.json({ messages: list.map(resource), page: 0, page_size: size, next_page_uri: null });
  });
  app.get(`${messages}/:sid.json`, (req: Request, res: Response) => {
    const found = caught.find((m) => m.sid === req.params.sid);
    if (!found) return twilioError(res, 404, 20404, 'The requested resource was not found');
    res.json(resource(found));
  });

  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address}:${port}`,
    accountSid,
    authToken,
    from,
    messages: () => [...caught],
    optOut: (number) => void optedOut.add(number),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
