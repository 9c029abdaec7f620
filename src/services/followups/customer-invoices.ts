// The invoices a person names for something done with one customer (an arrangement, a call): they must
// all be in the person's own organisations and belong to one customer. Oldest due first.
import type { AppContext } from '../context';

export async function oneCustomersInvoices(
  ctx: AppContext,
  accountId: string,
  invoiceIds: readonly string[],
  refuse: { what: string; error: (message: string) => Error },
) {
  const invoices = await ctx.db
    .selectFrom('invoices as i')
    .innerJoin('connections as k', 'k.id', 'i.connection_id')
    .innerJoin('contacts as c', (j) =>
      j.onRef('c.connection_id', '=', 'i.connection_id').onRef('c.external_id', '=', 'i.contact_external_id'),
    )
    .select([
      'i.id',
      'i.external_id',
      'i.number',
      'i.currency',
      'i.outstanding',
      'i.connection_id',
      'k.timezone',
      'k.platform',
      'c.id as contact_id',
    ])
    .where('i.id', 'in', [...invoiceIds])
    .where('k.account_id', '=', accountId)
    .orderBy('i.due_date')
    .orderBy('i.number')
    .execute();
  const first = invoices[0];
  if (!first || invoices.length !== new Set(invoiceIds).size) {
    throw refuse.error('Some of those invoices are not in your organisations');
  }
  if (invoices.some((i) => i.contact_id !== first.contact_id)) {
    throw refuse.error(`${refuse.what} is with one customer: those invoices belong to different customers`);
  }
  return { invoices, first };
}
