// Intuit's OAuth 2.0 service for one registered app: authorization codes, access tokens (1 hour),
// refresh tokens (100 days, rolling, never past a hard expiry five years after consent), revocation,
// and the OpenID identity behind each connection. Validity is judged on the sandbox clock.
//
// Refresh tokens: a refresh within `rotateAfterSeconds` (24 h) of the token's issue answers with the
// same refresh token, its rolling expiry renewed; a later one issues a new refresh token, and the one
// it replaces still works for `graceSeconds` (10 minutes), answering with its successor, so that a
// retry after a lost response does not break the connection. After that the old one is invalid_grant.
import { randomBytes } from 'node:crypto';
import type { IntuitUser } from './records';

export interface OAuthClientApp {
  clientId: string;
  clientSecret: string;
  /** Exact redirect URIs; null accepts any loopback http(s) URI. */
  redirectUris: string[] | null;
}

export interface TokenLifetimes {
  accessTokenSeconds: number;
  refreshTokenSeconds: number;
  hardExpirySeconds: number;
  rotateAfterSeconds: number;
  graceSeconds: number;
}

export const INTUIT_LIFETIMES: TokenLifetimes = {
  accessTokenSeconds: 3600,
  refreshTokenSeconds: 100 * 86_400,
  hardExpirySeconds: 5 * 365 * 86_400,
  rotateAfterSeconds: 86_400,
  graceSeconds: 600,
};

export const ACCOUNTING_SCOPE = 'com.intuit.quickbooks.accounting';

export interface Connection {
  id: number;
  realmId: string | null;
  user: IntuitUser;
  scopes: string[];
  revoked: boolean;
  consentedAt: number;
}

interface RefreshGrant {
  connection: Connection;
  issuedAt: number;
  expiresAt: number;
  /** Set once a newer refresh token replaced this one. */
  replaced: { at: number; by: string } | null;
}

export type TokenSet = {
  token_type: 'bearer';
  access_token: string;
  expires_in: number;
  refresh_token: string;
  x_refresh_token_expires_in: number;
  x_refresh_token_hard_expires_in: number;
};

export type Authentication =
  { ok: true; connection: Connection } | { ok: false; reason: 'unknown' | 'expired' | 'revoked' };

export type RefreshOutcome =
  { ok: true; tokens: TokenSet; connection: Connection } | { ok: false; description: string };

const opaque = (prefix: string, bytes: number) => `${prefix}${randomBytes(bytes).toString('base64url')}`;

export class OAuthAuthority {
  private readonly codes = new Map<
    string,
    { connection: Connection; redirectUri: string; expiresAt: number }
  >();
  private readonly access = new Map<string, { connection: Connection; expiresAt: number }>();
  private readonly refresh = new Map<string, RefreshGrant>();
  private readonly connections: Connection[] = [];
  private nextUser: { user: IntuitUser; realmId: string | null } | null = null;

  constructor(
    readonly client: OAuthClientApp,
    private readonly clock: () => number,
    private readonly defaultUser: () => IntuitUser,
    private readonly defaultRealm: () => string,
    readonly lifetimes: TokenLifetimes = INTUIT_LIFETIMES,
  ) {}

  redirectAllowed(uri: string): boolean {
    if (this.client.redirectUris) return this.client.redirectUris.includes(uri);
    try {
      const url = new URL(uri);
      return /^https?:$/.test(url.protocol) && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    } catch {
      return false;
    }
  }

  /** The sandbox's user consents at once; returns the code and the realm chosen (none without accounting). */
  consent(scopes: string[], redirectUri: string): { code: string; realmId: string | null } {
    const chosen = this.nextUser ?? { user: this.defaultUser(), realmId: null };
    this.nextUser = null;
    const realmId = scopes.includes(ACCOUNTING_SCOPE) ? (chosen.realmId ?? this.defaultRealm()) : null;
    const connection: Connection = {
      id: this.connections.length + 1,
      realmId,
      user: chosen.user,
      scopes,
      revoked: false,
      consentedAt: this.clock(),
    };
    this.connections.push(connection);
    const code = opaque('AB', 36);
    this.codes.set(code, { connection, redirectUri, expiresAt: this.clock() + 5 * 60_000 });
    return { code, realmId };
  }

