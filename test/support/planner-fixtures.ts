// The customer and invoice the planner tests start from, each test overriding what it is about.
import { addDays } from '../../src/domain/dates';
import type { PlannerDebtor, PlannerInvoice } from '../../src/domain/planner';

/** A Tuesday: inside the default Monday-to-Friday send window. */
export const TODAY = '2026-11-24';
export const ago = (days: number) => addDays(TODAY, -days);

/** INV-0012, $1,234.50 NZD, two days overdue, nothing done yet. */
export function invoice(overrides: Partial<PlannerInvoice> = {}): PlannerInvoice {
  return {
    id: 'inv-12',
    number: 'INV-0012',
    currency: 'NZD',
    issueDate: '2026-10-17',
    dueDate: ago(2),
    outstanding: 123450,
    stagesDone: [],
    ...overrides,
  };
}

/** Acme Ltd, reachable by email, never contacted. */
export function debtor(invoices: PlannerInvoice[], overrides: Partial<PlannerDebtor> = {}): PlannerDebtor {
  return {
    id: 'debtor-1',
    name: 'Acme Ltd',
    email: 'jo@acme.example',
    lastContactOn: null,
    invoices,
    ...overrides,
  };
}
