// GET {apiUrl}/connections: the organisations a user's grant reaches. xero-node only calls this on a
// hard-coded api.xero.com and through its stateful XeroClient, so it is one small fetch of our own.
import type { Tenant } from '../types';
import { fromFetchFailure, fromHttpAnswer } from './errors';
import { mapTenants } from './map';
import { parseEnvelope, parseRecord } from './parse';
import { connectionsList, rawConnection } from './schemas';

export async function listTenants(connectionsUrl: string, accessToken: string, timeoutMs: number): Promise<Tenant[]> {
  const what = 'Connections';
  let status: number;
  let body: string;
  let headers: Headers;
  try {
    const response = await fetch(connectionsUrl, {
      headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
    });
    status = response.status;
    headers = response.headers;
    body = await response.text();
  } catch (err) {
    throw fromFetchFailure(err, what);
  }
  if (status < 200 || status > 299) {
    throw fromHttpAnswer({ status, header: (name) => headers.get(name) ?? undefined, body }, what);
  }
  const records = parseEnvelope(connectionsList, body, what);
  return mapTenants(records.map((raw, index) => parseRecord(rawConnection, raw, what, index, 'id')));
}
