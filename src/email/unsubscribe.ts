// The unsubscribe link every email carries. Its token names the connection and the addresses the
// message went to, signed with a secret only we hold, so nobody can opt out an address by guessing a
// URL; no state is kept per message. RFC 8058's headers let a mail client unsubscribe in one click.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

const payload = z.object({
  c: z.uuid(),
  a: z.array(z.email()).min(1).max(50),
});

export interface UnsubscribeSubject {
  connectionId: string;
  addresses: string[];
}

function signature(secret: string, body: string): Buffer {
  return createHmac('sha256', secret).update(`unsubscribe:${body}`).digest();
}

export function unsubscribeToken(secret: string, subject: UnsubscribeSubject): string {
  const body = Buffer.from(
    JSON.stringify({ c: subject.connectionId, a: subject.addresses.map((a) => a.trim().toLowerCase()) }),
  ).toString('base64url');
  return `${body}.${signature(secret, body).toString('base64url')}`;
}

/** What a token names, or null for anything we did not sign (forged, cut short, garbled). */
export function readUnsubscribeToken(secret: string, token: string): UnsubscribeSubject | null {
  const [body, sig, ...rest] = token.split('.');
  if (!body || !sig || rest.length > 0) return null;
  const given = Buffer.from(sig, 'base64url');
  const expected = signature(secret, body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const parsed = payload.safeParse(json);
  return parsed.success ? { connectionId: parsed.data.c, addresses: parsed.data.a } : null;
}

/** The link at the foot of the email, and the headers a mail client offers as its own button. */
export function withUnsubscribe<T extends { text: string; html: string }>(
  email: T,
  url: string,
): T & { headers: Record<string, string> } {
  const line = 'No longer want these emails?';
  const footer = `<p style="font-size: 12px; color: #666;">${line} <a href="${url}">Unsubscribe</a>.</p>\n`;
  const html = email.html.includes('</body>')
    ? email.html.replace('</body>', `${footer}</body>`)
    : `${email.html}\n${footer}`;
  return {
    ...email,
    text: `${email.text.trimEnd()}\n\n--\n${line} Unsubscribe: ${url}\n`,
    html,
    headers: {
      'List-Unsubscribe': `<${url}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}
