// Xero reports what is left of the organisation's quotas (per app and organisation) on every answer,
// 429s included. Passing the counts to the shared limiter lets it slow down before Xero has to refuse,
// and lets it learn of calls it did not schedule itself (a restart, another deployment of the app).
import type { HeaderLookup } from './errors';

export interface RemainingCalls {
  minute?: number;
  day?: number;
}

function count(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value.trim())) return undefined;
  return Number(value.trim());
}

/** `X-MinLimit-Remaining` / `X-DayLimit-Remaining`; null when the answer carries neither. */
export function remainingCalls(header: HeaderLookup): RemainingCalls | null {
  const minute = count(header('x-minlimit-remaining'));
  const day = count(header('x-daylimit-remaining'));
  if (minute === undefined && day === undefined) return null;
  return { ...(minute === undefined ? {} : { minute }), ...(day === undefined ? {} : { day }) };
}
