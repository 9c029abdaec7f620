// The payments a thank-you is about, kept in the action's detail when it was planned.
import { z } from 'zod';
import type { ReceivedPayment } from '../../domain/templates';

const detail = z.object({
  payments: z
    .array(
      z.object({
        invoiceId: z.string(),
        number: z.string(),
        on: z.string(),
        amount: z.number().int(),
        remaining: z.number().int(),
      }),
    )
    .min(1),
});

export function paymentsThanked(
  raw: unknown,
  currency: string,
  dueDates: ReadonlyMap<string, string>,
): ReceivedPayment[] {
  return detail.parse(raw).payments.map((p) => ({
    number: p.number,
    amount: p.amount,
    remaining: p.remaining,
    currency,
    dueDate: dueDates.get(p.invoiceId) ?? p.on,
  }));
}
