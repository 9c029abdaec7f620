// Reading connections in the shape the services work with.
import type { Platform } from '../../../connectors/types';
import type { Db } from '../database';
import type { ConnectionStatus } from '../schema';

export interface ConnectionRecord {
  id: string;
  accountId: string;
  platform: Platform;
  tenantId: string;
  grantId: string | null;
  name: string;
  status: ConnectionStatus;
  timezone: string;
  countryCode: string;
  replyTo: string | null;
}

const columns = [
  'id',
  'account_id',
  'platform',
  'tenant_id',
  'grant_id',
  'name',
  'status',
  'timezone',
  'country_code',
  'reply_to',
] as const;

type Row = {
  id: string;
  account_id: string;
  platform: Platform;
  tenant_id: string;
  grant_id: string | null;
  name: string;
  status: ConnectionStatus;
  timezone: string;
  country_code: string;
  reply_to: string | null;
};

function toRecord(row: Row): ConnectionRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    platform: row.platform,
    tenantId: row.tenant_id,
    grantId: row.grant_id,
    name: row.name,
    status: row.status,
    timezone: row.timezone,
    countryCode: row.country_code,
    replyTo: row.reply_to,
  };
}

export async function findConnection(db: Db, id: string): Promise<ConnectionRecord | undefined> {
  const row = await db.selectFrom('connections').select(columns).where('id', '=', id).executeTakeFirst();
  return row && toRecord(row);
}

export async function activeConnections(db: Db): Promise<ConnectionRecord[]> {
  const rows = await db
    .selectFrom('connections')
    .select(columns)
    .where('status', '=', 'active')
    .orderBy('created_at')
    .execute();
  return rows.map(toRecord);
}
