// The pages behind Intuit's app addresses: what a person sees after disconnecting Goodwill inside
// QuickBooks.
import type { PlatformDisconnectOutcome } from '../../services/platform-disconnect';
import { html } from './html';
import { layout } from './layout';

const reconnect = html`<p><a class="button" href="/quickbooks/reconnect">Reconnect QuickBooks</a></p>`;

/** Company names are shown only to a signed-in person of the account that connected them. */
export function quickBooksDisconnectPage(outcome: PlatformDisconnectOutcome, names: string[]): string {
  const which = names.length > 0 ? names.join(', ') : 'your QuickBooks company';
  switch (outcome.status) {
    case 'unknown':
      return layout(
        'Company not connected',
        html`<section class="card error">
          <h1>No such company is connected to Goodwill</h1>
          <p>
            Goodwill holds no connection to the QuickBooks company named in this address, so there is nothing
            to disconnect. Nothing was changed.
          </p>
          <p><a href="/">Back to the start</a></p>
        </section>`,
      );
    case 'disconnected':
      return layout(
        'QuickBooks disconnected',
        html`<section class="card">
          <h1>Goodwill is disconnected from ${which}</h1>
          <p>
            You disconnected Goodwill inside QuickBooks. Goodwill has stopped: no reminders will be sent and
            nothing more is read from or written to your books. Your customers' history is kept, so everything
            carries on where it stopped if you reconnect.
          </p>
          ${reconnect}
        </section>`,
      );
    case 'still_connected':
      return layout(
        'Still connected',
        html`<section class="card">
          <h1>${which} is still connected</h1>
          <p>
            QuickBooks still lets Goodwill in to this company, so nothing was changed. To stop Goodwill,
            disconnect it inside QuickBooks or from the settings page.
          </p>
          <p><a href="/settings">Settings</a></p>
        </section>`,
      );
    case 'unconfirmed':
      return layout(
        'Disconnect not yet confirmed',
        html`<section class="card">
          <h1>Goodwill could not check with QuickBooks just now</h1>
          <p>
            If you disconnected Goodwill inside QuickBooks, Goodwill stops for ${which} the next time it reads
            your books and QuickBooks refuses it. Nothing was changed here.
          </p>
          ${reconnect}
        </section>`,
      );
  }
}
