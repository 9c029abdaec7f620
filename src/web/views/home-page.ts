// The welcome page and the page every refusal shows.
import type { Platform } from '../../../connectors/types';
import { html } from './html';
import { layout } from './layout';
import { PLATFORM_NAME, platformChoices, platformNames } from './platforms';

export function homePage(options: { offered: Platform[]; sandboxes: Platform[] }): string {
  const books = options.offered.length > 0 ? platformNames(options.offered) : 'Xero or QuickBooks Online';
  return layout(
    'Welcome',
    html`<section class="card">
      <h1>Get paid without losing goodwill</h1>
      <p>
        Goodwill connects to your books in ${books}, reminds customers before and after invoices fall due —
        friendly first, firmer later, never threatening — logs every contact and notes it on the invoice in
        your books.
      </p>
      ${platformChoices({ offered: options.offered, sandboxes: options.sandboxes, signIn: true })}
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

/** A request to connect a platform this installation holds no credentials for. */
export function platformUnavailablePage(platform: Platform, offered: Platform[]): string {
  const instead = offered.length > 0 ? ` It connects to ${platformNames(offered)}.` : '';
  return errorPage(
    `${PLATFORM_NAME[platform]} is not available`,
    `${PLATFORM_NAME[platform]} is not available on this installation of Goodwill, so nothing was connected.${instead}`,
    404,
  );
}
