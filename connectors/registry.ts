// Every platform's connector, by name. Services look a connector up here; nothing switches on platform.
import { createQuickBooksConnector, type QuickBooksConnectorConfig } from './quickbooks';
import type { XeroConnectorConfig } from './xero/provider';
import { createXeroConnector } from './xero';
import type { AccountingConnector, Platform } from './types';

export interface ConnectorsConfig {
  xero: XeroConnectorConfig;
  quickbooks: QuickBooksConnectorConfig;
}

export function createConnectors(config: ConnectorsConfig): Record<Platform, AccountingConnector> {
  return {
    xero: createXeroConnector(config.xero),
    quickbooks: createQuickBooksConnector(config.quickbooks),
  } satisfies Record<Platform, AccountingConnector>;
}
