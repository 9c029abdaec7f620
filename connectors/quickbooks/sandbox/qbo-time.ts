// The instants QuickBooks Online writes: local time in the company's zone with its offset, to the
// second (`2026-11-23T17:04:05-08:00`), in MetaData and in every response's `time`; and the instants
// it reads in queries and CDC (`2026-11-01T00:00:00-07:00`, `…Z`, or a bare date, taken as midnight in
// the company's zone).
import { dateMs, isCalendarDate } from '../../xero/sandbox/xero-dates';

const HOUR_MS = 3_600_000;
const formats = new Map<string, Intl.DateTimeFormat>();
/** Offsets change only on the hour in every zone the sandbox uses: remembered per zone and hour. */
const offsets = new Map<string, number>();

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
  const cacheKey = `${timeZone}|${hour}`;
  const known = offsets.get(cacheKey);
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
  if (offsets.size > 200_000) offsets.clear();
  offsets.set(cacheKey, minutes);
  return minutes;
}

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** `2026-11-23T17:04:05-08:00`. */
export function qboTime(ms: number, timeZone: string): string {
  const minutes = offsetMinutes(ms, timeZone);
  const local = new Date(Math.floor(ms / 1000) * 1000 + minutes * 60_000).toISOString().slice(0, 19);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${local}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
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
