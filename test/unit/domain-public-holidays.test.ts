import { isPublicHoliday, publicHolidayCalendar } from '../../src/domain/public-holidays';
import { eitherCalendar, fixedHolidays, noHolidays } from '../../src/domain/holiday-calendar';

describe('isPublicHoliday', () => {
  it.each([
    { country: 'NZ', date: '2026-12-25', holiday: true, why: 'Christmas Day' },
    {
      country: 'NZ',
      date: '2026-12-28',
      holiday: true,
      why: 'Boxing Day falls on a Saturday: Monday is the substitute',
    },
    { country: 'NZ', date: '2026-02-06', holiday: true, why: 'Waitangi Day' },
    { country: 'NZ', date: '2026-11-24', holiday: false, why: 'an ordinary Tuesday' },
    {
      country: 'NZ',
      date: '2026-04-05',
      holiday: false,
      why: 'Easter Sunday is an observance, not a public holiday',
    },
    { country: 'nz', date: '2026-12-25', holiday: true, why: 'the country code in lower case' },
    { country: 'GB', date: '2026-12-28', holiday: true, why: 'the UK substitute Boxing Day' },
    { country: 'AU-NSW', date: '2026-10-05', holiday: true, why: 'Labour Day in New South Wales' },
    { country: 'AU-VIC', date: '2026-10-05', holiday: false, why: 'Victoria keeps Labour Day in March' },
    { country: 'DE', date: '2026-12-24', holiday: false, why: 'Christmas Eve is a bank half-day in Germany' },
    { country: 'XX', date: '2026-12-25', holiday: false, why: 'a country the data does not know has none' },
  ])('$country $date -> $holiday ($why)', ({ country, date, holiday }) => {
    expect(isPublicHoliday(country, date)).toBe(holiday);
  });

  it('refuses something that is not a date', () => {
    expect(() => isPublicHoliday('NZ', '25/12/2026')).toThrow('Not a calendar date');
  });

  it('a calendar for a country answers the planner’s question', () => {
    const nz = publicHolidayCalendar('NZ');
    expect(nz.isHoliday('2027-01-01')).toBe(true);
    // 2 January 2027 is a Saturday: the day after New Year's Day moves to Monday the 4th.
    expect(nz.isHoliday('2027-01-04')).toBe(true);
    expect(nz.isHoliday('2027-01-05')).toBe(false);
  });
});

describe('holiday calendars for the pure core', () => {
  it('no holidays, a fixed list, or both of two calendars', () => {
    const own = fixedHolidays(['2026-12-24']);
    expect(noHolidays.isHoliday('2026-12-25')).toBe(false);
    expect(own.isHoliday('2026-12-24')).toBe(true);
    const both = eitherCalendar(publicHolidayCalendar('NZ'), own);
    expect(['2026-12-24', '2026-12-25', '2026-12-23'].map((d) => both.isHoliday(d))).toEqual([
      true,
      true,
      false,
    ]);
  });
});
