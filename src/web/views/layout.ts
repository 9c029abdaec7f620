// The page frame shared by every screen.
import { html, SafeHtml } from './html';

const STYLE = `
  :root { font-family: system-ui, sans-serif; color: #1f2933; background: #f7f8fa; }
  body { margin: 0; }
  header { background: #14532d; color: white; padding: 0.8rem 2rem; display: flex; justify-content: space-between; align-items: center; }
  header a { color: white; }
  main { max-width: 72rem; margin: 1.5rem auto; padding: 0 1.5rem; }
  section.card { background: white; border-radius: 8px; padding: 1rem 1.5rem; margin-bottom: 1.5rem; box-shadow: 0 1px 2px rgba(0,0,0,.08); }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 0.45rem 0.5rem; border-bottom: 1px solid #e4e7eb; vertical-align: top; }
  td a { white-space: nowrap; }
  td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
  .muted { color: #6b7280; font-size: 0.9em; }
  .status { display: inline-block; padding: 0.1rem 0.5rem; border-radius: 999px; font-size: 0.85em; background: #e5f6ea; }
  .status.needs_reauth, .status.disconnected { background: #fde8e8; }
  .overdue { color: #b91c1c; }
  .button, button { background: #15803d; color: white; border: 0; border-radius: 6px; padding: 0.55rem 1rem; font-size: 1rem; cursor: pointer; text-decoration: none; display: inline-block; }
  button.secondary { background: #6b7280; }
  .platforms { display: flex; flex-wrap: wrap; gap: 1rem; }
  .platform { flex: 1 1 16rem; border: 1px solid #e4e7eb; border-radius: 8px; padding: 0 1rem; }
  .error { background: #fde8e8; border-left: 4px solid #b91c1c; padding: 0.8rem 1rem; }
`;

export function layout(
  title: string,
  body: SafeHtml,
  options: { signedIn?: boolean; refreshSeconds?: number } = {},
): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        ${options.refreshSeconds ? html`<meta http-equiv="refresh" content="${options.refreshSeconds}" />` : ''}
        <title>${title} · Goodwill</title>
        <style>
          ${new SafeHtml(STYLE)}
        </style>
      </head>
      <body>
        <header>
          <strong><a href="/">Goodwill</a></strong
          >${
            options.signedIn
              ? html`<nav>
                  <a href="/settings">Settings</a> · <a href="/approvals">Approvals</a> ·
                  <a href="/outbox">Outbox</a>
                </nav>`
              : ''
          }
        </header>
        <main>${body}</main>
      </body>
    </html>`.toString();
}
