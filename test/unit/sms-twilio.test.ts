// The Twilio adapter against Twilio's own shapes: the form it posts, the answers it reads, and how each
// refusal becomes an error whose code says what to do with the text.
import nock from 'nock';
import { isSmsError, SmsError, smsRetryPolicy } from '../../src/sms/provider';
import { twilioProvider } from '../../src/sms/twilio';

const API = 'https://api.twilio.test';
const SID = 'AC0123456789abcdef0123456789abcdef';
const TOKEN = 'secret-token-never-shown';
const PATH = `/2010-04-01/Accounts/${SID}/Messages.json`;
const MESSAGE_SID = 'SM0123456789abcdef0123456789abcdef';
const auth = `Basic ${Buffer.from(`${SID}:${TOKEN}`).toString('base64')}`;

const SETTINGS = { apiUrl: API, accountSid: SID, authToken: TOKEN, from: '+6498001234' };
const twilio = twilioProvider(SETTINGS);
const text = { to: '+64215550101', body: 'Hi Ana, a reminder from Kiwi Print.', idempotencyKey: 'a-1' };

function created(overrides: Record<string, unknown> = {}) {
  return {
    sid: MESSAGE_SID,
    account_sid: SID,
    to: text.to,
    from: '+6498001234',
    body: text.body,
    status: 'queued',
    direction: 'outbound-api',
    date_created: 'Wed, 25 Nov 2026 10:00:00 +0000',
    date_sent: null,
    error_code: null,
    ...overrides,
  };
}

async function failure(run: () => Promise<unknown>): Promise<SmsError> {
  try {
    await run();
  } catch (err) {
    if (isSmsError(err)) return err;
    throw err;
  }
  throw new Error('expected the send to fail');
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

it('posts To, From and Body as a form with basic auth, and answers with the message SID', async () => {
  const scope = nock(API, { reqheaders: { authorization: auth } })
    .post(PATH, { To: text.to, From: '+6498001234', Body: text.body })
    .reply(201, created());
  await expect(twilio.send(text)).resolves.toBe(MESSAGE_SID);
  expect(scope.isDone()).toBe(true);
});

it('sends through a Messaging Service instead of a number when one is configured', async () => {
  const service = twilioProvider({
    apiUrl: API,
    accountSid: SID,
    authToken: TOKEN,
    messagingServiceSid: 'MG0123456789abcdef0123456789abcdef',
  });
  const scope = nock(API)
    .post(PATH, { To: text.to, Body: text.body, MessagingServiceSid: 'MG0123456789abcdef0123456789abcdef' })
    .reply(201, created());
  await expect(service.send(text)).resolves.toBe(MESSAGE_SID);
  expect(scope.isDone()).toBe(true);
});

it('turns an invalid number (21211) into a permanent refusal that skips the text', async () => {
  nock(API).post(PATH).reply(400, {
    code: 21211,
    message: "The 'To' number +64215550101 is not a valid phone number.",
    more_info: 'https://www.twilio.com/docs/errors/21211',
    status: 400,
  });
  const err = await failure(() => twilio.send(text));
  expect(err.code).toBe('invalid_number');
  expect(err.details).toMatchObject({ status: 400, providerCode: 21211 });
  expect(smsRetryPolicy[err.code]).toBe('skip');
  expect(err.message).not.toContain(TOKEN);
});

it('turns an unsubscribed recipient (21610) into a permanent refusal', async () => {
  nock(API)
    .post(PATH)
    .reply(400, { code: 21610, message: 'Attempt to send to unsubscribed recipient', status: 400 });
  const err = await failure(() => twilio.send(text));
  expect(err.code).toBe('unsubscribed');
  expect(smsRetryPolicy[err.code]).toBe('skip');
});

it('turns 429 into a wait for Retry-After, and 5xx into a retry; neither may have gone', async () => {
  nock(API)
    .post(PATH)
    .reply(429, { code: 20429, message: 'Too Many Requests', status: 429 }, { 'Retry-After': '7' });
  const limited = await failure(() => twilio.send(text));
  expect(limited.code).toBe('rate_limited');
  expect(limited.details).toMatchObject({ retryAfterMs: 7000 });
  expect(smsRetryPolicy[limited.code]).toBe('wait');
  expect(limited.details.mayHaveGone).toBeFalsy();

  nock(API).post(PATH).reply(503, 'Service Unavailable');
  const down = await failure(() => twilio.send(text));
  expect(down.code).toBe('unavailable');
  expect(smsRetryPolicy[down.code]).toBe('retry');
  expect(down.details.mayHaveGone).toBeFalsy();
});

it('treats bad credentials as a setup problem that stops the job, not as a bad number', async () => {
  nock(API).post(PATH).reply(401, { code: 20003, message: 'Authenticate', status: 401 });
  const err = await failure(() => twilio.send(text));
  expect(err.code).toBe('rejected');
  expect(smsRetryPolicy[err.code]).toBe('stop');
  expect(err.message).toBe('Twilio send: Authenticate (Twilio 20003)');
});

it('names what is wrong with a malformed success, and says the text may have gone', async () => {
  nock(API)
    .post(PATH)
    .reply(201, created({ sid: 'not-a-sid' }));
  const bad = await failure(() => twilio.send(text));
  expect(bad.code).toBe('malformed_response');
  expect(bad.message).toBe('Twilio send: sid: expected a message SID');
  expect(bad.details.mayHaveGone).toBe(true);

  nock(API).post(PATH).reply(201, '<html>gateway</html>');
  const html = await failure(() => twilio.send(text));
  expect(html.message).toBe('Twilio send: the answer is not JSON');
  expect(html.details.mayHaveGone).toBe(true);
});

describe('finding a text whose send was cut off', () => {
  const since = new Date('2026-11-25T09:59:00Z');
  const list = (messages: unknown[]) =>
    nock(API, { reqheaders: { authorization: auth } })
      .get(PATH)
      .query({ To: text.to, From: '+6498001234', PageSize: '20' })
      .reply(200, { messages, page: 0, page_size: 20, next_page_uri: null });

  it('finds the same words to the same number created since the claim', async () => {
    const scope = list([
      created({ sid: 'SM11111111111111111111111111111111', body: 'Another business entirely' }),
      created(),
    ]);
    await expect(twilio.find!(text, since)).resolves.toBe(MESSAGE_SID);
    expect(scope.isDone()).toBe(true);
  });

  it('finds nothing when the text is older than the claim, failed, or absent', async () => {
    list([
      created({ date_created: 'Tue, 24 Nov 2026 10:00:00 +0000' }),
      created({ sid: 'SM22222222222222222222222222222222', status: 'failed' }),
    ]);
    await expect(twilio.find!(text, since)).resolves.toBeNull();
    list([]);
    await expect(twilio.find!(text, since)).resolves.toBeNull();
  });
});

it('names a send that got no answer in time, and counts it as one that may have gone', async () => {
  const impatient = twilioProvider({ ...SETTINGS, timeoutMs: 50 });
  nock(API).post(PATH).delay(1_000).reply(201, created());
  const err = await failure(() => impatient.send(text));
  expect(err.code).toBe('unavailable');
  expect(err.message).toBe('Twilio send: no answer in time');
  expect(err.details.mayHaveGone).toBe(true);
});
