// What the call form shows: the customer, and their open invoices to say which the call was about.
import type { Db } from '../../db/database';

export interface CallFormFacts {
  contactId: string;
  customer: string;
  invoices: { id: string; number: string; dueDate: string; outstanding: number; currency: string }[];
}

export async function callFormFacts(
  db: Db,
  accountId: string,
  about: { invoiceId: string } | { contactId: string },
): Promise<CallFormFacts | null> {
  let query = db
    .selectFrom('contacts as c')
    .innerJoin('connections as k', 'k.id', 'c.connection_id')
    .select(['c.id', 'c.name', 'c.connection_id', 'c.external_id'])
    .where('k.account_id', '=', accountId);
  query =
    'contactId' in about
      ? query.where('c.id', '=', about.contactId)
      : query.where(({ exists, selectFrom }) =>
          exists(
            selectFrom('invoices as i')
              .select('i.id')
              .where('i.id', '=', about.invoiceId)
              .whereRef('i.connection_id', '=', 'c.connection_id')
              .whereRef('i.contact_external_id', '=', 'c.external_id'),
          ),
        );
  const contact = await query.executeTakeFirst();
  if (!contact) return null;
  const invoices = await db
    .selectFrom('invoices')
    .select(['id', 'number', 'due_date', 'outstanding', 'currency'])
    .where('connection_id', '=', contact.connection_id)
    .where('contact_external_id', '=', contact.external_id)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'authorised'), eb('outstanding', '>', 0)]),
        ...('invoiceId' in about ? [eb('id', '=', about.invoiceId)] : []),
      ]),
    )
    .orderBy('due_date')
    .orderBy('number')
    .execute();
  return {
    contactId: contact.id,
    customer: contact.name,
    invoices: invoices.map((i) => ({
      id: i.id,
      number: i.number,
      dueDate: i.due_date,
      outstanding: i.outstanding ?? 0,
      currency: i.currency,
    })),
  };
}
