// How each accounting platform is named on the pages, and where its notes land in its books. The
// platforms this installation can connect are offered side by side wherever a person chooses one.
import type { Platform } from '../../../connectors/types';
import { html } from './html';

export const PLATFORM_NAME: Record<Platform, string> = {
  xero: 'Xero',
  quickbooks: 'QuickBooks Online',
};

/** Where a contact's note ends up, in the platform's own words. */
const NOTE_PLACE: Record<Platform, { posted: string; waiting: string }> = {
  xero: {
    posted: "Note posted to the invoice's History & Notes in Xero",
    waiting: "Note for the invoice's History & Notes in Xero",
  },
  quickbooks: {
    posted: 'Note attached to the invoice in QuickBooks',
    waiting: 'Note to attach to the invoice in QuickBooks',
  },
};

export function noteLabel(platform: Platform, status: string): string {
  const place = NOTE_PLACE[platform];
  return status === 'posted' ? place.posted : `${place.waiting} (${status})`;
}

const CHOICES: { platform: Platform; connect: string; signIn: string; signInHref: string }[] = [
  { platform: 'xero', connect: 'Connect Xero', signIn: 'Sign in with Xero', signInHref: '/connect/xero' },
  {
    platform: 'quickbooks',
    connect: 'Connect QuickBooks',
    signIn: 'Sign in with Intuit',
    signInHref: '/quickbooks/launch',
  },
];

/** The platforms as a person would say them: "Xero or QuickBooks Online". */
export function platformNames(platforms: Platform[]): string {
  return platforms.map((platform) => PLATFORM_NAME[platform]).join(' or ');
}

/** The offered platforms, side by side; a note under each one served by the local sandbox. */
export function platformChoices(options: { offered: Platform[]; sandboxes: Platform[]; signIn: boolean }) {
  if (options.offered.length === 0) {
    return html`<p class="muted">
      This installation of Goodwill is not set up to connect to any accounting platform yet.
    </p>`;
  }
  return html`<div class="platforms">
    ${CHOICES.filter((c) => options.offered.includes(c.platform)).map(
      (c) =>
        html`<div class="platform" data-platform="${c.platform}">
          <h3>${PLATFORM_NAME[c.platform]}</h3>
          <p><a class="button" href="/connect/${c.platform}">${c.connect}</a></p>
          ${options.signIn ? html`<p><a href="${c.signInHref}">${c.signIn}</a></p>` : ''}
          ${
            options.sandboxes.includes(c.platform)
              ? html`<p class="muted">
                  No ${PLATFORM_NAME[c.platform]} app is configured, so this connects the built-in sandbox
                  ${c.platform === 'xero' ? 'organisation' : 'company'}.
                </p>`
              : ''
          }
        </div>`,
    )}
  </div>`;
}
