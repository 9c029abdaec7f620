// Every platform's connector, by name. Services look a connector up here; nothing switches on platform.
import type { XeroConnectorConfig } from './xero/provider';
import { createXeroConnector } from './xero';
import type { AccountingConnector, Platform } from './types';

export interface ConnectorsConfig {
  xero: XeroConnectorConfig;
}

export function createConnectors(config: ConnectorsConfig): Record<Platform, AccountingConnector> {
  return { xero: createXeroConnector(config.xero) } satisfies Record<Platform, AccountingConnector>;
}
