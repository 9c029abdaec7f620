// The date forms Xero writes. Date-only fields are calendar dates in the organisation's time zone
// (see calendar-dates.ts); Xero writes them as UTC midnight of that date.
import {
  CACHE_LIMIT,
  DAY_MS,
  dateMs,
  dayDate,
  isCalendarDate,
  type CalendarDate,
} from '../../shared/sandbox/calendar-dates';

export {
  addDays,
  calendarDateIn,
  dateMs,
  daysBetween,
  isCalendarDate,
  type CalendarDate,
} from '../../shared/sandbox/calendar-dates';

/** `/Date(1541176290160+0000)/`: instants such as UpdatedDateUTC. */
export function msDate(ms: number): string {
  return `/Date(${ms}+0000)/`;
}

/** `/Date(1552326816230)/`: the envelope's DateTimeUTC and a few other places write no offset. */
export function msDateBare(ms: number): string {
  return `/Date(${ms})/`;
}

// Every listed record writes a few date-only fields, over a few thousand distinct days: their text
// is remembered too.
const writtenDates = new Map<CalendarDate, string>();

/** `/Date(1539993600000+0000)/`: a date-only field, at UTC midnight. */
export function xeroDate(date: CalendarDate): string {
  let text = writtenDates.get(date);
  if (text === undefined) {
    text = msDate(dateMs(date));
    if (writtenDates.size >= CACHE_LIMIT) writtenDates.clear();
    writtenDates.set(date, text);
  }
  return text;
}

/** `2018-10-20T00:00:00`: the DateString / DueDateString siblings. */
export function xeroDateString(date: CalendarDate): string {
  return `${date}T00:00:00`;
}

/** `2018-11-02T16:31:30Z`: UpdatedDateUTCString. */
export function utcSecondsZ(ms: number): string {
  return `${utcSeconds(ms)}Z`;
}

const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));
/** Instants before this (year 10000) have four-digit years; toISOString writes any others. */
const FOUR_DIGIT_YEARS_END = Date.UTC(10_000, 0, 1);

/**
 * `2019-02-23T05:23:20`: a history record's DateUTCString. Every listed record writes one (as
 * UpdatedDateUTCString), so the date comes from the day cache and the time is put together from
 * whole numbers rather than through a Date.
 */
export function utcSeconds(ms: number): string {
  if (!Number.isSafeInteger(ms) || ms < 0 || ms >= FOUR_DIGIT_YEARS_END) {
    return new Date(ms).toISOString().slice(0, 19);
  }
  const day = Math.floor(ms / DAY_MS);
  const second = Math.floor((ms - day * DAY_MS) / 1000);
  const hh = twoDigits(Math.floor(second / 3600));
  return `${dayDate(day)}T${hh}:${twoDigits(Math.floor(second / 60) % 60)}:${twoDigits(second % 60)}`;
}

function twoDigits(n: number): string {
  return TWO_DIGITS[n] ?? String(n);
}

/** `2019-12-07T18:46:19.5165400`: the identity service's seven-digit fractions, no zone. */
export function connectionStamp(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}0000`;
}

/** `03/03/2020 09:46:07`: how the API gateway states when a token expired. */
export function expiryStamp(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)} ${iso.slice(11, 19)}`;
}

const ZONELESS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/**
 * The If-Modified-Since header, as an HTTP date or ISO 8601. Xero reads a zone-less timestamp as UTC;
 * an unreadable header is ignored, as HTTP caches do.
 */
export function parseIfModifiedSince(header: string | undefined): number | null {
  if (!header) return null;
  const text = header.trim();
  const ms = Date.parse(ZONELESS.test(text) ? `${text}Z` : text);
  return Number.isNaN(ms) ? null : ms;
}

const MS_DATE = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/;

/** A date sent in a request body: `2019-03-12`, `2019-03-12T00:00:00` or `/Date(1552348800000+0000)/`. */
export function parseDateInput(text: string): CalendarDate | null {
  const trimmed = text.trim();
  const ms = MS_DATE.exec(trimmed);
  if (ms) return new Date(Number(ms[1])).toISOString().slice(0, 10);
  const day = trimmed.slice(0, 10);
  if (!isCalendarDate(day)) return null;
  const rest = trimmed.slice(10);
  return rest === '' || /^T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(rest) ? day : null;
}
