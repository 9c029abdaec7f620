// What a person records about a customer, parsed at the edge (form or CLI) with a message naming
// whatever is wrong.
import { z } from 'zod';

const calendarDate = z.iso.date({ message: 'must be a date, YYYY-MM-DD' });
const via = z.enum(['email', 'phone', 'sms', 'letter', 'in person']).default('phone');
const invoiceIds = z
  .array(z.uuid({ message: 'is not an invoice of yours' }))
  .min(1, 'name at least one invoice');

export const arrangementInput = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('dispute'),
    invoiceIds,
    reason: z.string().trim().min(3, 'say what the customer disputes').max(500),
    person: z.string().trim().max(120).optional(),
    via,
  }),
  z.object({
    kind: z.literal('promise'),
    invoiceIds,
    promisedFor: calendarDate,
    person: z.string().trim().max(120).optional(),
    via,
  }),
  z.object({
    kind: z.literal('payment_plan'),
    invoiceIds,
    instalments: z
      .array(
        z.object({ dueDate: calendarDate, amount: z.number().int().positive('must be more than nothing') }),
      )
      .min(2, 'a payment plan has at least two instalments')
      .max(36, 'at most 36 instalments'),
    person: z.string().trim().max(120).optional(),
    via,
  }),
]);

export type ArrangementInput = z.infer<typeof arrangementInput>;

export class ArrangementError extends Error {
  readonly code = 'arrangement_invalid';
}

/** Zod's issues as one sentence a person can act on. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ');
}
