// The welcome page and the page every refusal shows.
import { html } from './html';
import { layout } from './layout';

export function homePage(options: { sandbox: boolean }): string {
  return layout(
    'Welcome',
    html`<section class="card">
      <h1>Get paid without losing goodwill</h1>
      <p>
        Goodwill connects to your accounting, reminds customers before and after invoices fall due — friendly
        first, firmer later, never threatening — logs every contact and notes it on the invoice in your books.
      </p>
      <p><a class="button" href="/connect/xero">Connect Xero</a></p>
      ${options.sandbox ? html`<p class="muted">No Xero app is configured, so this connects the built-in sandbox organisation.</p>` : ''}
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
