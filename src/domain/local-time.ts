// A moment as the organisation reads it: on its own calendar and clock, with the zone named the way
// people there name it ("25 Nov 2026, 02:35 NZDT", "24 Nov 2026, 05:35 PST"). A timeline in UTC would
// put a reminder sent on Wednesday morning in Wellington on Tuesday.
import { formatDate } from './dates';
import { zonedDate } from './zoned-time';

/** Where the organisation is, for a zone's local name; the zone itself for the date and clock. */
export interface Locality {
  timeZone: string;
  countryCode: string;
}

const clocks = new Map<string, Intl.DateTimeFormat>();

function clock({ timeZone, countryCode }: Locality): Intl.DateTimeFormat {
  const key = `${timeZone} ${countryCode}`;
  let f = clocks.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions = {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    };
    try {
      f = new Intl.DateTimeFormat(`en-${countryCode}`, options);
    } catch {
      f = new Intl.DateTimeFormat('en', options); // a country code Intl does not take: "GMT+13"
    }
    clocks.set(key, f);
  }
  return f;
}

export function formatLocalTime(instant: Date, where: Locality): string {
  return `${formatDate(zonedDate(instant, where.timeZone))}, ${clock(where).format(instant)}`;
}
