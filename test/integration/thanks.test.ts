// After chasing, payment: the customer is thanked (or a part payment acknowledged with what remains),
// once, and the thank-you is logged and noted on the invoice.
import { toMinor } from '../../connectors/shared/money';
import { formatMoney } from '../../src/domain/money';
import { pendingActionIds } from '../../src/services/followups/pending-actions';
import { planConnection } from '../../src/services/followups/plan-connection';
import { carryOut } from '../../src/services/followups/send-action';
import { postPendingNotes } from '../../src/services/notes/post-notes';
import { syncConnection } from '../../src/services/sync/sync-connection';
import type { AppContext } from '../../src/services/context';
import { connectSandbox } from '../support/connect';
import { startHarness, type Harness } from '../support/harness';

let h: Harness;
let connectionId: string;
const DAY = 86_400_000;

beforeAll(async () => {
  h = await startHarness();
  connectionId = (await connectSandbox(h.runtime.ctx)).connectionIds[0]!;
  await syncConnection(h.runtime.ctx, connectionId);
  await planConnection(h.runtime.ctx, connectionId);
  for (const id of await pendingActionIds(h.runtime.ctx.db, connectionId)) await carryOut(h.runtime.ctx, id);
});
afterAll(() => h.close());

const db = () => h.runtime.ctx.db;
const dayLater = (days: number): AppContext => ({
  ...h.runtime.ctx,
  now: () => new Date(h.runtime.ctx.now().getTime() + days * DAY),
});

it('thanks a customer the day after they pay a chased invoice, once, with a note on the invoice', async () => {
  const chased = await db()
    .selectFrom('contact_log as l')
    .innerJoin('invoices as i', (j) => j.on((eb) => eb('i.id', '=', eb.fn.any('l.invoice_ids'))))
    .select(['i.id', 'i.external_id', 'i.number', 'i.currency', 'l.contact_id'])
    .where('l.kind', '=', 'email_sent')
    .executeTakeFirstOrThrow();
  const raw = h.sandbox.store.invoice(chased.external_id)!;
  h.sandbox.store.recordPayment({ invoiceId: chased.external_id, amount: raw.AmountDue.toFixed(2) });
  await syncConnection(h.runtime.ctx, connectionId);

  const tomorrow = dayLater(1);
  const plan = await planConnection(tomorrow, connectionId);
  const thanks = await db()
    .selectFrom('followup_actions')
    .select(['id', 'kind', 'stage_name'])
    .where('id', 'in', plan!.planned)
    .where('kind', '=', 'thanks')
    .where('contact_id', '=', chased.contact_id!)
    .execute();
  expect(thanks).toHaveLength(1);

  const before = h.sink.messages().length;
  expect((await carryOut(tomorrow, thanks[0]!.id)).outcome).toBe('sent');
  const email = h.sink.messages()[before]!;
  expect(email.subject.toLowerCase()).toContain('thank');
  expect(email.text).toContain(chased.number);
  expect(email.text).toContain(formatMoney(toMinor(raw.AmountDue, chased.currency), chased.currency));

  while ((await postPendingNotes(tomorrow, connectionId)).posted > 0);
  expect(h.sandbox.store.history(chased.external_id).filter((r) => /thank/i.test(r.Details))).toHaveLength(1);

  // Planning again the same day, or the next, thanks nobody twice.
  const again = await planConnection(dayLater(2), connectionId);
  const second = await db()
    .selectFrom('followup_actions')
    .select('id')
    .where('id', 'in', again!.planned.length ? again!.planned : [thanks[0]!.id])
    .where('kind', '=', 'thanks')
    .where('contact_id', '=', chased.contact_id!)
    .where('id', '!=', thanks[0]!.id)
    .execute();
  expect(second).toEqual([]);
});

it('thanks a customer chased under stages no policy has any more (a copy since deleted)', async () => {
  const thanked = db().selectFrom('followup_actions').select('contact_id').where('kind', '=', 'thanks');
  const chased = await db()
    .selectFrom('contact_log as l')
    .innerJoin('invoices as i', (j) => j.on((eb) => eb('i.id', '=', eb.fn.any('l.invoice_ids'))))
    .select(['i.id', 'i.external_id', 'l.contact_id'])
    .where('l.kind', '=', 'email_sent')
    .where('i.outstanding', '>', 0)
    .where('l.contact_id', 'not in', thanked)
    .executeTakeFirstOrThrow();
  // The reminders that went about it were stages of a copied policy that has since been deleted.
  await db()
    .updateTable('followup_action_invoices')
    .set({ stage_key: 'gone-copy-overdue-reminder' })
    .where('invoice_id', '=', chased.id)
    .execute();
  const raw = h.sandbox.store.invoice(chased.external_id)!;
  h.sandbox.store.recordPayment({ invoiceId: chased.external_id, amount: raw.AmountDue.toFixed(2) });
  await syncConnection(h.runtime.ctx, connectionId);

  const plan = await planConnection(dayLater(1), connectionId);
  const thanks = await db()
    .selectFrom('followup_actions')
    .select('id')
    .where('id', 'in', plan!.planned)
    .where('kind', '=', 'thanks')
    .where('contact_id', '=', chased.contact_id!)
    .execute();
  expect(thanks).toHaveLength(1);
});
