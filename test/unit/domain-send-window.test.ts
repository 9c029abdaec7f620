import fc from 'fast-check';
import { fixedHolidays, noHolidays } from '../../src/domain/holiday-calendar';
import { publicHolidayCalendar } from '../../src/domain/public-holidays';
import {
  businessHours,
  isInsideWindow,
  isSendDay,
  nextSendDay,
  nextSendMoment,
  sendWindowProblems,
  type SendWindow,
} from '../../src/domain/send-window';
import { instantAt, zonedDate, zonedMoment } from '../../src/domain/zoned-time';

const AUCKLAND = 'Pacific/Auckland';
const nz = publicHolidayCalendar('NZ');

describe('isSendDay: business days that are not public holidays', () => {
  it.each([
    { date: '2026-11-23', send: true, why: 'Monday' },
    { date: '2026-11-27', send: true, why: 'Friday' },
    { date: '2026-11-28', send: false, why: 'Saturday' },
    { date: '2026-11-29', send: false, why: 'Sunday' },
    { date: '2026-12-25', send: false, why: 'Christmas Day, a Friday' },
    { date: '2026-12-28', send: false, why: 'the substitute Boxing Day, a Monday' },
    { date: '2026-12-29', send: true, why: 'the Tuesday after' },
  ])('$date ($why) -> $send', ({ date, send }) => {
    expect(isSendDay(date, businessHours, nz)).toBe(send);
  });

  it('a business open on Saturdays sends on Saturdays', () => {
    expect(isSendDay('2026-11-28', { ...businessHours, days: [1, 2, 3, 4, 5, 6] }, nz)).toBe(true);
  });

  it.each([
    { from: '2026-11-24', next: '2026-11-24' },
    { from: '2026-11-28', next: '2026-11-30' },
    { from: '2026-12-24', next: '2026-12-24' },
    { from: '2026-12-25', next: '2026-12-29' },
    { from: '2027-01-01', next: '2027-01-05' },
  ])('the next send day from $from is $next', ({ from, next }) => {
    expect(nextSendDay(from, businessHours, nz)).toBe(next);
  });

  it('a window with no days never sends, and says so', () => {
    expect(() => nextSendDay('2026-11-24', { ...businessHours, days: [] }, nz)).toThrow(RangeError);
  });
});

describe('sendWindowProblems', () => {
  it.each<{ window: SendWindow; problem: string }>([
    { window: { ...businessHours, days: [] }, problem: 'the send window needs at least one day of the week' },
    {
      window: { ...businessHours, days: [0, 8] },
      problem: 'send days are numbered 1 (Monday) to 7 (Sunday)',
    },
    {
      window: { ...businessHours, start: '9am' },
      problem: "the window's start '9am' is not a time like 09:00",
    },
    {
      window: { ...businessHours, end: '24:00' },
      problem: "the window's end '24:00' is not a time like 17:00",
    },
    {
      window: { ...businessHours, start: '17:00', end: '09:00' },
      problem: 'the send window must close after it opens, on the same day',
    },
  ])('$problem', ({ window, problem }) => {
    expect(sendWindowProblems(window)).toContain(problem);
  });

  it('the default window is fine', () => {
    expect(sendWindowProblems(businessHours)).toEqual([]);
  });
});

