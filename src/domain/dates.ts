// Calendar dates are `YYYY-MM-DD` strings with no time zone: an invoice is due on a day, not at an
// instant. Arithmetic runs on whole days since 1970-01-01 (the civil-calendar algorithm, on integers
// only), so a daylight-saving change can never move a date by one, and the planner can compare a
// million due dates without building a Date object for each.

export type CalendarDate = string;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
/** Day numbers of 0001-01-01 and 9999-12-31: the years a four-digit date can spell. */
const FIRST_DAY = -719_162;
const LAST_DAY = 2_932_896;

function digit(text: string, at: number): number {
  const code = text.charCodeAt(at) - 48;
  return code >= 0 && code <= 9 ? code : -1;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a civil date (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The day number, or NaN when the text is not a real date in the `YYYY-MM-DD` shape. */
function parse(value: string): number {
  if (value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return NaN;
  let year = 0;
  for (let i = 0; i < 4; i++) {
    const d = digit(value, i);
    if (d < 0) return NaN;
    year = year * 10 + d;
  }
  const m1 = digit(value, 5);
  const m2 = digit(value, 6);
  const d1 = digit(value, 8);
  const d2 = digit(value, 9);
  if (m1 < 0 || m2 < 0 || d1 < 0 || d2 < 0) return NaN;
  const month = m1 * 10 + m2;
  const day = d1 * 10 + d2;
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  return daysFromCivil(year, month, day);
}

export function isCalendarDate(value: string): boolean {
  return !Number.isNaN(parse(value));
}

/** Whole days since 1970-01-01; throws on anything that is not a real calendar date. */
export function toEpochDay(date: CalendarDate): number {
  const day = parse(date);
  if (Number.isNaN(day)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return day;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Year, month (1-12) and day of a day number (Howard Hinnant's civil_from_days). */
function civil(dayNumber: number): [number, number, number] {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return [year, month, day];
}

export function fromEpochDay(day: number): CalendarDate {
  if (!Number.isSafeInteger(day)) throw new RangeError(`Not a whole day number: ${day}`);
  if (day < FIRST_DAY || day > LAST_DAY) throw new RangeError(`Day ${day} is outside the years 0001-9999`);
  const [y, m, d] = civil(day);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromEpochDay(toEpochDay(date) + days);
}

/** Days from `from` to `to`: positive when `to` is later. */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** Negative, zero or positive, for sorting. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return toEpochDay(a) - toEpochDay(b);
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** "16 Nov 2026": day-month-year with the month spelled out reads the same in every country. */
export function formatDate(date: CalendarDate): string {
  return formatEpochDay(toEpochDay(date));
}

export function formatEpochDay(day: number): string {
  const [y, m, d] = civil(day);
  return `${d} ${MONTHS[m - 1] ?? ''} ${y}`;
}

/** "Sat 28 Nov 2026", where the day of the week is the point (a day nothing is sent). */
export function formatDateWithWeekday(date: CalendarDate): string {
  const day = toEpochDay(date);
  return `${WEEKDAYS[isoWeekday(day) - 1] ?? ''} ${formatEpochDay(day)}`;
}
