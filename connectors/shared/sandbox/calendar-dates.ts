// Calendar arithmetic on `YYYY-MM-DD` strings, the form both sandboxes keep dates in: a date-only
// field is a calendar date in the organisation's or company's time zone.

/** `YYYY-MM-DD`. */
export type CalendarDate = string;

export const DAY_MS = 86_400_000;
const CALENDAR = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(text: string): boolean {
  const match = CALENDAR.exec(text);
  if (!match) return false;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Date(ms).toISOString().slice(0, 10) === text;
}

// Day arithmetic runs hundreds of thousands of times while a large organisation is generated, over
// a few thousand distinct days: both directions are remembered (which also makes every record of a
// day share one string). The caches are emptied if they ever grow large.
export const CACHE_LIMIT = 100_000;
const dayOfDate = new Map<CalendarDate, number>();
const dateOfDay = new Map<number, CalendarDate>();

/** UTC midnight of the date, in epoch milliseconds. */
export function dateMs(date: CalendarDate): number {
  const known = dayOfDate.get(date);
  if (known !== undefined) return known * DAY_MS;
  const match = CALENDAR.exec(date);
  if (!match) throw new RangeError(`Not a calendar date: ${date}`);
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (dayOfDate.size >= CACHE_LIMIT) dayOfDate.clear();
  dayOfDate.set(date, ms / DAY_MS);
  return ms;
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return dayDate(dateMs(date) / DAY_MS + days);
}

/** The calendar date of a whole number of days since 1970-01-01. */
export function dayDate(day: number): CalendarDate {
  const known = dateOfDay.get(day);
  if (known !== undefined) return known;
  const text = new Date(day * DAY_MS).toISOString().slice(0, 10);
  if (dateOfDay.size >= CACHE_LIMIT) dateOfDay.clear();
  dateOfDay.set(day, text);
  return text;
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round((dateMs(to) - dateMs(from)) / DAY_MS);
}

const calendars = new Map<string, Intl.DateTimeFormat>();

/** The calendar date it is in `timeZone` at the instant `ms`. */
export function calendarDateIn(ms: number, timeZone: string): CalendarDate {
  let format = calendars.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    calendars.set(timeZone, format);
  }
  return format.format(new Date(ms));
}
