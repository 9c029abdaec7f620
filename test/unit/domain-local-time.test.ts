import { formatLocalTime } from '../../src/domain/local-time';

describe('a moment as the organisation reads it', () => {
  const instant = new Date('2026-11-24T13:35:00Z');

  it.each([
    ['Pacific/Auckland', 'NZ', '25 Nov 2026, 02:35 NZDT'],
    ['America/Los_Angeles', 'US', '24 Nov 2026, 05:35 PST'],
    ['Australia/Sydney', 'AU', '25 Nov 2026, 00:35 AEDT'],
    ['Europe/London', 'GB', '24 Nov 2026, 13:35 GMT'],
  ])('in %s (%s): %s', (timeZone, countryCode, expected) => {
    expect(formatLocalTime(instant, { timeZone, countryCode })).toBe(expected);
  });

  it('names the offset where the country has no name for the zone, or is not one Intl knows', () => {
    expect(formatLocalTime(instant, { timeZone: 'Pacific/Auckland', countryCode: '??' })).toBe(
      '25 Nov 2026, 02:35 GMT+13',
    );
  });
});
