// Connecting an organisation: the OAuth round trip, then the person, the account and one connection
// per organisation the grant reaches. Signing in with the platform and connecting are the same flow.
import { randomBytes, randomUUID } from 'node:crypto';
import { encryptTokens } from '../../connectors/shared/token-cipher';
import type { Identity, Platform } from '../../connectors/types';
import type { Db } from '../db/database';
import type { AppContext } from './context';

export interface PendingConnect {
  platform: Platform;
  state: string;
  codeVerifier: string;
}

export function callbackUrl(ctx: AppContext, platform: Platform): string {
  return `${ctx.publicUrl}/connect/${platform}/callback`;
}

export async function beginConnect(
  ctx: AppContext,
  platform: Platform,
): Promise<{ url: string; pending: PendingConnect }> {
  const pending = {
    platform,
    state: randomBytes(24).toString('base64url'),
    codeVerifier: randomBytes(48).toString('base64url'),
  };
  const url = await ctx.connectors[platform].authorizationUrl({
    state: pending.state,
    codeVerifier: pending.codeVerifier,
    redirectUri: callbackUrl(ctx, platform),
  });
  return { url, pending };
}

export interface ConnectResult {
  userId: string;
  accountId: string;
  connectionIds: string[];
}

export async function completeConnect(
  ctx: AppContext,
  input: { pending: PendingConnect; callbackUrl: string; signedInUserId: string | null },
): Promise<ConnectResult> {
  const { platform } = input.pending;
  const connector = ctx.connectors[platform];
  const { tokens, identity, tenants } = await connector.exchangeCode({
    callbackUrl: input.callbackUrl,
    state: input.pending.state,
    codeVerifier: input.pending.codeVerifier,
    redirectUri: callbackUrl(ctx, platform),
  });
  const profiles = await Promise.all(
    tenants.map(async (tenant) => ({
      tenant,
      profile: await connector.organisation({ accessToken: tokens.accessToken, tenantId: tenant.tenantId }),
    })),
  );

  return ctx.db.transaction().execute(async (trx) => {
    const { userId, accountId } = await resolveUser(trx, {
      platform,
      identity,
      signedInUserId: input.signedInUserId,
      accountName: profiles[0]?.profile.name ?? 'My business',
    });
    const grant = await trx
      .insertInto('oauth_grants')
      .values({ account_id: accountId, platform, tokens: encryptTokens(ctx.tokenKey, tokens) })
      .returning('id')
      .executeTakeFirstOrThrow();
    const connectionIds: string[] = [];
    for (const { tenant, profile } of profiles) {
      const row = await trx
        .insertInto('connections')
        .values({
          account_id: accountId,
          platform,
          tenant_id: tenant.tenantId,
          connection_ref: tenant.connectionRef,
          name: profile.name,
          status: 'active',
          status_reason: null,
          grant_id: grant.id,
          base_currency: profile.baseCurrency,
          timezone: profile.timezone,
          country_code: profile.countryCode,
          reply_to: identity?.email ?? null,
        })
        .onConflict((oc) =>
          oc.columns(['account_id', 'platform', 'tenant_id']).doUpdateSet({
            connection_ref: tenant.connectionRef,
            name: profile.name,
            status: 'active',
            status_reason: null,
            grant_id: grant.id,
            base_currency: profile.baseCurrency,
            timezone: profile.timezone,
            country_code: profile.countryCode,
          }),
        )
        .returning('id')
        .executeTakeFirstOrThrow();
      connectionIds.push(row.id);
    }
    return { userId, accountId, connectionIds };
  });
}

async function resolveUser(
  trx: Db,
  input: {
    platform: Platform;
    identity: Identity | null;
    signedInUserId: string | null;
    accountName: string;
  },
): Promise<{ userId: string; accountId: string }> {
  if (input.signedInUserId) {
    const user = await trx
      .selectFrom('users')
      .select(['id', 'account_id'])
      .where('id', '=', input.signedInUserId)
      .executeTakeFirst();
    if (user) return { userId: user.id, accountId: user.account_id };
  }
  // Without an identity (no openid scope) the person can only be a new user.
  const subject = input.identity?.subject ?? randomUUID();
  const existing = await trx
    .selectFrom('users')
    .select(['id', 'account_id'])
    .where('platform', '=', input.platform)
    .where('subject', '=', subject)
    .executeTakeFirst();
  if (existing) return { userId: existing.id, accountId: existing.account_id };
  const account = await trx
    .insertInto('accounts')
    .values({ name: input.accountName })
    .returning('id')
    .executeTakeFirstOrThrow();
  const user = await trx
    .insertInto('users')
    .values({
      account_id: account.id,
      platform: input.platform,
      subject,
      email: input.identity?.email ?? null,
      name: input.identity?.name ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { userId: user.id, accountId: account.id };
}
