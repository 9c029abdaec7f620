// Instants as ISO text (`2018-11-02T16:31:30.160Z`), exactly as Date#toISOString writes them but in a
// fraction of its time: every synced record carries one or two, and formatting them whole was a
// noticeable share of a large sync. The date part is looked up per day, the time part is arithmetic.
import type { Instant } from '../types';

const DAY_MS = 86_400_000;
/** 0001-01-01 to 9999-12-31: the years toISOString writes with four digits. */
const FIRST_MS = -62_135_596_800_000;
const END_MS = 253_402_300_800_000;
const MEMO_LIMIT = 4096;

const dayPrefixes = new Map<number, string>();

function dayPrefix(day: number): string {
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    if (dayPrefixes.size >= MEMO_LIMIT) dayPrefixes.clear();
    prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    dayPrefixes.set(day, prefix);
  }
  return prefix;
}

const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const three = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/** The same text as new Date(epochMs).toISOString(); a RangeError for a time that is not one. */
export function isoInstant(epochMs: number): Instant {
  if (!Number.isInteger(epochMs) || epochMs < FIRST_MS || epochMs >= END_MS) {
    return new Date(epochMs).toISOString();
  }
  const day = Math.floor(epochMs / DAY_MS);
  let rest = epochMs - day * DAY_MS;
  const ms = rest % 1000;
  rest = (rest - ms) / 1000;
  const seconds = rest % 60;
  rest = (rest - seconds) / 60;
  const minutes = rest % 60;
  const hours = (rest - minutes) / 60;
  return `${dayPrefix(day)}${two(hours)}:${two(minutes)}:${two(seconds)}.${three(ms)}Z`;
}
