// A person's say over chasing: a customer's policy picked by hand, or a customer or an invoice taken
// out of chasing altogether. Taking out withdraws whatever was waiting to go; a new policy has the
// reminders not yet sent planned again under it.
import type { AppContext } from '../context';
import { holdPolicies } from '../policies/hold-policies';
import { connectionPolicies } from '../policies/stored-policies';
import { dropUnsentStageReminders } from './replan-reminders';
import { withdrawInvoicesFromPendingActions } from './withdraw';

export async function setCustomerSettings(
  ctx: AppContext,
  accountId: string,
  contactId: string,
  settings: { policyId: string | null; excluded: boolean },
): Promise<'saved' | 'no_customer' | 'no_policy'> {
  const contact = await ctx.db
    .selectFrom('contacts as c')
    .innerJoin('connections as k', 'k.id', 'c.connection_id')
    .select(['c.id', 'c.connection_id', 'c.external_id'])
    .where('c.id', '=', contactId)
    .where('k.account_id', '=', accountId)
    .executeTakeFirst();
  if (!contact) return 'no_customer';
  // Any of the organisation's policies: a built-in, edited or not, or one of its copies.
  const { policies } = await connectionPolicies(ctx.db, contact.connection_id);
  if (settings.policyId !== null && !policies[settings.policyId]) return 'no_policy';
  return ctx.db.transaction().execute(async (trx) => {
    const picked = settings.policyId === null ? [] : [settings.policyId];
    if ((await holdPolicies(trx, contact.connection_id, picked)).length > 0) return 'no_policy';
    const before = await trx
      .selectFrom('customer_settings')
      .select('policy_id')
      .where('contact_id', '=', contact.id)
      .forUpdate()
      .executeTakeFirst();
    // Reminders planned under the policy the customer was on are planned again under the new one.
    if ((before?.policy_id ?? null) !== settings.policyId) {
      await dropUnsentStageReminders(trx, contact.connection_id, { contactId: contact.id });
    }
    await trx
      .insertInto('customer_settings')
      .values({
        contact_id: contact.id,
        policy_id: settings.policyId,
        excluded: settings.excluded,
        contact_person: null,
      })
      .onConflict((oc) =>
        oc.column('contact_id').doUpdateSet({ policy_id: settings.policyId, excluded: settings.excluded }),
      )
      .execute();
    if (settings.excluded) {
      const invoices = await trx
        .selectFrom('invoices')
        .select('id')
        .where('connection_id', '=', contact.connection_id)
        .where('contact_external_id', '=', contact.external_id)
        .execute();
      await withdrawInvoicesFromPendingActions(
        trx,
        invoices.map((i) => i.id),
        'customer excluded from chasing',
        ctx.now(),
      );
    }
    return 'saved';
  });
}

export async function setInvoiceExcluded(
  ctx: AppContext,
  accountId: string,
  invoiceId: string,
  excluded: boolean,
): Promise<boolean> {
  return ctx.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('invoices')
      .set({ excluded })
      .where('id', '=', invoiceId)
      .where('connection_id', 'in', (eb) =>
        eb.selectFrom('connections').select('id').where('account_id', '=', accountId),
      )
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return false;
    if (excluded)
      await withdrawInvoicesFromPendingActions(trx, [invoiceId], 'invoice excluded from chasing', ctx.now());
    return true;
  });
}
