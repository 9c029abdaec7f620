// What came in after Goodwill chased: the payments on an invoice dated on or after the first reminder,
// text or answered call about it, over the last 30 days, per currency. The question a business asks
// of a collections tool: is it working?
import { sql } from 'kysely';
import { fromEpochDay, toEpochDay } from '../../domain/dates';
import type { Minor } from '../../domain/money';
import type { Db } from '../../db/database';
import { CHASING } from '../followups/debtor-facts';

export interface Collected {
  currency: string;
  amount: Minor;
  invoices: number;
}

export const COLLECTED_DAYS = 30;

export async function collectedAfterChasing(
  db: Db,
  connection: { id: string; timezone: string },
  today: string,
): Promise<Collected[]> {
  const since = fromEpochDay(toEpochDay(today) - COLLECTED_DAYS + 1);
  const { rows } = await sql<{ currency: string; amount: string; invoices: number }>`
    with chased as (
      select u.invoice_id, min(l.occurred_at) as first_chased
      from contact_log l cross join unnest(l.invoice_ids) as u(invoice_id)
      where l.connection_id = ${connection.id} and l.kind = any(${CHASING}::text[])
      group by u.invoice_id
    )
    select p.currency, sum(p.amount)::text as amount, count(distinct i.id)::int as invoices
    from chased c
    join invoices i on i.id = c.invoice_id
    join payments p on p.connection_id = i.connection_id and p.invoice_external_id = i.external_id
    where p.status = 'active' and p.paid_on >= ${since}::date
      and p.paid_on >= (c.first_chased at time zone ${connection.timezone})::date
    group by p.currency
    order by p.currency`.execute(db);
  return rows.map((r) => ({ currency: r.currency, amount: Number(r.amount), invoices: r.invoices }));
}
