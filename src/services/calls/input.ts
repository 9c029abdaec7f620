// A call a person made to a customer, as a form or the CLI gives it, parsed with a message naming
// whatever is wrong.
import { z } from 'zod';

export const CALL_OUTCOMES = ['reached', 'voicemail', 'no_answer', 'wrong_number'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/** How each outcome reads in a note: "called Jo on 3 Nov about INV-0012 (no answer)". */
export const OUTCOME_WORDS: Record<CallOutcome, string> = {
  reached: 'reached',
  voicemail: 'left a voicemail',
  no_answer: 'no answer',
  wrong_number: 'wrong number',
};

/** A call that reached the customer or left them a message is a contact; see debtor-facts.ts. */
export const CONTACT_MADE: readonly CallOutcome[] = ['reached', 'voicemail'];

export const callInput = z
  .object({
    invoiceIds: z
      .array(z.uuid({ message: 'is not an invoice of yours' }))
      .min(1, 'name at least one invoice the call was about'),
    person: z.string().trim().min(1, 'say who was called').max(120),
    number: z.string().trim().max(40).optional(),
    outcome: z.preprocess(
      (v) =>
        typeof v === 'string'
          ? v
              .trim()
              .toLowerCase()
              .replace(/[\s-]+/g, '_')
          : v,
      z.enum(CALL_OUTCOMES, { message: 'must be reached, voicemail, no answer or wrong number' }),
    ),
    summary: z.string().trim().max(1000).default(''),
    promisedFor: z.iso.date({ message: 'must be a date, YYYY-MM-DD' }).optional(),
  })
  .refine((c) => c.promisedFor === undefined || c.outcome === 'reached', {
    message: 'a promise to pay needs a call that reached someone',
    path: ['promisedFor'],
  });

export type CallInput = z.infer<typeof callInput>;

export class CallError extends Error {
  readonly code = 'call_invalid';
}
