// The benchmark's side of each platform: the app's configuration for its sandbox, which of the
// sandbox's counted calls are API calls, and the fewest calls a first sync of its records can make.
import type { Platform } from '../../connectors/types';

export interface BenchPlatform {
  /** Variables for parseEnv that point the app at the sandbox (from the sandbox process's details). */
  env(details: Record<string, string>): Record<string, string>;
  apiCalls(calls: Record<string, number>): number;
  minimumCalls(counts: Record<string, number>): number;
}

const PAGE = 1000;

const sum = (values: number[]) => values.reduce((total, n) => total + n, 0);

export const BENCH_PLATFORMS: Record<Platform, BenchPlatform> = {
  xero: {
    env: (details) => ({
      XERO_CLIENT_ID: details.clientId!,
      XERO_CLIENT_SECRET: details.clientSecret!,
      XERO_IDENTITY_URL: details.identityUrl!,
      XERO_API_URL: details.url!,
    }),
    apiCalls: (calls) =>
      sum(
        Object.entries(calls)
          .filter(([endpoint]) => !endpoint.includes('/connect/'))
          .map(([, n]) => n),
      ),
    // Every resource needs at least one call, and one per full page of its records (Xero's answers say
    // how many pages there are, so a full last page needs no empty one after it).
    minimumCalls: (counts) => sum(Object.values(counts).map((n) => Math.max(1, Math.ceil(n / PAGE)))),
  },
  quickbooks: {
    env: (details) => ({
      QBO_CLIENT_ID: details.clientId!,
      QBO_CLIENT_SECRET: details.clientSecret!,
      QBO_API_URL: details.url!,
      QBO_AUTHORIZE_URL: details.authorizeUrl!,
      QBO_TOKEN_URL: details.tokenUrl!,
      QBO_REVOKE_URL: details.revokeUrl!,
      QBO_USERINFO_URL: details.userInfoUrl!,
    }),
    // The sandbox counts only Accounting API calls (OAuth is not counted).
    apiCalls: (calls) => sum(Object.values(calls)),
    // A first sync reads customers (inactive ones too), invoices, payments (credit applications and
    // unapplied money are payments too) and credit memos, each by query, 1000 at a time; attachables are
    // written, never read. A query answer never says how many records remain, so a pass knows it is done
    // only on a page of fewer than 1000: max(1, ceil(n / 1000)) pages, plus one empty page when n is a
    // non-zero multiple of 1000 (floor(n / 1000) + 1 in all). A COUNT(*) query to avoid that page would
    // itself be a call.
    minimumCalls: (counts) =>
      sum(
        [counts.contacts, counts.invoices, counts.payments, counts.creditNotes].map(
          (n = 0) => Math.floor(n / PAGE) + 1,
        ),
      ),
  },
};

export function benchPlatform(name: string): Platform {
  if (name === 'xero' || name === 'quickbooks') return name;
  throw new Error(`--platform must be xero or quickbooks, not "${name}"`);
}
