// Logging a call a person made: one contact-log entry (channel 'call'), one note on each invoice it
// was about, and when the call got through, the customer's open call task closed and the reminders
// about those invoices still waiting withdrawn (the call was the contact). When the customer
// promised to pay, the promise recorded like every other (pausing chasing) — all in one transaction, or
// nothing when anything is wrong.
import { contactNote } from '../../domain/templates';
import { ArrangementError } from '../arrangements/input';
import { prepareArrangement } from '../arrangements/record';
import type { AppContext } from '../context';
import { localDate } from '../followups/local-date';
import { withdrawInvoicesFromPendingActions } from '../followups/withdraw';
import { CallError, CONTACT_MADE, OUTCOME_WORDS, type CallInput } from './input';
import { logContact } from '../notes/log-contact';
import { oneCustomersInvoices } from '../followups/customer-invoices';

export interface LoggedCall {
  contactLogId: string;
  connectionId: string;
  contactId: string;
  tasksDone: number;
  promiseId: string | null;
}

export async function logCall(
  ctx: AppContext,
  who: { accountId: string; userId: string | null },
  input: CallInput,
): Promise<LoggedCall> {
  const { invoices, first } = await oneCustomersInvoices(ctx, who.accountId, input.invoiceIds, {
    what: 'A call',
    error: (message) => new CallError(message),
  });
  const person = input.number ? `${input.person} (${input.number})` : input.person;
  // The promise is checked (not already past, something still owed) before anything is written.
  let promise: Awaited<ReturnType<typeof prepareArrangement>> | null = null;
  if (input.promisedFor) {
    try {
      promise = await prepareArrangement(ctx, who, {
        kind: 'promise',
        invoiceIds: input.invoiceIds,
        promisedFor: input.promisedFor,
        person,
        via: 'phone',
      });
    } catch (err) {
      if (err instanceof ArrangementError) throw new CallError(err.message);
      throw err;
    }
  }
  const today = localDate(ctx.now(), first.timezone);
  const result = OUTCOME_WORDS[input.outcome];
  const note = {
    kind: 'call' as const,
    date: today,
    invoiceNumbers: invoices.map((i) => i.number),
    person,
    outcome: input.summary,
    result,
  };
  const limit = ctx.connectors[first.platform].noteMaxLength;

  return ctx.db.transaction().execute(async (trx) => {
    const logId = await logContact(trx, {
      connectionId: first.connection_id,
      contactId: first.contact_id,
      actionId: null,
      kind: `call_${input.outcome}`,
      channel: 'call',
      recipient: person,
      subject: null,
      messageId: null,
      summary: contactNote(note, 500),
      invoices,
      note: contactNote(note, limit),
      occurredAt: ctx.now(),
    });
    // A call nobody answered leaves the task to call them open.
    const done = CONTACT_MADE.includes(input.outcome)
      ? await trx
          .updateTable('followup_actions')
          .set({
            status: 'task_done',
            status_reason: `call logged on ${today}: ${result}`,
            completed_at: ctx.now(),
          })
          .where('contact_id', '=', first.contact_id)
          .where('channel', '=', 'task')
          .where('task_kind', '=', 'call')
          .where('status', '=', 'task_open')
          .executeTakeFirst()
      : null;
    // A call that got through takes the place of a reminder about the same invoices still waiting to go.
    if (CONTACT_MADE.includes(input.outcome)) {
      await withdrawInvoicesFromPendingActions(
        trx,
        invoices.map((i) => i.id),
        `call logged: ${result}`,
        ctx.now(),
      );
    }
    const promised = promise ? await promise.store(trx) : null;
    return {
      contactLogId: logId,
      connectionId: first.connection_id,
      contactId: first.contact_id,
      tasksDone: Number(done?.numUpdatedRows ?? 0n),
      promiseId: promised?.id ?? null,
    };
  });
}
