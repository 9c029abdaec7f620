// Public holidays by country, from the `date-holidays` package. Its only use in the project is here,
// behind `isPublicHoliday`, so that it can be swapped for another source without touching the planner.
// A year's holidays are computed once per country and kept as a set of dates: asking the package
// about one date at a time costs far more than a set lookup, and the planner asks for every customer.
import Holidays from 'date-holidays';
import { addDays, toEpochDay, type CalendarDate } from './dates';
import type { HolidayCalendar } from './holiday-calendar';

const MS_PER_DAY = 86_400_000;
const byCountryYear = new Map<string, ReadonlySet<CalendarDate>>();

/**
 * Whether `date` is a public holiday where the organisation is. `country` is an ISO 3166-1 code
 * ("NZ"), optionally with its subdivision ("AU-NSW") for regional holidays. Only holidays of type
 * "public" count: observances and bank-only days are working days for most businesses. A country the
 * package does not know has no holidays.
 */
export function isPublicHoliday(country: string, date: CalendarDate): boolean {
  return isHolidayIn(normalised(country), date);
}

/** The calendar the planner takes, for an organisation's country. */
export function publicHolidayCalendar(country: string): HolidayCalendar {
  const code = normalised(country);
  return { isHoliday: (date) => isHolidayIn(code, date) };
}

const normalised = (country: string) => country.trim().toUpperCase();

function isHolidayIn(code: string, date: CalendarDate): boolean {
  toEpochDay(date);
  const year = Number(date.slice(0, 4));
  const key = `${code}:${year}`;
  let dates = byCountryYear.get(key);
  if (!dates) {
    dates = holidaysIn(code, year);
    byCountryYear.set(key, dates);
  }
  return dates.has(date);
}

function holidaysIn(code: string, year: number): ReadonlySet<CalendarDate> {
  const [country = '', state] = code.split('-');
  const source = state ? new Holidays(country, state) : new Holidays(country);
  const dates = new Set<CalendarDate>();
  // A holiday of the year before can run into this one (a New Year break spanning 31 Dec - 2 Jan).
  for (const holiday of [...source.getHolidays(year - 1), ...source.getHolidays(year)]) {
    if (holiday.type !== 'public') continue;
    const first = holiday.date.slice(0, 10);
    const span = Math.max(1, Math.round((holiday.end.getTime() - holiday.start.getTime()) / MS_PER_DAY));
    for (let i = 0; i < span; i++) {
      const day = addDays(first, i);
      if (day.startsWith(String(year).padStart(4, '0'))) dates.add(day);
    }
  }
  return dates;
}
