// When messages may go: on the organisation's business days, inside its business hours, in its own
// time zone, and never on a public holiday. The planner decides the day (`isSendDay`); the sender asks
// `nextSendMoment` for the first instant inside the window, so nothing lands at 3 a.m. or on Christmas.
import { fromEpochDay, isoWeekday, toEpochDay, type CalendarDate } from './dates';
import type { HolidayCalendar } from './holiday-calendar';
import { instantAt, zonedMoment } from './zoned-time';

export interface SendWindow {
  /** ISO weekdays on which messages go: 1 = Monday … 7 = Sunday. */
  days: readonly number[];
  /** Local time the window opens, "09:00" (inclusive). */
  start: string;
  /** Local time the window closes, "17:00" (exclusive). */
  end: string;
}

export const businessHours: SendWindow = { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };

/** A year is enough to find a send day in any window with one day in it, holidays and all. */
const LOOK_AHEAD_DAYS = 400;
const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

function minuteOf(clock: string): number {
  const match = CLOCK.exec(clock);
  return match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
}

export function sendWindowProblems(window: SendWindow): string[] {
  const problems: string[] = [];
  if (window.days.length === 0) problems.push('the send window needs at least one day of the week');
  if (window.days.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) {
    problems.push('send days are numbered 1 (Monday) to 7 (Sunday)');
  }
  const start = minuteOf(window.start);
  const end = minuteOf(window.end);
  if (Number.isNaN(start)) problems.push(`the window's start '${window.start}' is not a time like 09:00`);
  if (Number.isNaN(end)) problems.push(`the window's end '${window.end}' is not a time like 17:00`);
  if (start >= end) problems.push('the send window must close after it opens, on the same day');
  return problems;
}

/** A business day of the window that is not a holiday. */
export function isSendDay(date: CalendarDate, window: SendWindow, calendar: HolidayCalendar): boolean {
  return isSendEpochDay(toEpochDay(date), date, window, calendar);
}

function isSendEpochDay(day: number, date: CalendarDate, window: SendWindow, calendar: HolidayCalendar) {
  return window.days.includes(isoWeekday(day)) && !calendar.isHoliday(date);
}

/** The first send day on or after `date`. */
export function nextSendDay(date: CalendarDate, window: SendWindow, calendar: HolidayCalendar): CalendarDate {
  const first = toEpochDay(date);
  for (let day = first; day <= first + LOOK_AHEAD_DAYS; day++) {
    const candidate = day === first ? date : fromEpochDay(day);
    if (isSendEpochDay(day, candidate, window, calendar)) return candidate;
  }
  throw new RangeError(`No send day within ${LOOK_AHEAD_DAYS} days of ${date}`);
}

/** `now` itself when it is inside the window, else the moment the window next opens. */
export function nextSendMoment(
  now: Date,
  timeZone: string,
  window: SendWindow,
  calendar: HolidayCalendar,
): Date {
  const problems = sendWindowProblems(window);
  if (problems.length > 0) throw new RangeError(problems.join('; '));
  const start = minuteOf(window.start);
  const end = minuteOf(window.end);
  const local = zonedMoment(now, timeZone);
  if (isSendDay(local.date, window, calendar) && local.minute < end) {
    if (local.minute >= start) return now;
    return instantAt(local.date, start, timeZone);
  }
  const tomorrow = fromEpochDay(toEpochDay(local.date) + 1);
  return instantAt(nextSendDay(tomorrow, window, calendar), start, timeZone);
}

/** Whether a message at `instant` would be inside the window (for checks and tests). */
export function isInsideWindow(
  instant: Date,
  timeZone: string,
  window: SendWindow,
  calendar: HolidayCalendar,
): boolean {
  const local = zonedMoment(instant, timeZone);
  return (
    isSendDay(local.date, window, calendar) &&
    local.minute >= minuteOf(window.start) &&
    local.minute < minuteOf(window.end)
  );
}
