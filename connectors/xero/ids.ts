// Xero ids are GUIDs. Checking them before they go into a URL keeps a stray comma from changing the
// meaning of an `IDs=` list, and a stray slash from changing the path.
import { ConnectorError } from '../shared/errors';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isXeroId(id: string): boolean {
  return GUID.test(id);
}

/** The ids once each, in first-seen order; any id that is not a GUID refuses the whole request. */
export function uniqueXeroIds(ids: readonly string[], noun: string): string[] {
  const unique = [...new Set(ids)];
  const invalid = unique.find((id) => !isXeroId(id));
  if (invalid !== undefined) {
    throw new ConnectorError('rejected', `Not a Xero ${noun} id: ${JSON.stringify(invalid)}`);
  }
  return unique;
}
