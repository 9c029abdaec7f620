// Outgoing email over SMTP. The Message-ID is chosen by the caller and deterministic, so a retried
// send can be recognised downstream as the same message. A permanent refusal (a 5xx reply) is told
// apart from a temporary one (4xx, or no answer): the first means an address does not work and goes
// on the suppression list; the second is retried.
import nodemailer from 'nodemailer';

export interface OutgoingEmail {
  messageId: string;
  from: string;
  replyTo?: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
}

/** A recipient the mail server refused for good, with its reply. */
export interface Rejection {
  address: string;
  response: string;
}

export interface SendReceipt {
  /** Recipients refused for good while the others took the message. */
  rejected: Rejection[];
}

/** The server refused the message for good: for every recipient, or at DATA for the message as a whole. */
export class PermanentRejection extends Error {
  readonly code = 'smtp_permanent_rejection';
  constructor(readonly rejections: Rejection[]) {
    super(`The mail server refused the message: ${rejections.map((r) => r.response).join('; ')}`);
  }
}

export interface Mailer {
  send(email: OutgoingEmail): Promise<SendReceipt>;
  /**
   * Whether the mail service already holds a message with this Message-ID: asked about a send that was
   * cut off before it was recorded. Only a service with a message lookup can answer; plain SMTP cannot,
   * and such a send is made again under the same Message-ID.
   */
  accepted?(messageId: string): Promise<boolean>;
  close(): void;
}

interface SmtpFailure {
  responseCode?: number;
  response?: string;
  recipient?: string;
  command?: string;
  rejectedErrors?: SmtpFailure[];
}

const permanent = (f: SmtpFailure) => (f.responseCode ?? 0) >= 500 && (f.responseCode ?? 0) < 600;

function rejectionsOf(failures: readonly SmtpFailure[] | undefined): Rejection[] {
  return (failures ?? [])
    .filter((f) => permanent(f) && f.recipient)
    .map((f) => ({ address: f.recipient!, response: f.response ?? '' }));
}

export interface SmtpMailerOptions {
  /**
   * The header in which the mail relay takes an idempotency key (Resend's relay:
   * `Resend-Idempotency-Key`). With one, a send repeated after a worker died between the relay's
   * acceptance and our record is dropped by the relay; without one, plain SMTP delivers it again under
   * the same Message-ID.
   */
  idempotencyHeader?: string;
}

export function smtpMailer(smtpUrl: string, options: SmtpMailerOptions = {}): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  const { idempotencyHeader } = options;
  return {
    async send(email) {
      let info: { rejectedErrors?: SmtpFailure[] };
      try {
        info = (await transport.sendMail({
          messageId: email.messageId,
          from: email.from,
          replyTo: email.replyTo,
          to: email.to,
          subject: email.subject,
          text: email.text,
          html: email.html,
          headers: {
            ...email.headers,
            ...(idempotencyHeader ? { [idempotencyHeader]: idempotencyKeyOf(email.messageId) } : {}),
          },
        })) as { rejectedErrors?: SmtpFailure[] };
      } catch (err) {
        throw refusal(err as SmtpFailure, email.to) ?? err;
      }
      return { rejected: rejectionsOf(info.rejectedErrors) };
    },
    close: () => transport.close(),
  };
}

/** A PermanentRejection when the failure was one; null for anything worth retrying. */
function refusal(err: SmtpFailure, to: string[]): PermanentRejection | null {
  if (err.command === 'DATA' && permanent(err)) {
    return new PermanentRejection(to.map((address) => ({ address, response: err.response ?? '' })));
  }
  // Every recipient refused: permanent only if each refusal was (one deferred address is retried).
  const all = err.rejectedErrors ?? [];
  if (all.length > 0 && all.every(permanent)) return new PermanentRejection(rejectionsOf(all));
  return null;
}

/** The Message-ID without its angle brackets: stable for one message, and within relays' 256 characters. */
export function idempotencyKeyOf(messageId: string): string {
  return messageId.replace(/^<|>$/g, '').slice(0, 256);
}
