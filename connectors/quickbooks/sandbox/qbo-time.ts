// The instants QuickBooks Online writes: local time in the company's zone with its offset, to the
// second (`2026-11-23T17:04:05-08:00`), in MetaData and in every response's `time`; and the instants
// it reads in queries and CDC (`2026-11-01T00:00:00-07:00`, `…Z`, or a bare date, taken as midnight in
// the company's zone).
import { dateMs, isCalendarDate } from '../../shared/sandbox/calendar-dates';

const HOUR_MS = 3_600_000;
const formats = new Map<string, Intl.DateTimeFormat>();
/** Offsets change only on the hour in every zone the sandbox uses: remembered per zone and hour. */
const offsets = new Map<string, Map<number, number>>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(timeZone, format);
  }
  return format;
}

/** Minutes east of UTC in `timeZone` at `ms`. */
export function offsetMinutes(ms: number, timeZone: string): number {
  const hour = Math.floor(ms / HOUR_MS);
  let zone = offsets.get(timeZone);
  if (!zone) offsets.set(timeZone, (zone = new Map()));
  const known = zone.get(hour);
  if (known !== undefined) return known;
  const at = hour * HOUR_MS;
  const parts: Record<string, number> = {};
  for (const part of formatFor(timeZone).formatToParts(at)) parts[part.type] = Number(part.value);
  const local = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  const minutes = Math.round((local - at) / 60_000);
  if (zone.size > 200_000) zone.clear();
  zone.set(hour, minutes);
  return minutes;
}

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

const DAY_MS = 86_400_000;
/** Written for every record of every page: the day and the offset are remembered as text. */
const dayTexts = new Map<number, string>();
const offsetTexts = new Map<number, string>();

/** `2026-11-23T17:04:05-08:00`. */
export function qboTime(ms: number, timeZone: string): string {
  const minutes = offsetMinutes(ms, timeZone);
  const local = Math.floor(ms / 1000) * 1000 + minutes * 60_000;
  const day = Math.floor(local / DAY_MS);
  let dayText = dayTexts.get(day);
  if (dayText === undefined) {
    if (dayTexts.size > 100_000) dayTexts.clear();
    dayTexts.set(day, (dayText = new Date(day * DAY_MS).toISOString().slice(0, 10)));
  }
  let offsetText = offsetTexts.get(minutes);
  if (offsetText === undefined) {
    const abs = Math.abs(minutes);
    offsetTexts.set(
      minutes,
      (offsetText = `${minutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`),
    );
  }
  const seconds = (local - day * DAY_MS) / 1000;
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return `${dayText}T${pad(h)}:${pad(m)}:${pad(seconds % 60)}${offsetText}`;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Epoch ms of a query or CDC instant; null when it is not one. */
export function parseQboInstant(text: string, timeZone: string): number | null {
  const trimmed = text.trim();
  if (isCalendarDate(trimmed)) return localMidnight(dateMs(trimmed), timeZone);
  if (!INSTANT.test(trimmed)) return null;
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(trimmed);
  const ms = Date.parse(zoned ? trimmed : `${trimmed}Z`);
  if (Number.isNaN(ms)) return null;
  // Without an offset the time is the company's local time.
  return zoned ? ms : ms - offsetMinutes(ms, timeZone) * 60_000;
}

function localMidnight(utcMidnight: number, timeZone: string): number {
  return utcMidnight - offsetMinutes(utcMidnight, timeZone) * 60_000;
}
