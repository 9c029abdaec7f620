// Wall-clock time in an organisation's time zone, for instants the caller hands in (no clock is read
// here). One formatter per zone is built and kept: building one costs far more than using it.
import { fromEpochDay, toEpochDay, type CalendarDate } from './dates';

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock at `ms` in `timeZone`, as milliseconds of a UTC clock showing the same reading. */
function wallClock(ms: number, timeZone: string): number {
  const fields = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
  for (const part of formatter(timeZone).formatToParts(ms)) {
    if (part.type in fields) fields[part.type as keyof typeof fields] = Number(part.value);
  }
  return Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second);
}

/** How far the zone's clock is ahead of UTC at `ms`, to the second. */
function offsetAt(ms: number, timeZone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return wallClock(whole, timeZone) - whole;
}

export interface ZonedMoment {
  date: CalendarDate;
  /** Minutes since local midnight, 0-1439. */
  minute: number;
}

export function zonedMoment(instant: Date, timeZone: string): ZonedMoment {
  const wall = wallClock(instant.getTime(), timeZone);
  const day = Math.floor(wall / MS_PER_DAY);
  return { date: fromEpochDay(day), minute: Math.floor((wall - day * MS_PER_DAY) / MS_PER_MINUTE) };
}

/** The calendar date an instant falls on in the zone: "today" in Auckland is not today in UTC. */
export function zonedDate(instant: Date, timeZone: string): CalendarDate {
  return zonedMoment(instant, timeZone).date;
}

/**
 * The first instant at which the zone's clock reads `minute` on `date` or later. Usually the clock
 * shows that reading once. On a daylight-saving change it may show it twice (fall back): the earlier
 * instant. Or skip it (spring forward): the instant the clock jumps past it, since that is the first
 * moment its reading is at least the one asked for.
 */
export function instantAt(date: CalendarDate, minute: number, timeZone: string): Date {
  const wall = toEpochDay(date) * MS_PER_DAY + minute * MS_PER_MINUTE;
  const before = offsetAt(wall - MS_PER_DAY, timeZone);
  const after = offsetAt(wall + MS_PER_DAY, timeZone);
  const early = wall - before;
  const late = wall - after;
  const earlyHolds = offsetAt(early, timeZone) === before;
  const lateHolds = offsetAt(late, timeZone) === after;
  if (earlyHolds && lateHolds) return new Date(Math.min(early, late));
  if (earlyHolds) return new Date(early);
  if (lateHolds) return new Date(late);
  return new Date(transitionBetween(late, early, after, timeZone));
}

/** The first second in (from, to] at which the zone's offset is `offset`: where its clock jumps. */
function transitionBetween(from: number, to: number, offset: number, timeZone: string): number {
  let lo = Math.floor(from / 1000);
  let hi = Math.ceil(to / 1000);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(mid * 1000, timeZone) === offset) hi = mid;
    else lo = mid;
  }
  return hi * 1000;
}
