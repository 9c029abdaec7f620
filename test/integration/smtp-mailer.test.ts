// The mailer against a real SMTP server (the development sink): the idempotency key a relay such as
// Resend deduplicates on travels with every message when configured, and never otherwise.
import { parseEnv } from '../../config/env';
import { idempotencyKeyOf, smtpMailer } from '../../src/email/mailer';
import { startSmtpSink, type SmtpSink } from '../../src/email/sink';

let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink.close();
});

const email = (messageId: string) => ({
  messageId,
  from: 'accounts@harbourside.example',
  to: ['mere@kauri.example'],
  subject: 'Invoice INV-0042',
  text: 'A friendly reminder.',
  html: '<p>A friendly reminder.</p>',
});

it('puts the message’s idempotency key in the relay’s header', async () => {
  const mailer = smtpMailer(sink.url, { idempotencyHeader: 'Resend-Idempotency-Key' });
  await mailer.send(email('<action-7f3a.reminder-1@goodwill.example>'));
  mailer.close();
  const caught = sink.messages().find((m) => m.messageId === '<action-7f3a.reminder-1@goodwill.example>');
  expect(caught?.headers['resend-idempotency-key']).toBe('action-7f3a.reminder-1@goodwill.example');
});

it('sends no such header when the relay takes none', async () => {
  const mailer = smtpMailer(sink.url);
  await mailer.send(email('<action-9b1c.reminder-2@goodwill.example>'));
  mailer.close();
  const caught = sink.messages().find((m) => m.messageId === '<action-9b1c.reminder-2@goodwill.example>');
  expect(caught).toBeDefined();
  expect(Object.keys(caught!.headers).filter((h) => h.includes('idempotency'))).toEqual([]);
});

it('keeps keys within the 256 characters relays accept', () => {
  expect(idempotencyKeyOf(`<${'a'.repeat(300)}@x>`)).toHaveLength(256);
});

it('refuses a header name that is not one', () => {
  expect(() => parseEnv({ NODE_ENV: 'test', SMTP_IDEMPOTENCY_HEADER: 'Resend Idempotency: Key' })).toThrow(
    /SMTP_IDEMPOTENCY_HEADER.*expected a header name/,
  );
});
