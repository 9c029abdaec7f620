import { assertMinor, currencyExponent, formatMoney, minorToDecimal, sumMinor } from '../../src/domain/money';

describe('formatMoney', () => {
  it.each([
    { name: 'NZ dollars', minor: 123450, currency: 'NZD', expected: '$1,234.50 NZD' },
    { name: 'negative (a credit)', minor: -123450, currency: 'NZD', expected: '-$1,234.50 NZD' },
    { name: 'US dollars are told apart from NZ', minor: 123450, currency: 'USD', expected: '$1,234.50 USD' },
    { name: 'a few cents', minor: 5, currency: 'AUD', expected: '$0.05 AUD' },
    { name: 'yen have no minor unit', minor: 500, currency: 'JPY', expected: '¥500 JPY' },
    { name: 'negative yen', minor: -1500, currency: 'JPY', expected: '-¥1,500 JPY' },
    { name: 'pounds', minor: 1250, currency: 'GBP', expected: '£12.50 GBP' },
    { name: 'zero euro', minor: 0, currency: 'EUR', expected: '€0.00 EUR' },
    { name: 'three decimals, code not repeated', minor: 1235, currency: 'KWD', expected: 'KWD 1.235' },
    { name: 'lower-case code', minor: 100, currency: 'nzd', expected: '$1.00 NZD' },
    {
      name: 'the largest safe amount, to the cent',
      minor: Number.MAX_SAFE_INTEGER,
      currency: 'USD',
      expected: '$90,071,992,547,409.91 USD',
    },
  ])('$name: $minor $currency -> $expected', ({ minor, currency, expected }) => {
    expect(formatMoney(minor, currency)).toBe(expected);
  });
});

it.each([
  ['NZD', 2],
  ['nzd', 2],
  ['JPY', 0],
  ['KWD', 3],
])('%s has %i decimals', (currency, exponent) => {
  expect(currencyExponent(currency)).toBe(exponent);
});

it.each([
  [123450, 'NZD', '1234.50'],
  [-5, 'USD', '-0.05'],
  [500, 'JPY', '500'],
])('%i %s as decimal text is %s', (minor, currency, expected) => {
  expect(minorToDecimal(minor, currency)).toBe(expected);
});

describe('refuses amounts that are not whole minor units', () => {
  it('a fractional amount', () => {
    expect(() => assertMinor(12.5, 'payment')).toThrow('The payment must be a whole number of minor units');
    expect(() => formatMoney(0.1, 'NZD')).toThrow(RangeError);
  });

  it('a sum that leaves the safe-integer range', () => {
    expect(() => sumMinor([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
    expect(sumMinor([100, -30, 5])).toBe(75);
  });
});
