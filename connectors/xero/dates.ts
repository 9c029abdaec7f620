// Xero writes dates two ways: the .NET form `/Date(1539993600000+0000)/` (epoch milliseconds in UTC,
// with the organisation's offset as a hint) and `2018-10-20T00:00:00` (no zone). Date-only fields
// (invoice date, due date, payment date) become calendar dates, never instants, so that an invoice
// due on the 20th in Auckland is not due on the 19th anywhere else. `UpdatedDateUTC` is an instant.
import { isoInstant } from '../shared/iso-instant';
import type { CalendarDate, Instant } from '../types';

const MS_DATE = /^\/Date\((-?\d+)(?:([+-])(\d{2})(\d{2}))?\)\/$/;
const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

interface MsDate {
  kind: 'ms';
  epochMs: number;
  offsetMinutes: number;
}

interface IsoDate {
  kind: 'iso';
  date: CalendarDate;
  /** Present when the text carries a time; zone-less times are UTC in Xero's `…UTC` fields. */
  instantMs: number | null;
}

function parse(text: string): MsDate | IsoDate | null {
  const ms = MS_DATE.exec(text);
  if (ms) {
    const [, epoch = '', sign, hours = '0', minutes = '0'] = ms;
    const epochMs = Number(epoch);
    if (!Number.isSafeInteger(epochMs) || Number.isNaN(new Date(epochMs).getTime())) return null;
    const offset = Number(hours) * 60 + Number(minutes);
    return { kind: 'ms', epochMs, offsetMinutes: sign === '-' ? -offset : offset };
  }
  const iso = ISO_DATE.exec(text);
  if (!iso) return null;
  const [, y = '', mo = '', d = '', h, mi, s, fraction, zone] = iso;
  const day = Date.UTC(Number(y), Number(mo) - 1, Number(d));
  const date = `${y}-${mo}-${d}`;
  // Date.UTC rolls 2019-02-30 over to March; a real calendar date survives the round trip.
  if (Number.isNaN(day) || new Date(day).toISOString().slice(0, 10) !== date) return null;
  if (h === undefined || mi === undefined) return { kind: 'iso', date, instantMs: null };
  const millis = fraction ? `.${fraction.padEnd(3, '0').slice(0, 3)}` : '';
  const instantMs = Date.parse(`${date}T${h}:${mi}:${s ?? '00'}${millis}${normaliseZone(zone)}`);
  if (Number.isNaN(instantMs)) return null;
  return { kind: 'iso', date, instantMs };
}

function normaliseZone(zone: string | undefined): string {
  if (zone === undefined || zone === 'Z') return 'Z';
  return zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
}

export function isXeroDate(text: string): boolean {
  return parse(text) !== null;
}

export function isXeroInstant(text: string): boolean {
  const parsed = parse(text);
  return parsed !== null && (parsed.kind === 'ms' || parsed.instantMs !== null);
}

function readCalendarDate(text: string): CalendarDate | null {
  const parsed = parse(text);
  if (parsed === null) return null;
  if (parsed.kind === 'iso') return parsed.date;
  // The milliseconds are UTC; shifting by the stated offset gives the wall-clock date it was written for.
  return isoInstant(parsed.epochMs + parsed.offsetMinutes * 60_000).slice(0, 10);
}

/** A large organisation's hundred thousand invoices fall on a few hundred days: each text is read once. */
const calendarDates = new Map<string, CalendarDate | null>();
const CALENDAR_MEMO_LIMIT = 4096;

/** A date-only field as the organisation's calendar date, `YYYY-MM-DD`; null when it is not a date. */
export function calendarDateOf(text: string): CalendarDate | null {
  let date = calendarDates.get(text);
  if (date === undefined) {
    if (calendarDates.size >= CALENDAR_MEMO_LIMIT) calendarDates.clear();
    date = readCalendarDate(text);
    calendarDates.set(text, date);
  }
  return date;
}

/** A `…UTC` timestamp as an ISO instant (`2018-11-02T16:31:30.160Z`); null when it is not one. */
export function instantOf(text: string): Instant | null {
  const parsed = parse(text);
  if (parsed?.kind === 'ms') return isoInstant(parsed.epochMs);
  if (parsed?.kind === 'iso' && parsed.instantMs !== null) return isoInstant(parsed.instantMs);
  return null;
}

export function toCalendarDate(text: string): CalendarDate {
  const date = calendarDateOf(text);
  if (date === null) throw new RangeError(`Not a Xero date: ${JSON.stringify(text)}`);
  return date;
}

export function toInstant(text: string): Instant {
  const instant = instantOf(text);
  if (instant === null) throw new RangeError(`Not a Xero timestamp: ${JSON.stringify(text)}`);
  return instant;
}

/** The later of two instants; null counts as "nothing seen yet". */
export function laterInstant(a: Instant | null, b: Instant | null): Instant | null {
  if (a === null) return b;
  if (b === null) return a;
  // Both come from toISOString (same width, UTC), so text order is time order.
  return b > a ? b : a;
}
