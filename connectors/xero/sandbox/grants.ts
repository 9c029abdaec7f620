// The identity side of the sandbox: consents (grants), authorisation codes, rotating refresh tokens,
// access tokens and the connections between a user's grant and the organisation.
//
// Two clocks meet here. Whether a code, access token or refresh token is still good is judged on the
// sandbox clock, so a test can expire tokens by moving it. The time claims inside the JWTs (iat, exp,
// nbf, auth_time) are stamped from the wall clock, because client libraries check them against
// theirs; with the default clock the two are the same.
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import {
  accessTokenHash,
  signJwt,
  verifyJwt,
  type JwtClaims,
  type SigningKey,
} from '../../shared/sandbox/jwt';
import type { SandboxUser } from './records';

export interface ClientApp {
  clientId: string;
  clientSecret: string;
  /** Shown as ProviderName on responses and as the User of notes the app posts. */
  name: string;
  /** Exact redirect URIs; null accepts any loopback http(s) URI (see `redirectUriAllowed`). */
  redirectUris: string[] | null;
}

export interface Grant {
  /** Xero calls this the authentication event: connections authorised together share it. */
  id: string;
  client: ClientApp;
  user: SandboxUser;
  scopes: string[];
  /** Wall-clock seconds, for the auth_time claim. */
  authTime: number;
  sessionId: string;
  revoked: boolean;
}

export interface Connection {
  id: string;
  tenantId: string;
  tenantName: string;
  authEventId: string;
  clientId: string;
  userId: string;
  createdAt: number;
  updatedAt: number;
}

export interface TokenResponseBody {
  id_token?: string;
  access_token: string;
  expires_in: number;
  token_type: 'Bearer';
  refresh_token?: string;
  scope: string;
}

export type TokenResult =
  | { ok: true; body: TokenResponseBody }
  | { ok: false; error: 'invalid_grant' | 'invalid_request'; description?: string };

export type Authentication =
  | { ok: true; grant: Grant; claims: JwtClaims }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'expired'; expiredAt: number };

interface CodeRecord {
  client: ClientApp;
  redirectUri: string;
  grant: Grant;
  challenge: string | null;
  challengeMethod: 'S256' | 'plain';
  nonce: string | null;
  issuedAt: number;
  used: boolean;
}

interface RefreshRecord {
  grant: Grant;
  issuedAt: number;
  state: 'active' | 'used' | 'revoked';
}

const CODE_LIFETIME_MS = 5 * 60_000;
const REFRESH_LIFETIME_MS = 60 * 86_400_000;
const ID_TOKEN_LIFETIME_S = 300;
const USER_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access']);

export interface AuthorityOptions {
  client: ClientApp;
  key: SigningKey;
  /** The sandbox clock, epoch ms. */
  clock: () => number;
  accessTokenTtlSeconds: number;
  tenant: { id: string; name: string };
  user: SandboxUser;
}

export class Authority {
  private readonly codes = new Map<string, CodeRecord>();
  private readonly refreshTokens = new Map<string, RefreshRecord>();
  private readonly accessTokens = new Map<string, { grant: Grant; expiresAt: number }>();
  private readonly connectionList: Connection[] = [];
  private nextUser: SandboxUser | null = null;

  constructor(private readonly options: AuthorityOptions) {}

  get client(): ClientApp {
    return this.options.client;
  }

  /** The next consent is given by someone else (another Xero user), once. */
  useNextIdentity(user: SandboxUser): void {
    this.nextUser = user;
  }

  clientById(clientId: string): ClientApp | null {
    return clientId === this.options.client.clientId ? this.options.client : null;
  }

  authenticateClient(clientId: string, clientSecret: string): ClientApp | null {
    const client = this.clientById(clientId);
    if (!client) return null;
    const digest = (text: string) => createHash('sha256').update(text).digest();
    return timingSafeEqual(digest(clientSecret), digest(client.clientSecret)) ? client : null;
  }

