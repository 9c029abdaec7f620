export { createQuickBooksConnector } from './connector';
export {
  INTUIT_URLS,
  QBO_LIMITS,
  QBO_NOTE_MAX_LENGTH,
  QBO_SCOPES,
  type QuickBooksConnectorConfig,
  type QuickBooksUrls,
} from './provider';
