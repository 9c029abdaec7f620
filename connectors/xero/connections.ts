// GET {apiUrl}/connections: the organisations a user's grant reaches. xero-node only calls this on a
// hard-coded api.xero.com and through its stateful XeroClient, so it is one small fetch of our own.
import type { Tenant } from '../types';
import { fromHttpAnswer } from './errors';
import { getText, isSuccess } from './http';
import { mapTenants } from './map';
import { parseEnvelope, parseRecord } from './parse';
import { connectionsList, rawConnection } from './schemas';

export async function listTenants(
  connectionsUrl: string,
  accessToken: string,
  timeoutMs: number,
): Promise<Tenant[]> {
  const what = 'Connections';
  const answer = await getText(connectionsUrl, { Authorization: `Bearer ${accessToken}` }, timeoutMs, what);
  if (!isSuccess(answer.status)) throw fromHttpAnswer(answer, what);
  const records = parseEnvelope(connectionsList, answer.body, what);
  return mapTenants(records.map((raw, index) => parseRecord(rawConnection, raw, what, index, 'id')));
}
