// Auckland has daylight saving; date arithmetic done in local time would lose or gain a day here.
process.env.TZ = 'Pacific/Auckland';

import {
  addDays,
  compareDates,
  daysBetween,
  formatDate,
  fromEpochDay,
  isCalendarDate,
  toEpochDay,
} from '../../src/domain/dates';

describe('addDays', () => {
  it.each([
    { name: 'plain', date: '2026-11-16', days: 7, expected: '2026-11-23' },
    { name: 'backwards', date: '2026-11-16', days: -3, expected: '2026-11-13' },
    { name: 'across the month end', date: '2026-11-28', days: 3, expected: '2026-12-01' },
    { name: 'across the year end', date: '2026-12-31', days: 1, expected: '2027-01-01' },
    { name: 'into a leap day', date: '2028-02-28', days: 1, expected: '2028-02-29' },
    {
      name: 'over the NZ daylight-saving end (25-hour day)',
      date: '2026-04-05',
      days: 1,
      expected: '2026-04-06',
    },
    {
      name: 'over the NZ daylight-saving start (23-hour day)',
      date: '2026-09-27',
      days: 1,
      expected: '2026-09-28',
    },
    { name: 'zero', date: '2026-11-16', days: 0, expected: '2026-11-16' },
  ])('$name: $date + $days = $expected', ({ date, days, expected }) => {
    expect(addDays(date, days)).toBe(expected);
  });
});

describe('daysBetween', () => {
  it.each([
    { name: 'a week later', from: '2026-11-16', to: '2026-11-23', expected: 7 },
    { name: 'earlier is negative', from: '2026-11-23', to: '2026-11-16', expected: -7 },
    { name: 'same day', from: '2026-11-16', to: '2026-11-16', expected: 0 },
    { name: 'leap year February', from: '2028-02-01', to: '2028-03-01', expected: 29 },
    { name: 'common year February', from: '2027-02-01', to: '2027-03-01', expected: 28 },
    { name: 'over the NZ daylight-saving start', from: '2026-09-26', to: '2026-09-28', expected: 2 },
  ])('$name: $from -> $to is $expected', ({ from, to, expected }) => {
    expect(daysBetween(from, to)).toBe(expected);
  });
});

it('compares dates for sorting', () => {
  expect(['2026-12-01', '2026-02-10', '2026-11-30'].sort(compareDates)).toEqual([
    '2026-02-10',
    '2026-11-30',
    '2026-12-01',
  ]);
});

describe('formatDate', () => {
  it.each([
    ['2026-11-16', '16 Nov 2026'],
    ['2026-01-01', '1 Jan 2026'],
    ['2027-12-31', '31 Dec 2027'],
  ])('%s reads as %s', (date, expected) => {
    expect(formatDate(date)).toBe(expected);
  });
});

describe('not a calendar date', () => {
  it.each([
    { name: 'February 30th', value: '2026-02-30' },
    { name: 'month 13', value: '2026-13-01' },
    { name: 'missing zero padding', value: '2026-2-3' },
    { name: 'an instant', value: '2026-11-16T00:00:00Z' },
    { name: 'empty', value: '' },
  ])('$name ($value) is refused with the value named', ({ value }) => {
    expect(isCalendarDate(value)).toBe(false);
    expect(() => addDays(value, 1)).toThrow(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(value)}`);
  });
});

it('round-trips through epoch days', () => {
  expect(toEpochDay('1970-01-02')).toBe(1);
  expect(fromEpochDay(toEpochDay('2026-11-16'))).toBe('2026-11-16');
});