  /** The consent screen, clicked through: records the grant, connects the organisation, returns a code. */
  consent(input: {
    client: ClientApp;
    redirectUri: string;
    scopes: string[];
    challenge: string | null;
    challengeMethod: 'S256' | 'plain';
    nonce: string | null;
  }): string {
    const now = this.options.clock();
    const user = this.nextUser ?? this.options.user;
    this.nextUser = null;
    const grant: Grant = {
      id: randomUUID(),
      client: input.client,
      user,
      scopes: input.scopes,
      authTime: Math.floor(Date.now() / 1000),
      sessionId: randomBytes(16).toString('hex'),
      revoked: false,
    };
    // Sign-in alone (OpenID scopes only) connects no organisation, as at Xero.
    if (input.scopes.some((s) => !USER_SCOPES.has(s))) this.connect(grant, now);
    const code = randomBytes(32).toString('base64url');
    this.codes.set(code, {
      client: input.client,
      redirectUri: input.redirectUri,
      grant,
      challenge: input.challenge,
      challengeMethod: input.challengeMethod,
      nonce: input.nonce,
      issuedAt: now,
      used: false,
    });
    return code;
  }

  private connect(grant: Grant, now: number): void {
    const { tenant } = this.options;
    const existing = this.connectionList.find(
      (c) =>
        c.userId === grant.user.userId && c.clientId === grant.client.clientId && c.tenantId === tenant.id,
    );
    if (existing) {
      existing.authEventId = grant.id;
      existing.updatedAt = now;
      return;
    }
    this.connectionList.push({
      id: randomUUID(),
      tenantId: tenant.id,
      tenantName: tenant.name,
      authEventId: grant.id,
      clientId: grant.client.clientId,
      userId: grant.user.userId,
      createdAt: now,
      updatedAt: now,
    });
  }

  exchangeCode(input: {
    client: ClientApp;
    code: string;
    redirectUri: string | undefined;
    codeVerifier: string | undefined;
    issuer: string;
  }): TokenResult {
    const record = this.codes.get(input.code);
    if (!record || record.used || record.client.clientId !== input.client.clientId) return invalidGrant();
    if (this.options.clock() - record.issuedAt > CODE_LIFETIME_MS)
      return invalidGrant('The code has expired');
    if (input.redirectUri !== record.redirectUri)
      return invalidGrant('redirect_uri does not match the authorization request');
    if (record.challenge !== null) {
      if (!input.codeVerifier || !/^[A-Za-z0-9._~-]{43,128}$/.test(input.codeVerifier)) {
        return invalidGrant('A valid code_verifier is required');
      }
      const derived =
        record.challengeMethod === 'S256'
          ? createHash('sha256').update(input.codeVerifier, 'ascii').digest('base64url')
          : input.codeVerifier;
      if (derived !== record.challenge)
        return invalidGrant('code_verifier does not match the code_challenge');
    }
    record.used = true;
    return { ok: true, body: this.issue(record.grant, input.issuer, { idToken: true, nonce: record.nonce }) };
  }

  /** Rotation: the refresh token used here is dead the moment this returns a new one. */
  refresh(input: { client: ClientApp; refreshToken: string; issuer: string }): TokenResult {
    const record = this.refreshTokens.get(input.refreshToken);
    if (!record || record.state !== 'active' || record.grant.client.clientId !== input.client.clientId) {
      return invalidGrant();
    }
    if (record.grant.revoked || this.options.clock() - record.issuedAt > REFRESH_LIFETIME_MS)
      return invalidGrant();
    record.state = 'used';
    return { ok: true, body: this.issue(record.grant, input.issuer, { idToken: false, nonce: null }) };
  }

  private issue(
    grant: Grant,
    issuer: string,
    options: { idToken: boolean; nonce: string | null },
  ): TokenResponseBody {
    const { key, accessTokenTtlSeconds, clock } = this.options;
    const issuedAt = Math.floor(Date.now() / 1000);
    const jti = randomBytes(16).toString('hex');
    const accessToken = signJwt(key, {
      nbf: issuedAt,
      exp: issuedAt + accessTokenTtlSeconds,
      iss: issuer,
      aud: `${issuer}/resources`,
      client_id: grant.client.clientId,
      sub: grant.user.subject,
      auth_time: grant.authTime,
      xero_userid: grant.user.userId,
      global_session_id: grant.sessionId,
      jti,
      authentication_event_id: grant.id,
      scope: grant.scopes,
    });
    this.accessTokens.set(jti, { grant, expiresAt: clock() + accessTokenTtlSeconds * 1000 });
    const body: TokenResponseBody = {
      access_token: accessToken,
      expires_in: accessTokenTtlSeconds,
      token_type: 'Bearer',
      scope: grant.scopes.join(' '),
    };
    if (options.idToken && grant.scopes.includes('openid')) {
      body.id_token = signJwt(key, this.idTokenClaims(grant, issuer, issuedAt, accessToken, options.nonce));
    }
    // Only offline_access earns a refresh token.
    if (grant.scopes.includes('offline_access')) {
      const refreshToken = randomBytes(32).toString('hex');
      this.refreshTokens.set(refreshToken, { grant, issuedAt: clock(), state: 'active' });
      body.refresh_token = refreshToken;
    }
    return body;
  }