describe('nextSendMoment: the first instant inside the window, in the organisation’s time zone', () => {
  it.each([
    {
      name: 'Tuesday 08:00 waits for 09:00',
      now: '2026-11-23T19:00:00Z',
      zone: AUCKLAND,
      at: '2026-11-23T20:00:00Z',
    },
    {
      name: 'Tuesday 10:30 goes now',
      now: '2026-11-23T21:30:00Z',
      zone: AUCKLAND,
      at: '2026-11-23T21:30:00Z',
    },
    {
      name: 'Tuesday 16:59 goes now',
      now: '2026-11-24T03:59:00Z',
      zone: AUCKLAND,
      at: '2026-11-24T03:59:00Z',
    },
    {
      name: 'Tuesday 17:00 waits for Wednesday',
      now: '2026-11-24T04:00:00Z',
      zone: AUCKLAND,
      at: '2026-11-24T20:00:00Z',
    },
    {
      name: 'Friday evening waits for Monday',
      now: '2026-11-27T05:00:00Z',
      zone: AUCKLAND,
      at: '2026-11-29T20:00:00Z',
    },
    {
      name: 'Saturday waits for Monday',
      now: '2026-11-27T23:00:00Z',
      zone: AUCKLAND,
      at: '2026-11-29T20:00:00Z',
    },
    {
      name: 'Christmas Eve after hours waits past Christmas, the weekend and the substitute Boxing Day',
      now: '2026-12-24T04:30:00Z',
      zone: AUCKLAND,
      at: '2026-12-28T20:00:00Z',
    },
    {
      name: 'the same instant is Monday afternoon in New York: it goes now',
      now: '2026-11-23T20:30:00Z',
      zone: 'America/New_York',
      at: '2026-11-23T20:30:00Z',
    },
    {
      name: 'and Monday evening in London: Tuesday 09:00 there',
      now: '2026-11-23T20:30:00Z',
      zone: 'Europe/London',
      at: '2026-11-24T09:00:00Z',
    },
  ])('$name', ({ now, zone, at }) => {
    const calendar = zone === AUCKLAND ? nz : noHolidays;
    expect(nextSendMoment(new Date(now), zone, businessHours, calendar).toISOString()).toBe(
      new Date(at).toISOString(),
    );
  });

  const sundayEarly: SendWindow = { days: [7], start: '02:30', end: '06:00' };

  it('on the night clocks go forward, a 02:30 opening that never shows is the moment the clock jumps', () => {
    // 27 Sep 2026, Auckland: 02:00 NZST becomes 03:00 NZDT at 14:00Z.
    expect(
      nextSendMoment(new Date('2026-09-26T10:00:00Z'), AUCKLAND, sundayEarly, noHolidays).toISOString(),
    ).toBe('2026-09-26T14:00:00.000Z');
  });

  it('on the night clocks go back, a 02:30 opening shown twice is the first of them', () => {
    // 5 Apr 2026, Auckland: 03:00 NZDT becomes 02:00 NZST at 14:00Z; 02:30 NZDT is 13:30Z.
    expect(
      nextSendMoment(new Date('2026-04-04T10:00:00Z'), AUCKLAND, sundayEarly, noHolidays).toISOString(),
    ).toBe('2026-04-04T13:30:00.000Z');
  });

  it('refuses a window that makes no sense', () => {
    expect(() =>
      nextSendMoment(new Date('2026-11-23T19:00:00Z'), AUCKLAND, { ...businessHours, end: '08:00' }, nz),
    ).toThrow('the send window must close after it opens');
  });

  it('is the first instant inside the window, for any instant, zone, window and holidays', () => {
    const zones = [
      'Pacific/Auckland',
      'Australia/Sydney',
      'Europe/London',
      'America/New_York',
      'Asia/Kolkata',
      'UTC',
    ];
    const clock = (minute: number) =>
      `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 11, 31) }),
        fc.constantFrom(...zones),
        fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
        fc.integer({ min: 0, max: 1438 }),
        fc.integer({ min: 1, max: 720 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { maxLength: 10 }),
        (ms, zone, days, start, length, holidayOffsets) => {
          const now = new Date(ms);
          const window: SendWindow = {
            days,
            start: clock(start),
            end: clock(Math.min(1439, start + length)),
          };
          const today = zonedDate(now, zone);
          const base = Date.parse(`${today}T00:00:00Z`);
          const calendar = fixedHolidays(
            holidayOffsets.map((d) => new Date(base + d * 86_400_000).toISOString().slice(0, 10)),
          );
          const at = nextSendMoment(now, zone, window, calendar);
          expect(at.getTime()).toBeGreaterThanOrEqual(now.getTime());
          expect(isInsideWindow(at, zone, window, calendar)).toBe(true);
          expect(at.getTime() === now.getTime()).toBe(isInsideWindow(now, zone, window, calendar));
          if (at.getTime() > now.getTime()) {
            expect(isInsideWindow(new Date(at.getTime() - 1000), zone, window, calendar)).toBe(false);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('zoned time', () => {
  it.each([
    { instant: '2026-11-24T11:30:00Z', zone: AUCKLAND, date: '2026-11-25', minute: 30 },
    { instant: '2026-11-24T10:59:00Z', zone: AUCKLAND, date: '2026-11-24', minute: 23 * 60 + 59 },
    { instant: '2026-11-24T03:00:00Z', zone: 'America/New_York', date: '2026-11-23', minute: 22 * 60 },
  ])('$instant is $date at minute $minute in $zone', ({ instant, zone, date, minute }) => {
    expect(zonedMoment(new Date(instant), zone)).toEqual({ date, minute });
    expect(zonedDate(new Date(instant), zone)).toBe(date);
  });

  it('instantAt turns a local reading back into the instant', () => {
    expect(instantAt('2026-11-24', 9 * 60, AUCKLAND).toISOString()).toBe('2026-11-23T20:00:00.000Z');
    expect(instantAt('2026-06-24', 9 * 60, AUCKLAND).toISOString()).toBe('2026-06-23T21:00:00.000Z');
  });
});
