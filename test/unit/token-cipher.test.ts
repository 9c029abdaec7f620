import { randomBytes } from 'node:crypto';
import { decryptTokens, encryptTokens } from '../../connectors/shared/token-cipher';

const key = randomBytes(32);
const tokens = { accessToken: 'access-abc', refreshToken: 'refresh-def', expiresAt: 1_800_000_000_000 };

it('round-trips tokens without their text appearing at rest', () => {
  const blob = encryptTokens(key, tokens);
  expect(blob.toString('utf8')).not.toContain('refresh-def');
  expect(decryptTokens(key, blob)).toEqual(tokens);
});

it('refuses a tampered blob or a wrong key instead of returning garbage', () => {
  const blob = encryptTokens(key, tokens);
  const tampered = Buffer.from(blob);
  tampered[tampered.length - 1]! ^= 1;
  expect(() => decryptTokens(key, tampered)).toThrow();
  expect(() => decryptTokens(randomBytes(32), blob)).toThrow();
});
