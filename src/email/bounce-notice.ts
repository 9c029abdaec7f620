// Reading a delivery status notification (RFC 3464): the report a mail server sends back when it
// could not deliver a message. Of each recipient's block, only a failure (Action: failed, a 5.x.x
// status) says the address does not work; a delay is the server still trying.
import { simpleParser } from 'mailparser';
import { z } from 'zod';

export class BounceNoticeError extends Error {
  readonly code = 'bounce_notice_invalid';
}

export interface FailedRecipient {
  address: string;
  status: string;
  diagnostic: string;
}

export interface BounceNotice {
  /** The Message-ID of the message that bounced, from the copy or headers the report returns. */
  originalMessageId: string | null;
  failed: FailedRecipient[];
}

const recipientFields = z.object({
  'final-recipient': z.string(),
  action: z.string(),
  status: z.string().regex(/^\d\.\d{1,3}\.\d{1,3}/, 'must be a status code such as 5.1.1'),
  'diagnostic-code': z.string().optional(),
});

/** "Name: value" fields, continuation lines folded in, one block per blank-line-separated group. */
function fieldBlocks(text: string): Record<string, string>[] {
  return text
    .replace(/\r\n/g, '\n')
    .replace(/\n[ \t]+/g, ' ')
    .split(/\n\s*\n/)
    .map((block) =>
      Object.fromEntries(
        block
          .split('\n')
          .map((line) => /^([A-Za-z-]+):\s*(.*)$/.exec(line.trim()))
          .filter((m): m is RegExpExecArray => m !== null)
          .map((m) => [m[1]!.toLowerCase(), m[2]!.trim()]),
      ),
    );
}

/** A typed field's value: "rfc822; jo@acme.example" -> "jo@acme.example", "smtp; 550 …" -> "550 …". */
function valueOf(field: string): string {
  return field
    .replace(/^[^;]*;\s*/, '')
    .replace(/^<|>$/g, '')
    .trim();
}

export async function parseBounceNotice(raw: Buffer | string): Promise<BounceNotice> {
  const mail = await simpleParser(raw, { keepDeliveryStatus: true });
  const type = mail.headers.get('content-type') as
    { value?: string; params?: Record<string, string> } | undefined;
  const report = mail.attachments.find((a) => a.contentType === 'message/delivery-status');
  if (type?.value !== 'multipart/report' || !report) {
    throw new BounceNoticeError(
      'This is not a delivery status notification (no message/delivery-status part)',
    );
  }
  const failed: FailedRecipient[] = [];
  for (const block of fieldBlocks(report.content.toString('utf8'))) {
    if (!block['final-recipient']) continue;
    const fields = recipientFields.safeParse(block);
    if (!fields.success) {
      throw new BounceNoticeError(
        `The report about ${block['final-recipient']} is malformed: ${fields.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
      );
    }
    const f = fields.data;
    if (f.action.toLowerCase() !== 'failed' || !f.status.startsWith('5')) continue;
    failed.push({
      address: valueOf(f['final-recipient']),
      status: f.status,
      diagnostic: f['diagnostic-code'] ? valueOf(f['diagnostic-code']) : '',
    });
  }
  const original = mail.attachments.find(
    (a) => a.contentType === 'message/rfc822' || a.contentType === 'text/rfc822-headers',
  );
  const messageId = original
    ? (/^message-id:\s*(<[^>]+>)/im.exec(original.content.toString('utf8'))?.[1] ?? null)
    : null;
  return { originalMessageId: messageId, failed };
}
