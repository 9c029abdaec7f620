export { createXeroConnector } from './connector';
export { XERO_LIMITS, XERO_NOTE_MAX_LENGTH, XERO_PAGE_SIZE, type XeroConnectorConfig } from './provider';
