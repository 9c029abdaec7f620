// The demo company: Bayview Sign & Print, a San Francisco sign shop (or, with `country: 'CA'`, its
// Toronto twin), with 40 customers (a few billed in the foreign currency, a few without email, one
// or two inactive) and 300 invoices of every age and state: not yet due, due within days, 1–120 days
// overdue, paid on time or late in one or several payments, part-paid, credited in part, reopened
// after a payment was deleted, voided, and a couple deleted; credit memos applied and unapplied, and
// payments received but not yet applied. The same seed and clock give the same company.
import { baseCompany, type Country } from './company-parts';
import { generateCompany } from './generate-company';
import { createRng } from '../../shared/sandbox/prng';
import type { CompanyData } from './records';

export interface DemoCompanyOptions {
  seed: number;
  now: number;
  country?: Country;
}

export const DEMO_SIZE = {
  invoices: 300,
  open: 95,
  payments: 240,
  contacts: 40,
  creditMemos: 10,
  unappliedPayments: 2,
  deletedInvoices: 2,
};

export function generateDemoCompany(options: DemoCompanyOptions): CompanyData {
  return generateCompany({ ...options, ...DEMO_SIZE });
}

/** The same company with no customers or transactions. */
export function generateEmptyCompany(options: DemoCompanyOptions): CompanyData {
  return baseCompany(createRng(options.seed), options.now, options.country ?? 'US');
}