  exchangeCode(code: string, redirectUri: string): RefreshOutcome {
    const grant = this.codes.get(code);
    this.codes.delete(code);
    if (!grant || grant.expiresAt <= this.clock() || grant.connection.revoked) {
      return { ok: false, description: 'The authorization code is invalid, used or expired' };
    }
    if (grant.redirectUri !== redirectUri) return { ok: false, description: 'redirect_uri does not match' };
    return { ok: true, tokens: this.issue(grant.connection, null), connection: grant.connection };
  }

  refreshTokens(token: string): RefreshOutcome {
    const now = this.clock();
    const grant = this.refresh.get(token);
    if (!grant) return { ok: false, description: 'Incorrect Token type or clientID' };
    if (grant.connection.revoked) return { ok: false, description: 'Token revoked' };
    if (grant.expiresAt <= now) return { ok: false, description: 'Token expired' };
    if (grant.replaced) {
      if (grant.replaced.at + this.lifetimes.graceSeconds * 1000 <= now) {
        return { ok: false, description: 'Token expired' };
      }
      const successor = this.refresh.get(grant.replaced.by);
      if (!successor) return { ok: false, description: 'Token expired' };
      return {
        ok: true,
        tokens: this.issue(successor.connection, grant.replaced.by),
        connection: grant.connection,
      };
    }
    const keep = now - grant.issuedAt < this.lifetimes.rotateAfterSeconds * 1000;
    if (keep) return { ok: true, tokens: this.issue(grant.connection, token), connection: grant.connection };
    const tokens = this.issue(grant.connection, null);
    grant.replaced = { at: now, by: tokens.refresh_token };
    return { ok: true, tokens, connection: grant.connection };
  }

  /** Revoking either token ends the whole connection, as at Intuit. Unknown tokens are ignored. */
  revokeToken(token: string): void {
    const connection = this.access.get(token)?.connection ?? this.refresh.get(token)?.connection;
    if (connection) connection.revoked = true;
  }

  /** The company disconnects the app (or every company does, without a realm). */
  disconnect(realmId?: string): void {
    for (const connection of this.connections) {
      if (realmId === undefined || connection.realmId === realmId) connection.revoked = true;
    }
  }

  useNextIdentity(user: IntuitUser, realmId: string | null): void {
    this.nextUser = { user, realmId };
  }

  authenticate(token: string): Authentication {
    const grant = this.access.get(token);
    if (!grant) return { ok: false, reason: 'unknown' };
    if (grant.connection.revoked) return { ok: false, reason: 'revoked' };
    if (grant.expiresAt <= this.clock()) return { ok: false, reason: 'expired' };
    return { ok: true, connection: grant.connection };
  }

  /** A new access token, and the given refresh token renewed or (null) a new one. */
  private issue(connection: Connection, refreshToken: string | null): TokenSet {
    const now = this.clock();
    const { accessTokenSeconds, refreshTokenSeconds, hardExpirySeconds } = this.lifetimes;
    const hardExpiresAt = connection.consentedAt + hardExpirySeconds * 1000;
    const accessToken = opaque('eyJlbmMiOiJBMTI4Q0JDLUhTMjU2IiwiYWxnIjoiZGlyIn0..', 96);
    this.access.set(accessToken, { connection, expiresAt: now + accessTokenSeconds * 1000 });
    const token = refreshToken ?? opaque('RT1-', 40);
    const existing = this.refresh.get(token);
    const grant: RefreshGrant = existing ?? { connection, issuedAt: now, expiresAt: 0, replaced: null };
    grant.expiresAt = Math.min(now + refreshTokenSeconds * 1000, hardExpiresAt);
    this.refresh.set(token, grant);
    return {
      token_type: 'bearer',
      access_token: accessToken,
      expires_in: accessTokenSeconds,
      refresh_token: token,
      x_refresh_token_expires_in: Math.floor((grant.expiresAt - now) / 1000),
      x_refresh_token_hard_expires_in: Math.floor((hardExpiresAt - now) / 1000),
    };
  }
}
