// Kysely's view of the tables created by the migrations. bigint money columns arrive as numbers
// (see database.ts) and `date` columns as 'YYYY-MM-DD' strings.
import type { ColumnType, Generated } from 'kysely';
import type { Platform } from '../../connectors/types';
import type { PolicyTables } from './policy-schema';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface AccountsTable {
  id: Generated<string>;
  name: string;
  created_at: CreatedAt;
}

export interface UsersTable {
  id: Generated<string>;
  account_id: string;
  platform: string;
  subject: string;
  email: string | null;
  name: string | null;
  created_at: CreatedAt;
}

export interface OauthGrantsTable {
  id: Generated<string>;
  account_id: string;
  platform: Platform;
  tokens: Buffer | null;
  created_at: CreatedAt;
}

export type ConnectionStatus = 'active' | 'needs_reauth' | 'disconnected';

export interface ConnectionsTable {
  id: Generated<string>;
  account_id: string;
  platform: Platform;
  tenant_id: string;
  connection_ref: string | null;
  name: string;
  status: ColumnType<ConnectionStatus, ConnectionStatus | undefined, ConnectionStatus>;
  status_reason: string | null;
  grant_id: string | null;
  base_currency: ColumnType<string, string | undefined, string>;
  timezone: ColumnType<string, string | undefined, string>;
  country_code: ColumnType<string, string | undefined, string>;
  reply_to: string | null;
  last_synced_at: NullableTimestamp;
  approval_mode: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
}

export interface ContactsTable {
  id: Generated<string>;
  connection_id: string;
  external_id: string;
  name: string;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  persons: ColumnType<unknown, string, string>;
  /** E.164, for texts. */
  mobile: ColumnType<string | null, string | null | undefined, string | null>;
  archived: boolean;
  remote_updated_at: Timestamp;
}

