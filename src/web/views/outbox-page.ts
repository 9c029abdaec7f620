// What the development mail sink caught, newest first.
import type { CaughtEmail } from '../../email/sink';
import { html } from './html';
import { layout } from './layout';

export function outboxPage(messages: CaughtEmail[] | null): string {
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
    </section>`,
    { signedIn: true },
  );
}
