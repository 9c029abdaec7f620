// The demo organisation, drawn from a seed and dated relative to the sandbox clock, so that an
// organisation generated today has invoices due tomorrow and invoices 90 days overdue. Sizes are
// parameters: the same generator builds the 300-invoice demo and much larger benchmark books.
//
// Invoices are planned by what happened to them (paid on time, part-paid, credited, overdue by so
// many days...), then given a customer whose payment habits fit the story, then dated and priced.
// Payments and credit notes are added as records; statuses come from ledger.ts, never set by hand.
// This file is the order of those steps; each step lives in its own demo-* file. The order matters:
// every step draws from the one seeded stream, so the same seed gives the same books.
import { DEMO_TIMEZONE, type Builder } from './demo-builder';
import { addBills } from './demo-bills';
import { addLooseCredit, numberCreditNotes } from './demo-credit-notes';
import { writeHistory } from './demo-history';
import { draftInvoice, numberInvoices } from './demo-invoice-drafts';
import { assignCustomers, planInvoices } from './demo-invoice-plan';
import { tellStory } from './demo-invoice-stories';
import { baseOrganisation, finishContacts, makeCustomers, makeSuppliers } from './demo-parties';
import { settleAll } from './ledger';
import { createRng } from '../../shared/sandbox/prng';
import type { OrganisationData } from './records';
import { calendarDateIn } from './xero-dates';

export { DEMO_TIMEZONE } from './demo-builder';

export interface DemoOrganisationOptions {
  seed: number;
  /** The sandbox clock when the organisation is created (epoch ms): every age is relative to it. */
  now: number;
  /** Customers (default 48). */
  customers?: number;
  /** Sales invoices, Type ACCREC (default 300). */
  invoices?: number;
  /** Supplier bills, Type ACCPAY (default 24). */
  bills?: number;
}

export function generateEmptyOrganisation(options: { seed: number; now: number }): OrganisationData {
  return baseOrganisation(createRng(options.seed), options.now);
}

export function generateDemoOrganisation(options: DemoOrganisationOptions): OrganisationData {
  const rng = createRng(options.seed);
  const data = baseOrganisation(rng, options.now);
  const b: Builder = {
    rng,
    data,
    today: calendarDateIn(options.now, DEMO_TIMEZONE),
    now: options.now,
    userName: `${data.user.givenName} ${data.user.familyName}`,
  };

  const customers = makeCustomers(b, options.customers ?? 48);
  const invoiceCount = customers.length > 0 ? (options.invoices ?? 300) : 0;
  const plans = assignCustomers(b, planInvoices(b, invoiceCount), customers);
  const invoices = plans.map((plan) => draftInvoice(b, plan));
  numberInvoices(invoices.map((i) => i.invoice));
  invoices.sort((x, y) => (x.invoice.number < y.invoice.number ? -1 : 1));
  for (const { invoice } of invoices) data.invoices.set(invoice.id, invoice);
  for (const { invoice, plan } of invoices) tellStory(b, invoice, plan);
  addLooseCredit(b, customers);
  numberCreditNotes(b);
  addBills(b, makeSuppliers(b), options.bills ?? 24);
  settleAll(data);
  writeHistory(b);
  finishContacts(b, customers);
  return data;
}