export interface InvoicesTable {
  id: Generated<string>;
  connection_id: string;
  external_id: string;
  contact_external_id: string;
  number: string;
  reference: string | null;
  currency: string;
  issue_date: string;
  due_date: string;
  status: string;
  total: number;
  platform_amount_due: number;
  remote_updated_at: Timestamp;
  outstanding: ColumnType<number | null, number | null | undefined, number | null>;
  reconciled_status: ColumnType<string | null, string | null | undefined, string | null>;
  reconciled_due_date: ColumnType<string | null, string | null | undefined, string | null>;
  needs_reconcile: ColumnType<boolean, boolean | undefined, boolean>;
  excluded: ColumnType<boolean, boolean | undefined, boolean>;
  /** Where the customer can view and pay it online; null until a reminder first asked the books. */
  online_url: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface PaymentsTable {
  connection_id: string;
  external_id: string;
  invoice_external_id: string;
  amount: number;
  currency: string;
  paid_on: string;
  status: 'active' | 'deleted';
  /** Null when the row is the platform payment itself (every Xero payment). */
  platform_payment_id: string | null;
  remote_updated_at: Timestamp;
}

export interface CreditsTable {
  id: Generated<string>;
  connection_id: string;
  external_id: string;
  kind: string;
  number: string | null;
  contact_external_id: string;
  currency: string;
  credit_date: string;
  status: string;
  total: number;
  remaining: number;
  platform_payment_id: string | null;
  remote_updated_at: Timestamp;
}

export interface CreditAllocationsTable {
  credit_id: string;
  connection_id: string;
  invoice_external_id: string;
  amount: number;
  allocated_on: string;
  position: number;
}

export interface SyncCursorsTable {
  connection_id: string;
  resource: string;
  modified_since: NullableTimestamp;
  next_page: number;
  high_water: NullableTimestamp;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface InvoiceEventsTable {
  id: Generated<string>;
  invoice_id: string;
  kind: string;
  detail: string;
  occurred_at: CreatedAt;
}

export interface ReconciliationIssuesTable {
  invoice_id: string;
  computed: number;
  platform: number;
  noticed_at: CreatedAt;
}

export type ActionStatus =
  'pending' | 'awaiting_approval' | 'claimed' | 'sent' | 'task_open' | 'task_done' | 'cancelled' | 'skipped';

export interface FollowupActionsTable {
  id: Generated<string>;
  idempotency_key: string;
  connection_id: string;
  contact_id: string;
  stage_key: string;
  stage_name: string;
  channel: string;
  tone: string;
  template: string;
  currency: string;
  reason: string;
  status: ColumnType<ActionStatus, ActionStatus | undefined, ActionStatus>;
  status_reason: string | null;
  planned_on: string;
  kind: ColumnType<string, string | undefined, string>;
  /** The policy the action was planned under; null for actions planned before that was recorded. */
  policy_id: ColumnType<string | null, string | null | undefined, string | null>;
  task_kind: string | null;
  requires_approval: ColumnType<boolean, boolean | undefined, boolean>;
  recipient: string | null;
  detail: ColumnType<unknown, string | undefined, string>;
  /** A text's words, kept from before its claim (see send-sms.ts), and the provider's id for it. */
  message_body: ColumnType<string | null, string | null | undefined, string | null>;
  provider_message_id: ColumnType<string | null, string | null | undefined, string | null>;
  claimed_at: NullableTimestamp;
  completed_at: NullableTimestamp;
  created_at: CreatedAt;
}

export interface FollowupActionInvoicesTable {
  action_id: string;
  invoice_id: string;
  stage_key: string;
}

export interface ContactLogTable {
  id: Generated<string>;
  connection_id: string;
  contact_id: string | null;
  action_id: string | null;
  kind: string;
  channel: string;
  recipient: string | null;
  subject: string | null;
  message_id: string | null;
  summary: string;
  invoice_ids: ColumnType<string[], string[] | undefined, never>;
  occurred_at: CreatedAt;
}

export interface NoteOutboxTable {
  id: Generated<string>;
  connection_id: string;
  contact_log_id: string;
  invoice_id: string;
  invoice_external_id: string;
  body: string;
  status: ColumnType<'pending' | 'posted' | 'failed', 'pending' | undefined, 'pending' | 'posted' | 'failed'>;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  posted_at: NullableTimestamp;
  created_at: CreatedAt;
}

export interface PendingRefetchTable {
  connection_id: string;
  kind: 'invoices' | 'contacts' | 'credits' | 'payments';
  external_id: string;
  received_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ArrangementsTable {
  id: Generated<string>;
  connection_id: string;
  contact_id: string;
  kind: 'dispute' | 'promise' | 'payment_plan';
  invoice_ids: string[];
  made_on: string;
  reason: string | null;
  promised_for: string | null;
  currency: string | null;
  instalments: ColumnType<unknown, string | undefined, string>;
  resolved_on: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface CustomerSettingsTable {
  contact_id: string;
  policy_id: string | null;
  excluded: boolean;
  contact_person: ColumnType<unknown, string | null, string | null>;
}

export interface FollowupSkipsTable {
  id: Generated<string>;
  connection_id: string;
  invoice_id: string;
  skipped_on: string;
  cause: string;
  reason: string;
  recorded_at: CreatedAt;
}

export type SuppressionReason = 'bounced' | 'opted_out' | 'complained' | 'manual';

export interface SuppressionsTable {
  id: Generated<string>;
  connection_id: string;
  channel: 'email' | 'sms';
  address: string;
  reason: SuppressionReason;
  detail: ColumnType<string, string | undefined, string>;
  /** What put it there: 'smtp', 'unsubscribe link', 'bounce notice' or 'person'. */
  source: string;
  created_by: string | null;
  suppressed_at: Timestamp;
  removed_at: NullableTimestamp;
  removed_by: ColumnType<string | null, string | null | undefined, string | null>;
  removal_reason: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface Database extends PolicyTables {
  accounts: AccountsTable;
  users: UsersTable;
  oauth_grants: OauthGrantsTable;
  connections: ConnectionsTable;
  contacts: ContactsTable;
  invoices: InvoicesTable;
  payments: PaymentsTable;
  credits: CreditsTable;
  credit_allocations: CreditAllocationsTable;
  sync_cursors: SyncCursorsTable;
  invoice_events: InvoiceEventsTable;
  reconciliation_issues: ReconciliationIssuesTable;
  followup_actions: FollowupActionsTable;
  followup_action_invoices: FollowupActionInvoicesTable;
  contact_log: ContactLogTable;
  note_outbox: NoteOutboxTable;
  pending_refetch: PendingRefetchTable;
  arrangements: ArrangementsTable;
  customer_settings: CustomerSettingsTable;
  followup_skips: FollowupSkipsTable;
  suppressions: SuppressionsTable;
}