  private idTokenClaims(
    grant: Grant,
    issuer: string,
    issuedAt: number,
    accessToken: string,
    nonce: string | null,
  ): JwtClaims {
    const { user } = grant;
    const profile = grant.scopes.includes('profile');
    const email = grant.scopes.includes('email');
    return {
      nbf: issuedAt,
      exp: issuedAt + ID_TOKEN_LIFETIME_S,
      iss: issuer,
      aud: grant.client.clientId,
      iat: issuedAt,
      at_hash: accessTokenHash(accessToken),
      sid: grant.sessionId,
      sub: user.subject,
      auth_time: grant.authTime,
      xero_userid: user.userId,
      global_session_id: grant.sessionId,
      ...(nonce !== null ? { nonce } : {}),
      ...(profile ? { preferred_username: user.email } : {}),
      ...(email ? { email: user.email } : {}),
      ...(profile
        ? {
            given_name: user.givenName,
            family_name: user.familyName,
            name: `${user.givenName} ${user.familyName}`,
          }
        : {}),
    };
  }

  /** RFC 7009: revoking a refresh token ends its grant and removes the connections it made. */
  revoke(client: ClientApp, token: string): void {
    const record = this.refreshTokens.get(token);
    if (!record || record.grant.client.clientId !== client.clientId) return;
    this.endGrant(record.grant);
    this.removeConnections((c) => c.authEventId === record.grant.id);
  }

  private endGrant(grant: Grant): void {
    grant.revoked = true;
    for (const record of this.refreshTokens.values()) {
      if (record.grant === grant && record.state === 'active') record.state = 'revoked';
    }
  }

  /** The organisation disconnects the app in Xero: every connection goes, every refresh token dies. */
  disconnectEverything(): void {
    this.removeConnections(() => true);
    for (const record of this.refreshTokens.values()) {
      record.grant.revoked = true;
      if (record.state === 'active') record.state = 'revoked';
    }
  }

  authenticate(token: string): Authentication {
    const claims = verifyJwt(this.options.key, token);
    const jti = claims?.jti;
    const record = typeof jti === 'string' ? this.accessTokens.get(jti) : undefined;
    if (!claims || !record) return { ok: false, reason: 'invalid' };
    if (this.options.clock() >= record.expiresAt)
      return { ok: false, reason: 'expired', expiredAt: record.expiresAt };
    return { ok: true, grant: record.grant, claims };
  }

  /** A user's connections for this app (every grant of theirs, not only the one presenting the token). */
  connectionsOf(grant: Grant): Connection[] {
    return this.connectionList.filter(
      (c) => c.userId === grant.user.userId && c.clientId === grant.client.clientId,
    );
  }

  isConnected(grant: Grant, tenantId: string): boolean {
    return this.connectionsOf(grant).some((c) => c.tenantId.toLowerCase() === tenantId.toLowerCase());
  }

  deleteConnection(grant: Grant, connectionId: string): boolean {
    const target = this.connectionsOf(grant).find((c) => c.id === connectionId);
    if (!target) return false;
    this.removeConnections((c) => c === target);
    return true;
  }

  private removeConnections(predicate: (c: Connection) => boolean): void {
    for (let i = this.connectionList.length - 1; i >= 0; i--) {
      const connection = this.connectionList[i];
      if (connection && predicate(connection)) this.connectionList.splice(i, 1);
    }
  }
}

function invalidGrant(description?: string): TokenResult {
  return description
    ? { ok: false, error: 'invalid_grant', description }
    : { ok: false, error: 'invalid_grant' };
}
