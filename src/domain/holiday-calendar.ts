// The days on which an organisation sends nothing beyond its weekend: its country's public holidays.
// The planner takes a calendar as a parameter, so the pure core never depends on where the holiday
// data comes from (public-holidays.ts in production, a fixed list in tests).
import type { CalendarDate } from './dates';

export interface HolidayCalendar {
  isHoliday(date: CalendarDate): boolean;
}

export const noHolidays: HolidayCalendar = { isHoliday: () => false };

/** A calendar of exactly these days, for tests and for a business's own closure days. */
export function fixedHolidays(dates: Iterable<CalendarDate>): HolidayCalendar {
  const days = new Set(dates);
  return { isHoliday: (date) => days.has(date) };
}

/** Closed on a day either calendar closes: public holidays plus a business's own closure days. */
export function eitherCalendar(a: HolidayCalendar, b: HolidayCalendar): HolidayCalendar {
  return { isHoliday: (date) => a.isHoliday(date) || b.isHoliday(date) };
}
