// What a customer sees after following the unsubscribe link in an email: a button to confirm (a link
// that unsubscribes on a mere visit would be set off by mail scanners), then a plain confirmation.
import { html } from './html';
import { layout } from './layout';

export function unsubscribeConfirmPage(business: string, addresses: string[], action: string): string {
  return layout(
    'Unsubscribe',
    html`<section class="card">
      <h1>Stop emails from ${business}?</h1>
      <p>
        ${addresses.join(', ')} will no longer receive payment reminders from ${business} through Goodwill.
      </p>
      <form method="post" action="${action}"><button>Unsubscribe</button></form>
    </section>`,
  );
}

export function unsubscribedPage(business: string, addresses: string[]): string {
  return layout(
    'Unsubscribed',
    html`<section class="card">
      <h1>You are unsubscribed</h1>
      <p>${addresses.join(', ')} will receive no more emails from ${business} through Goodwill.</p>
      <p class="muted">
        If an invoice is still open, ${business} may get in touch another way. To hear from them by email
        again, just write to them.
      </p>
    </section>`,
  );
}
