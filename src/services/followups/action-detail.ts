// What only some kinds of action carry, kept in their detail when they were planned: the payments a
// thank-you is about, the instalment a reminder is for.
import { z } from 'zod';
import type { ReceivedPayment, ReminderInput } from '../../domain/templates';

const thanks = z.object({
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

const instalment = z.object({
  planId: z.uuid(),
  instalmentNumber: z.number().int().positive(),
  dueDate: z.string(),
  amount: z.number().int(),
});

export function paymentsThanked(
  raw: unknown,
  currency: string,
  dueDates: ReadonlyMap<string, string>,
): ReceivedPayment[] {
  return thanks.parse(raw).payments.map((p) => ({
    number: p.number,
    amount: p.amount,
    remaining: p.remaining,
    currency,
    dueDate: dueDates.get(p.invoiceId) ?? p.on,
  }));
}

export function instalmentDue(raw: unknown): z.infer<typeof instalment> {
  return instalment.parse(raw);
}

export type InstalmentWording = NonNullable<ReminderInput['instalment']>;
