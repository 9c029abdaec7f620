// Kysely's view of a business's own policies (migration 0006).
import type { ColumnType } from 'kysely';

export interface ConnectionPoliciesTable {
  connection_id: string;
  policy_id: string;
  name: string;
  /** The policy it was copied from; null for an edited built-in (whose id says which). */
  based_on: string | null;
  /** The Policy, stages and all, as JSON; parsed with zod when loaded. */
  definition: ColumnType<unknown, string, string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ConnectionTemplatesTable {
  connection_id: string;
  template_id: string;
  policy_id: string;
  subject: string;
  body: string;
}

export interface ConnectionSegmentPoliciesTable {
  connection_id: string;
  segment: string;
  policy_id: string;
}

export interface PolicyTables {
  connection_policies: ConnectionPoliciesTable;
  connection_templates: ConnectionTemplatesTable;
  connection_segment_policies: ConnectionSegmentPoliciesTable;
}
