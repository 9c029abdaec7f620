// Every screen of the app, one file each.
export * from './home-page';
export * from './settings-page';
export * from './invoice-page';
export * from './outbox-page';
export * from './simulation-page';
export * from './approvals-page';
export * from './policies-page';
export * from './policy-page';
export * from './unsubscribe-page';
export * from './suppressions-page';
export * from './call-page';
export * from './quickbooks-pages';
export * from './policy-in-use-page';
