// PUT /{CreditNotes|Overpayments|Prepayments}/{id}/Allocations and DELETE …/Allocations/{AllocationID}:
// applying credit to invoices, and taking it off again (which reopens a paid invoice). A request's
// allocations are checked together, against what the earlier ones in it will take, and applied only
// when all of them pass, as Xero does with summarizeErrors.
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { RouteTable } from './accounting-routes';
import { findCredit, invoiceAmounts, remainingCredit, type CreditKind, type CreditRef } from './ledger';
import { allocate, allocationProblem, deleteAllocation } from './ledger-changes';
import { parseCents, type Cents } from '../../shared/sandbox/money';
import { allocationJson } from './present-parts';
import type { InvoiceRecord } from './records';
import { sendJson, sendNotFound, sendPostDataInvalid, sendValidationError } from './responses';
import type { SandboxStore } from './store';
import { parseDateInput, type CalendarDate } from './xero-dates';
import { extendJson } from './xero-json';

const allocationInput = z
  .object({
    Invoice: z
      .object({ InvoiceID: z.string().optional(), InvoiceNumber: z.string().optional() })
      .loose()
      .optional(),
    Amount: z.union([z.number(), z.string()]).optional(),
    Date: z.string().optional(),
  })
  .loose();
type AllocationInput = z.infer<typeof allocationInput>;

const allocationsBody = z.union([
  z.object({ Allocations: z.array(allocationInput).min(1) }).loose(),
  allocationInput,
]);

/** How the credit names itself inside each allocation of the answer. */
function creditStub(ref: CreditRef) {
  const common = { ID: ref.credit.id, LineItems: [] as never[] };
  if (ref.kind === 'creditNote') return { CreditNote: { CreditNoteID: ref.credit.id, ...common } };
  if (ref.kind === 'overpayment') return { Overpayment: { OverpaymentID: ref.credit.id, ...common } };
  return { Prepayment: { PrepaymentID: ref.credit.id, ...common } };
}

function findInvoice(store: SandboxStore, input: AllocationInput): InvoiceRecord | undefined {
  const id = input.Invoice?.InvoiceID;
  if (id) return store.data.invoices.get(id.toLowerCase());
  const number = input.Invoice?.InvoiceNumber;
  return number ? [...store.data.invoices.values()].find((i) => i.number === number) : undefined;
}

interface Checked {
  input: AllocationInput;
  problems: string[];
  invoice?: InvoiceRecord;
  amount?: Cents;
  date?: CalendarDate;
}

function check(store: SandboxStore, ref: CreditRef, inputs: AllocationInput[]): Checked[] {
  let creditTaken = 0;
  const invoiceTaken = new Map<string, Cents>();
  return inputs.map((input) => {
    const problems: string[] = [];
    const invoice = findInvoice(store, input);
    if (!input.Invoice) problems.push('An Invoice must be specified for the allocation');
    else if (!invoice) problems.push('Invoice could not be found');
    const amount = input.Amount === undefined ? null : parseCents(input.Amount);
    if (amount === null) problems.push('Amount must be a number with at most two decimals');
    const date = input.Date === undefined ? store.today() : parseDateInput(input.Date);
    if (date === null) problems.push('Date must be a valid date (YYYY-MM-DD)');
    if (invoice && amount !== null) {
      const problem = allocationProblem(store.books, ref, invoice, amount);
      const earlier = invoiceTaken.get(invoice.id) ?? 0;
      if (problem) problems.push(problem);
      else if (creditTaken + amount > remainingCredit(ref.credit)) {
        problems.push('The allocated amounts exceed the remaining credit');
      } else if (earlier + amount > invoiceAmounts(store.index, invoice).amountDue) {
        problems.push('The allocated amounts exceed the amount outstanding on this document');
      } else {
        creditTaken += amount;
        invoiceTaken.set(invoice.id, earlier + amount);
      }
    }
    return {
      input,
      problems,
      ...(invoice ? { invoice } : {}),
      ...(amount !== null ? { amount } : {}),
      ...(date !== null ? { date } : {}),
    };
  });
}

function creditFor(store: SandboxStore, req: Request, kind: CreditKind): CreditRef | undefined {
  const ref = findCredit(store.data, String(req.params.CreditID));
  return ref?.kind === kind ? ref : undefined;
}

export function registerAllocationRoutes(
  routes: RouteTable,
  kind: CreditKind,
  resource: 'CreditNotes' | 'Overpayments' | 'Prepayments',
  scopes: readonly string[],
): void {
  const { store } = routes;
  const base = `/${resource}/:CreditID`;

  routes.put(`${base}/Allocations`, scopes, (req, res) => {
    const ref = creditFor(store, req, kind);
    if (!ref) {
      sendNotFound(res);
      return;
    }
    const parsed = allocationsBody.safeParse(req.body);
    if (!parsed.success) {
      sendPostDataInvalid(
        res,
        'The request body must be { "Allocations": [ { "Invoice": …, "Amount": …, "Date": … } ] }',
      );
      return;
    }
    const inputs =
      'Allocations' in parsed.data && Array.isArray(parsed.data.Allocations)
        ? parsed.data.Allocations
        : [parsed.data];
    const checked = check(store, ref, inputs);
    if (checked.some((c) => c.problems.length > 0)) {
      sendValidationError(
        res,
        checked.map((c) => ({ ...c.input, ValidationErrors: c.problems.map((Message) => ({ Message })) })),
      );
      return;
    }
    const ctx = store.presentContext();
    const made = checked.map(({ invoice, amount, date }) => {
      if (!invoice || amount === undefined || date === undefined)
        throw new Error('Only checked allocations are made');
      return allocate(store.books, ref, invoice, { id: randomUUID(), amount, date });
    });
    sendJson(res, 200, {
      ...routes.envelope(req),
      Allocations: made.map((allocation) =>
        extendJson(allocationJson(ctx, allocation, true), { ...creditStub(ref), ValidationErrors: [] }),
      ),
    });
  });

  routes.delete(`${base}/Allocations/:AllocationID`, scopes, (req, res) => {
    const ref = creditFor(store, req, kind);
    const allocationId = String(req.params.AllocationID).toLowerCase();
    if (!ref || !ref.credit.allocations.some((a) => a.id === allocationId)) {
      sendNotFound(res);
      return;
    }
    const allocation = deleteAllocation(store.books, ref, allocationId);
    // Xero answers with the Allocation itself, flagged deleted.
    sendJson(
      res,
      200,
      extendJson(allocationJson(store.presentContext(), allocation), { ...creditStub(ref), IsDeleted: true }),
    );
  });
}
