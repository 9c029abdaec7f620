import fc from 'fast-check';
import { isoInstant } from '../../connectors/shared/iso-instant';

describe('isoInstant', () => {
  it.each([
    ['in years 1 to 9999', -62135596800000, 253402300799999],
    ['at all', -8.64e15, 8.64e15],
  ])('writes any instant %s exactly as toISOString does', (_, min, max) => {
    fc.assert(
      fc.property(fc.integer({ min, max }), (ms) => {
        expect(isoInstant(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 20_000 },
    );
  });

  it.each([0, -1, 1541176290160, 253402300799999, 253402300800000, -62135596800000, -62135596800001])(
    'writes %p at the edges exactly as toISOString does',
    (ms) => {
      expect(isoInstant(ms)).toBe(new Date(ms).toISOString());
    },
  );

  it('refuses a time that is not one, as toISOString does', () => {
    expect(() => isoInstant(Number.NaN)).toThrow(RangeError);
  });
});
