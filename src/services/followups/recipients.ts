// Who receives reminders for a customer: the people the business already sends invoices to, and
// failing those, the customer's own address.
import { z } from 'zod';

const persons = z.array(
  z.object({ email: z.string(), includeInEmails: z.boolean(), firstName: z.string(), lastName: z.string() }),
);

export interface Recipients {
  to: string[];
  /** First name to greet, when one person is clearly the addressee. */
  contactName: string | null;
}

export function recipientsOf(contact: {
  email: string | null;
  first_name: string | null;
  persons: unknown;
}): Recipients {
  const people = persons.parse(contact.persons).filter((p) => p.includeInEmails && p.email.includes('@'));
  if (people.length > 0) {
    return { to: [...new Set(people.map((p) => p.email))], contactName: people[0]?.firstName || null };
  }
  const email = contact.email?.trim();
  return { to: email ? [email] : [], contactName: contact.first_name || null };
}
