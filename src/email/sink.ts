// The development mail server: accepts every message on a local port and keeps it in memory, so the
// outbox page and the tests can see exactly what a customer would have received. It can be told to
// refuse an address, as a real mail server refuses a mailbox that does not exist.
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtEmail {
  messageId: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Header lines by lower-case name (the last one when a name repeats). */
  headers: Record<string, string>;
  receivedAt: Date;
}

export interface SmtpSink {
  url: string;
  messages(): CaughtEmail[];
  /** From now on, answers RCPT TO for this address with `reply` (550: no such mailbox; 4xx: try later). */
  refuse(address: string, reply?: { code: number; message: string }): void;
  close(): Promise<void>;
}

function addresses(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.flatMap((entry: { value?: { address?: string }[] }) =>
    (entry.value ?? []).map((a) => a.address ?? '').filter(Boolean),
  );
}

export async function startSmtpSink(port = 0, host = '127.0.0.1'): Promise<SmtpSink> {
  const caught: CaughtEmail[] = [];
  const refused = new Map<string, { code: number; message: string }>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const reply = refused.get(address.address.toLowerCase());
      if (!reply) return callback();
      callback(Object.assign(new Error(reply.message), { responseCode: reply.code }));
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          caught.push({
            messageId: mail.messageId ?? '',
            from: mail.from?.value[0]?.address ?? '',
            to: addresses(mail.to),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            html: typeof mail.html === 'string' ? mail.html : '',
            headers: Object.fromEntries(
              mail.headerLines.map((h) => [h.key, h.line.slice(h.line.indexOf(':') + 1).trim()]),
            ),
            receivedAt: new Date(),
          });
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  // A client that goes away in the middle of a message (a worker killed while sending) ends its own
  // connection, not the server: unheard, the error would be thrown in whatever process runs the sink.
  server.on('error', () => undefined);
  const address = server.server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `smtp://${host}:${boundPort}`,
    messages: () => [...caught],
    refuse: (address, reply = { code: 550, message: '5.1.1 No such mailbox here' }) => {
      refused.set(address.toLowerCase(), reply);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
