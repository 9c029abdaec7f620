// Outgoing email over SMTP. The Message-ID is chosen by the caller and deterministic, so a retried
// send can be recognised downstream as the same message.
import nodemailer from 'nodemailer';

export interface OutgoingEmail {
  messageId: string;
  from: string;
  replyTo?: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  send(email: OutgoingEmail): Promise<void>;
  /**
   * Whether the mail service already holds a message with this Message-ID: asked about a send that was
   * cut off before it was recorded. Only a service with a message lookup can answer; plain SMTP cannot,
   * and such a send is made again under the same Message-ID.
   */
  accepted?(messageId: string): Promise<boolean>;
  close(): void;
}

export function smtpMailer(smtpUrl: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(email) {
      await transport.sendMail({
        messageId: email.messageId,
        from: email.from,
        replyTo: email.replyTo,
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html,
      });
    },
    close: () => transport.close(),
  };
}
