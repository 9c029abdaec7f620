// RS256 JSON Web Tokens with node:crypto alone: the id_token and access_token Xero issues are both
// JWTs signed by the key the JWKS endpoint publishes, and client libraries verify them against it.
import { createHash, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

export type JwtClaims = Record<string, unknown>;

export interface PublicJwk {
  kty: string;
  use: 'sig';
  alg: 'RS256';
  kid: string;
  e: string;
  n: string;
}

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  kid: string;
  jwk: PublicJwk;
}

let processKey: SigningKey | null = null;

/**
 * One RSA key per process. Generating a 2048-bit key is by far the slowest step of starting a
 * sandbox, and a token from one sandbox is still refused by another: each keeps its own token table.
 */
export function signingKey(): SigningKey {
  if (processKey) return processKey;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const exported = publicKey.export({ format: 'jwk' });
  // Xero's key ids are uppercase hex SHA-1 thumbprints.
  const kid = createHash('sha1')
    .update(publicKey.export({ format: 'der', type: 'spki' }))
    .digest('hex')
    .toUpperCase();
  processKey = {
    privateKey,
    publicKey,
    kid,
    jwk: {
      kty: exported.kty ?? 'RSA',
      use: 'sig',
      alg: 'RS256',
      kid,
      e: exported.e ?? '',
      n: exported.n ?? '',
    },
  };
  return processKey;
}

export function base64url(input: Buffer | string): string {
  return Buffer.from(input).toString('base64url');
}

export function signJwt(key: SigningKey, claims: JwtClaims): string {
  const header = base64url(JSON.stringify({ alg: 'RS256', kid: key.kid, typ: 'JWT' }));
  const body = base64url(JSON.stringify(claims));
  const signature = sign('sha256', Buffer.from(`${header}.${body}`), key.privateKey);
  return `${header}.${body}.${base64url(signature)}`;
}

function isClaims(value: unknown): value is JwtClaims {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function decodePart(part: string): JwtClaims | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return isClaims(value) ? value : null;
  } catch {
    return null;
  }
}

/** The claims of a token this key signed, or null for anything else. */
export function verifyJwt(key: SigningKey, token: string): JwtClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [header, body, signature] = parts as [string, string, string];
  const decodedHeader = decodePart(header);
  if (decodedHeader?.alg !== 'RS256' || decodedHeader.kid !== key.kid) return null;
  const valid = verify(
    'sha256',
    Buffer.from(`${header}.${body}`),
    key.publicKey,
    Buffer.from(signature, 'base64url'),
  );
  return valid ? decodePart(body) : null;
}

/** OpenID Connect's at_hash: the left half of the access token's SHA-256, base64url. */
export function accessTokenHash(accessToken: string): string {
  return base64url(createHash('sha256').update(accessToken, 'ascii').digest().subarray(0, 16));
}
