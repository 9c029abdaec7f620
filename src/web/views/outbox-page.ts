// What the development mail and SMS sinks caught, newest first.
import type { CaughtEmail } from '../../email/sink';
import type { CaughtSms } from '../../sms/sink';
import { html } from './html';
import { layout } from './layout';

export function outboxPage(messages: CaughtEmail[] | null, texts: CaughtSms[] | null = null): string {
  return layout(
    'Outbox',
    html`<section class="card">
      <h1>Outbox</h1>
      ${
        messages === null
          ? html`<p class="muted">Email goes out through the configured SMTP server; it is not kept here.</p>`
          : messages.length === 0
            ? html`<p class="muted">
                No email has been sent yet. The development mail sink catches every message here instead of
                delivering it.
              </p>`
            : messages
                .slice()
                .reverse()
                .map(
                  (m) =>
                    html`<article>
                        <h3>${m.subject}</h3>
                        <p class="muted">
                          To ${m.to.join(', ')} · ${m.receivedAt.toISOString()} · ${m.messageId}
                        </p>
                        <pre style="white-space:pre-wrap">${m.text}</pre>
                      </article>
                      <hr />`,
                )
      }
      ${textsSection(texts)}
    </section>`,
    { signedIn: true },
  );
}

function textsSection(texts: CaughtSms[] | null) {
  if (texts === null) return '';
  const caught =
    texts.length === 0
      ? html`<p class="muted">
          No text has been sent yet. The development SMS sink catches every text here instead of delivering
          it.
        </p>`
      : texts
          .slice()
          .reverse()
          .map(
            (t) =>
              html`<article>
                  <p class="muted">To ${t.to} · ${t.receivedAt.toISOString()} · ${t.sid}</p>
                  <pre style="white-space:pre-wrap">${t.body}</pre>
                </article>
                <hr />`,
          );
  return html`<h2>Texts</h2>
    ${caught}`;
}
