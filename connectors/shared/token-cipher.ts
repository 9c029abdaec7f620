// Tokens at rest: AES-256-GCM with a random 96-bit IV per write. Layout: iv(12) | tag(16) | ciphertext.
// A tampered or wrongly keyed blob fails authentication instead of decrypting to garbage.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { TokenSet } from '../types';

const IV_BYTES = 12;
const TAG_BYTES = 16;

const tokenSetSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  expiresAt: z.number().int(),
  idToken: z.string().optional(),
  scope: z.string().optional(),
});

export function encryptTokens(key: Buffer, tokens: TokenSet): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(tokens), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

export function decryptTokens(key: Buffer, blob: Buffer): TokenSet {
  const iv = blob.subarray(0, IV_BYTES);
  const tag = blob.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(tag);
  const text = Buffer.concat([
    decipher.update(blob.subarray(IV_BYTES + TAG_BYTES)),
    decipher.final(),
  ]).toString('utf8');
  return tokenSetSchema.parse(JSON.parse(text));
}
