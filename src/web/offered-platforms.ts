// The platforms this installation can connect: those it holds app credentials for, a local sandbox's
// included. Every page that offers a platform, and every address that starts a connection, asks here.
import type { Platform } from '../../connectors/types';
import type { ConnectorRegistry } from '../services/context';

export function offeredPlatforms(connectors: ConnectorRegistry): Platform[] {
  return Object.values(connectors)
    .filter((connector) => connector.configured)
    .map((connector) => connector.platform);
}
