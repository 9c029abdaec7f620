// What the demo generator's parts share while one organisation is being drawn: the seeded stream,
// the records so far, the organisation's today, and the customers with their payment habits.
import type { Rng } from '../../shared/sandbox/prng';
import type { ContactRecord, OrganisationData } from './records';
import { dateMs, type CalendarDate } from './xero-dates';

export const DEMO_TIMEZONE = 'Pacific/Auckland';

export type Habit = 'prompt' | 'slow' | 'troubled';
export type Currency = 'NZD' | 'AUD' | 'USD';

export interface Customer {
  record: ContactRecord;
  habit: Habit;
  weight: number;
  termsDays: number;
  currency: Currency;
  archived: boolean;
  invoices: number;
}

export interface Builder {
  rng: Rng;
  data: OrganisationData;
  today: CalendarDate;
  now: number;
  userName: string;
}

/**
 * An instant during New Zealand business hours on the given date (roughly 20:00 to 04:00 UTC),
 * never later than an hour before the clock: the generated books are all in the past.
 */
export function eventMs(b: Builder, date: CalendarDate): number {
  const ms = dateMs(date) - 4 * 3_600_000 + b.rng.int(0, 8 * 3_600_000 - 1);
  return Math.min(ms, b.now - 3_600_000);
}
