// The welcome page and the page every refusal shows.
import type { Platform } from '../../../connectors/types';
import { html } from './html';
import { layout } from './layout';
import { platformChoices } from './platforms';

export function homePage(options: { sandboxes: Platform[] }): string {
  return layout(
    'Welcome',
    html`<section class="card">
      <h1>Get paid without losing goodwill</h1>
      <p>
        Goodwill connects to your books in Xero or QuickBooks Online, reminds customers before and after
        invoices fall due — friendly first, firmer later, never threatening — logs every contact and notes it
        on the invoice in your books.
      </p>
      ${platformChoices({ sandboxes: options.sandboxes, signIn: true })}
    </section>`,
  );
}

export function errorPage(title: string, message: string, status: number): string {
  return layout(
    title,
    html`<section class="card error">
      <h1>${title}</h1>
      <p>${message}</p>
      <p><a href="/">Back to the start</a></p>
      <p class="muted">HTTP ${status}</p>
    </section>`,
  );
}
