// Counting, once everything has settled, what the customers and the organisation actually received,
// against what the database says happened: the emails the SMTP server took in, the contact log, the
// note outbox and the notes in the platform's invoice history.
import type { CaughtEmail } from '../../src/email/sink';
import type { Db } from '../../src/db/database';

export interface CrashTally {
  actions: number;
  actionsLeftPending: number;
  emails: number;
  /** Copies beyond the first of one Message-ID, plus actions that went out under two Message-IDs. */
  duplicateEmails: number;
  logEntries: number;
  /** An email some customer received that the contact log does not record. */
  lostLogEntries: number;
  /** A log entry claiming an email that no customer received. */
  phantomLogEntries: number;
  /** Contact-log entries of a completed action, beyond one per action. */
  doubledLogEntries: number;
  noteRows: number;
  notes: number;
  /** Outbox rows still pending or failed. */
  unpostedNotes: number;
  /** A logged contact with no note (or no outbox row) on one of its invoices. */
  missingNotes: number;
  /** Notes on an invoice beyond the one each logged contact should leave. */
  doubledNotes: number;
}

const count = <K>(keys: K[]) => {
  const counts = new Map<K, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
};

/** `<action id@host>`: the deterministic Message-ID send-action.ts gives each action's email. */
function actionOfMessageId(messageId: string): string {
  return messageId.replace(/^<|>$/g, '').split('@')[0] ?? '';
}

export async function tally(
  db: Db,
  emails: CaughtEmail[],
  /** The texts of the notes the app left in an invoice's history. */
  notesOn: (invoiceExternalId: string) => string[],
): Promise<CrashTally> {
  const actions = await db.selectFrom('followup_actions').select(['id', 'status']).execute();
  const log = await db
    .selectFrom('contact_log')
    .select(['id', 'action_id', 'kind', 'message_id', 'invoice_ids'])
    .execute();
  const outbox = await db
    .selectFrom('note_outbox')
    .select(['contact_log_id', 'invoice_id', 'invoice_external_id', 'body', 'status'])
    .execute();
  const invoices = await db.selectFrom('invoices').select(['id', 'external_id']).execute();

  const copies = count(emails.map((e) => e.messageId));
  const idsPerAction = new Map<string, Set<string>>();
  for (const id of copies.keys()) {
    const action = actionOfMessageId(id);
    idsPerAction.set(action, (idsPerAction.get(action) ?? new Set()).add(id));
  }
  const duplicateEmails =
    [...copies.values()].reduce((sum, n) => sum + n - 1, 0) +
    [...idsPerAction.values()].reduce((sum, ids) => sum + ids.size - 1, 0);

  const loggedIds = new Set(log.flatMap((l) => (l.message_id === null ? [] : [l.message_id])));
  const lostLogEntries = [...copies.keys()].filter((id) => !loggedIds.has(id)).length;
  const phantomLogEntries = [...loggedIds].filter((id) => !copies.has(id)).length;
  const perAction = count(log.map((l) => l.action_id));
  const doubledLogEntries = [...perAction.values()].reduce((sum, n) => sum + n - 1, 0);

  // Every logged contact names its invoices; each must have an outbox row, and each row its note.
  const rowKeys = new Set(outbox.map((r) => `${r.contact_log_id}/${r.invoice_id}`));
  const unqueued = log
    .filter((l) => l.kind !== 'skipped')
    .flatMap((l) => l.invoice_ids.map((i) => `${l.id}/${i}`))
    .filter((key) => !rowKeys.has(key)).length;
  const unposted = outbox.filter((r) => r.status !== 'posted').length;

  // Notes are compared by invoice and text: each outbox row expects its text once on its invoice.
  const expected = count(outbox.map((r) => `${r.invoice_external_id}\n${r.body}`));
  const found = count(
    invoices.flatMap((i) => notesOn(i.external_id).map((text) => `${i.external_id}\n${text}`)),
  );
  let absent = 0;
  let doubledNotes = 0;
  for (const [key, want] of expected) absent += Math.max(0, want - (found.get(key) ?? 0));
  for (const [key, got] of found) doubledNotes += Math.max(0, got - (expected.get(key) ?? 0));

  return {
    actions: actions.length,
    actionsLeftPending: actions.filter((a) => a.status === 'pending' || a.status === 'claimed').length,
    emails: emails.length,
    duplicateEmails,
    logEntries: log.length,
    lostLogEntries,
    phantomLogEntries,
    doubledLogEntries,
    noteRows: outbox.length,
    notes: [...found.values()].reduce((sum, n) => sum + n, 0),
    unpostedNotes: unposted,
    missingNotes: unqueued + absent,
    doubledNotes,
  };
}
