// The organisation's books as the changes see them: the records, the ledger index kept in step with
// them, the sandbox clock, and whoever wants to hear of a change (the webhook dispatcher). Every
// change goes through `touch`, so a changed record always gets a new UpdatedDateUTC (and If-Modified-
// Since always sees it) and is always announced.
import type { LedgerIndex } from './ledger';
import type { OrganisationData } from './records';

export type Resource = 'invoice' | 'contact' | 'creditNote' | 'overpayment' | 'prepayment' | 'payment';

export interface Change {
  resource: Resource;
  id: string;
  type: 'CREATE' | 'UPDATE';
  /** Sandbox clock, epoch ms. */
  at: number;
  /** Credit note events carry the note's Type and Status at the time of the change, as Xero's do. */
  data?: { Type: string; Status: string };
}

export interface Books {
  data: OrganisationData;
  index: LedgerIndex;
  now(): number;
  changed(change: Change): void;
}

export function touch(
  books: Books,
  resource: Resource,
  record: { id: string; updatedAt: number },
  type: Change['type'] = 'UPDATE',
  data?: Change['data'],
): void {
  const at = books.now();
  record.updatedAt = at;
  books.changed({ resource, id: record.id, type, at, ...(data ? { data } : {}) });
}
