// An app's credentials at a platform (its OAuth client id and secret). An installation may serve one
// platform only: the other's credentials are then empty, the platform is not offered, and its connector
// refuses to start or renew a connection, naming what would configure it.
import { ConnectorError } from './errors';

export interface AppCredentials {
  clientId: string;
  clientSecret: string;
}

/** How a platform's credentials are named, for the refusal. */
export interface CredentialNames {
  platform: string;
  variables: readonly string[];
}

export function hasCredentials(credentials: AppCredentials): boolean {
  return credentials.clientId !== '' && credentials.clientSecret !== '';
}

/** Throws before anything is sent to a platform the app holds no credentials for. */
export function requireCredentials(credentials: AppCredentials, names: CredentialNames): void {
  if (!hasCredentials(credentials)) {
    throw new ConnectorError(
      'rejected',
      `${names.platform} is not configured (${names.variables.join(', ')})`,
    );
  }
}
