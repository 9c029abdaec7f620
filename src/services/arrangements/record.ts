// Recording a dispute, a promise to pay or a payment plan. It pauses chasing of its invoices at once
// (their pending reminders are withdrawn; the planner keeps them paused), is logged as a contact, and
// is noted on each invoice in the books, in one transaction.
import { addDays, daysBetween } from '../../domain/dates';
import { contactNote, type ContactNoteInput } from '../../domain/templates';
import type { Db } from '../../db/database';
import type { AppContext } from '../context';
import { localDate } from '../followups/local-date';
import { withdrawInvoicesFromPendingActions } from '../followups/withdraw';
import { ArrangementError, type ArrangementInput } from './input';
import { logContact } from '../notes/log-contact';
import { oneCustomersInvoices } from '../followups/customer-invoices';

const LONGEST_PROMISE_DAYS = 180;

export interface RecordedArrangement {
  id: string;
  connectionId: string;
}

export async function recordArrangement(
  ctx: AppContext,
  who: { accountId: string; userId: string | null },
  input: ArrangementInput,
): Promise<RecordedArrangement> {
  const prepared = await prepareArrangement(ctx, who, input);
  return ctx.db.transaction().execute((trx) => prepared.store(trx));
}

/**
 * Checks an arrangement against the invoices it names, throwing ArrangementError for anything wrong,
 * and returns the writes to make, so that another record (a call) can make them in its own transaction.
 */
export async function prepareArrangement(
  ctx: AppContext,
  who: { accountId: string; userId: string | null },
  input: ArrangementInput,
): Promise<{ store(trx: Db): Promise<RecordedArrangement> }> {
  const { invoices, first } = await oneCustomersInvoices(ctx, who.accountId, input.invoiceIds, {
    what: 'An arrangement',
    error: (message) => new ArrangementError(message),
  });
  const unpaid = invoices.filter((i) => (i.outstanding ?? 0) > 0);
  if (unpaid.length !== invoices.length) {
    const paid = invoices.filter((i) => !unpaid.includes(i)).map((i) => i.number);
    throw new ArrangementError(`Nothing is owed on ${paid.join(', ')}`);
  }
  const today = localDate(ctx.now(), first.timezone);
  const numbers = invoices.map((i) => i.number);
  const owed = invoices.reduce((sum, i) => sum + (i.outstanding ?? 0), 0);
  const currency = first.currency;
  checkTerms(input, { today, owed, currencies: new Set(invoices.map((i) => i.currency)) });

  const note = noteFor(input, { today, numbers, owed, currency });
  const limit = ctx.connectors[first.platform].noteMaxLength;
  const store = async (trx: Db): Promise<RecordedArrangement> => {
    const arrangement = await trx
      .insertInto('arrangements')
      .values({
        connection_id: first.connection_id,
        contact_id: first.contact_id,
        kind: input.kind,
        invoice_ids: invoices.map((i) => i.id),
        made_on: today,
        reason: input.kind === 'dispute' ? input.reason : null,
        promised_for: input.kind === 'promise' ? input.promisedFor : null,
        currency: input.kind === 'payment_plan' ? currency : null,
        instalments: JSON.stringify(input.kind === 'payment_plan' ? input.instalments : []),
        resolved_on: null,
        created_by: who.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await logContact(trx, {
      connectionId: first.connection_id,
      contactId: first.contact_id,
      actionId: null,
      kind: `${input.kind}_recorded`,
      channel: input.via,
      recipient: input.person ?? null,
      subject: null,
      messageId: null,
      summary: contactNote(note, 500),
      invoices,
      note: contactNote(note, limit),
      occurredAt: ctx.now(),
    });
    await withdrawInvoicesFromPendingActions(
      trx,
      invoices.map((i) => i.id),
      `${input.kind.replace('_', ' ')} recorded`,
      ctx.now(),
    );
    return { id: arrangement.id, connectionId: first.connection_id };
  };
  return { store };
}

function checkTerms(
  input: ArrangementInput,
  facts: { today: string; owed: number; currencies: Set<string> },
) {
  if (input.kind === 'promise') {
    const days = daysBetween(facts.today, input.promisedFor);
    if (days < 0)
      throw new ArrangementError(`A promise to pay cannot be for a day already past (${input.promisedFor})`);
    if (days > LONGEST_PROMISE_DAYS) {
      throw new ArrangementError(
        `A promise more than ${LONGEST_PROMISE_DAYS} days ahead is a payment plan; record one instead`,
      );
    }
  }
  if (input.kind === 'payment_plan') {
    if (facts.currencies.size > 1)
      throw new ArrangementError('A payment plan covers invoices in one currency');
    const dates = input.instalments.map((i) => i.dueDate);
    if (dates.some((d, i) => i > 0 && d <= dates[i - 1]!)) {
      throw new ArrangementError('Instalment dates must be in order, one per date');
    }
    if (dates[0]! < facts.today)
      throw new ArrangementError(`The first instalment cannot be before today (${facts.today})`);
    if (dates.at(-1)! > addDays(facts.today, 3 * 365))
      throw new ArrangementError('A payment plan ends within three years');
    const total = input.instalments.reduce((sum, i) => sum + i.amount, 0);
    if (total !== facts.owed) {
      throw new ArrangementError(
        `The instalments add up to ${total} but ${facts.owed} is owed (in minor units)`,
      );
    }
  }
}

function noteFor(
  input: ArrangementInput,
  facts: { today: string; numbers: string[]; owed: number; currency: string },
): ContactNoteInput {
  const base = {
    date: facts.today,
    invoiceNumbers: facts.numbers,
    person: input.person ?? null,
    via: input.via,
  };
  switch (input.kind) {
    case 'dispute':
      return { kind: 'dispute', ...base, reason: input.reason };
    case 'promise':
      return {
        kind: 'promise',
        ...base,
        promisedFor: input.promisedFor,
        amountDue: { minor: facts.owed, currency: facts.currency },
      };
    case 'payment_plan':
      return {
        kind: 'payment_plan',
        ...base,
        instalmentCount: input.instalments.length,
        firstInstalmentOn: input.instalments[0]!.dueDate,
        total: { minor: facts.owed, currency: facts.currency },
      };
  }
}
