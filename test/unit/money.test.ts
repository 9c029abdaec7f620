import { currencyExponent, fromMinor, toMinor } from '../../connectors/shared/money';

describe('toMinor', () => {
  it.each([
    [0.29, 'NZD', 29],
    ['1234.5', 'USD', 123450],
    [1234.565, 'USD', 123457],
    [-12.345, 'GBP', -1235],
    [500, 'JPY', 500],
    [1.2345, 'KWD', 1235],
    [1e-7, 'USD', 0],
    [-0.004, 'USD', 0],
    ['9999999999999.99', 'USD', 999999999999999],
    ['90071992547409.91', 'USD', 9007199254740991],
  ])('%p %s -> %p minor units', (amount, currency, expected) => {
    expect(toMinor(amount, currency)).toBe(expected);
  });

  it('refuses an amount too large to hold exactly, naming it', () => {
    expect(() => toMinor('90071992547409.92', 'USD')).toThrow('Amount out of range: 90071992547409.92');
  });

  it('rejects text that is not a decimal amount, naming it', () => {
    expect(() => toMinor('12,50', 'EUR')).toThrow('Not a decimal amount: "12,50"');
  });
});

describe('fromMinor', () => {
  it.each([
    [123450, 'NZD', '1234.50'],
    [5, 'USD', '0.05'],
    [-5, 'USD', '-0.05'],
    [500, 'JPY', '500'],
    [1235, 'KWD', '1.235'],
  ])('%p %s -> %p', (minor, currency, expected) => {
    expect(fromMinor(minor, currency)).toBe(expected);
  });
});

it('knows currencies without cents', () => {
  expect(currencyExponent('JPY')).toBe(0);
  expect(currencyExponent('nzd')).toBe(2);
});
