// GET /Payments, creating payments (PUT or POST /Payments, a list or a single payment) and removing
// one (POST /Payments/{PaymentID} with Status DELETED). A deleted payment stays listed, DELETED, so a
// poller sees the invoice reopen.
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { RouteTable } from './accounting-routes';
import { SCOPES } from './api-auth';
import { invoiceAmounts } from './ledger';
import { applyPayment, reversePayment } from './ledger-changes';
import { listRecords, queryParam, type ListDefinition } from './listing';
import { parseCents, type Cents } from '../../shared/sandbox/money';
import { paymentJson } from './present-payments';
import type { BankAccountRecord, InvoiceRecord, PaymentRecord } from './records';
import { sendJson, sendNotFound, sendPostDataInvalid, sendValidationError } from './responses';
import type { SandboxStore } from './store';
import { dateMs, parseDateInput, type CalendarDate } from './xero-dates';
import { extendJson, jsonArray } from './xero-json';

function paymentList(store: SandboxStore): ListDefinition<PaymentRecord> {
  const invoiceOf = (p: PaymentRecord) => store.data.invoices.get(p.invoiceId);
  return {
    typeName: 'Payment',
    id: (p) => p.id,
    updatedAt: (p) => p.updatedAt,
    fields: {
      PaymentID: (p) => p.id,
      PaymentType: (p) => (invoiceOf(p)?.type === 'ACCPAY' ? 'ACCPAYPAYMENT' : 'ACCRECPAYMENT'),
      Status: (p) => p.status,
      Date: (p) => dateMs(p.date),
      Amount: (p) => p.amount / 100,
      Reference: (p) => p.reference,
      IsReconciled: (p) => p.isReconciled,
      UpdatedDateUTC: (p) => p.updatedAt,
      'Invoice.InvoiceID': (p) => p.invoiceId,
      'Invoice.InvoiceNumber': (p) => invoiceOf(p)?.number ?? null,
      'Invoice.Type': (p) => invoiceOf(p)?.type ?? null,
      'Invoice.Contact.ContactID': (p) => invoiceOf(p)?.contactId ?? null,
    },
  };
}

const paymentInput = z
  .object({
    Invoice: z
      .object({ InvoiceID: z.string().optional(), InvoiceNumber: z.string().optional() })
      .loose()
      .optional(),
    InvoiceNumber: z.string().optional(),
    Account: z.object({ AccountID: z.string().optional(), Code: z.string().optional() }).loose().optional(),
    Code: z.string().optional(),
    Date: z.string().optional(),
    Amount: z.union([z.number(), z.string()]).optional(),
    Reference: z.string().optional(),
  })
  .loose();
type PaymentInput = z.infer<typeof paymentInput>;

const createBody = z.union([z.object({ Payments: z.array(paymentInput).min(1) }).loose(), paymentInput]);

const deleteBody = z.union([
  z.object({ Payments: z.array(z.object({ Status: z.literal('DELETED') }).loose()).length(1) }).loose(),
  z.object({ Status: z.literal('DELETED') }).loose(),
]);

interface CheckedPayment {
  input: PaymentInput;
  problems: string[];
  invoice?: InvoiceRecord;
  account?: BankAccountRecord;
  amount?: Cents;
  date?: CalendarDate;
}

/** Checks every payment first, against what the earlier payments of the same request will take. */
function checkPayments(store: SandboxStore, inputs: PaymentInput[]): CheckedPayment[] {
  const { index } = store;
  const pending = new Map<string, Cents>();
  return inputs.map((input) => {
    const problems: string[] = [];
    const invoiceKey = input.Invoice?.InvoiceID ?? input.Invoice?.InvoiceNumber ?? input.InvoiceNumber;
    const invoice = invoiceKey
      ? (store.data.invoices.get(invoiceKey.toLowerCase()) ??
        [...store.data.invoices.values()].find((i) => i.number === invoiceKey))
      : undefined;
    if (!invoiceKey) problems.push('An Invoice must be specified for the payment');
    else if (!invoice) problems.push('Invoice could not be found');
    else if (invoice.status !== 'AUTHORISED')
      problems.push('Payments can only be made against Authorised documents');

    const accountKey = input.Account?.AccountID ?? input.Account?.Code ?? input.Code;
    const account = store.data.bankAccounts.find(
      (a) => a.id === accountKey?.toLowerCase() || a.code === accountKey,
    );
    if (!account) problems.push('Account could not be found');

    const amount = input.Amount === undefined ? null : parseCents(input.Amount);
    if (amount === null || amount <= 0) problems.push('Payment amount must be greater than zero');
    else if (invoice && invoice.status === 'AUTHORISED') {
      const taken = pending.get(invoice.id) ?? 0;
      if (taken + amount > invoiceAmounts(index, invoice).amountDue) {
        problems.push('Payment amount exceeds the amount outstanding on this document');
      } else {
        pending.set(invoice.id, taken + amount);
      }
    }

    const date = input.Date === undefined ? store.today() : parseDateInput(input.Date);
    if (date === null) problems.push('Date must be a valid date (YYYY-MM-DD)');
    return {
      input,
      problems,
      ...(invoice ? { invoice } : {}),
      ...(account ? { account } : {}),
      ...(amount !== null ? { amount } : {}),
      ...(date !== null ? { date } : {}),
    };
  });
}

function record(store: SandboxStore, checked: CheckedPayment, reference: string): PaymentRecord {
  const { invoice, account, amount, date } = checked;
  if (!invoice || !account || amount === undefined || date === undefined)
    throw new Error('Only checked payments are recorded');
  return applyPayment(store.books, {
    id: randomUUID(),
    invoice,
    amount,
    date,
    reference,
    accountId: account.id,
  });
}

export function registerPaymentRoutes(routes: RouteTable): void {
  const { store } = routes;

  routes.get('/Payments', SCOPES.paymentsRead, (req, res) => {
    const { items, pagination } = listRecords(req, store.order.payments, paymentList(store));
    const ctx = store.presentContext();
    sendJson(res, 200, {
      ...routes.envelope(req),
      ...(pagination ? { pagination } : {}),
      Payments: jsonArray(items, (payment) => paymentJson(ctx, payment)),
    });
  });

  routes.get('/Payments/:PaymentID', SCOPES.paymentsRead, (req, res) => {
    const payment = store.data.payments.get(String(req.params.PaymentID).toLowerCase());
    if (!payment) {
      sendNotFound(res);
      return;
    }
    sendJson(res, 200, {
      ...routes.envelope(req),
      Payments: [paymentJson(store.presentContext(), payment)],
    });
  });

  const create = (req: Request, res: Response) => {
    const parsed = createBody.safeParse(req.body);
    if (!parsed.success) {
      sendPostDataInvalid(res, 'The request body must be a Payment or { "Payments": [ ... ] }');
      return;
    }
    const inputs =
      'Payments' in parsed.data && Array.isArray(parsed.data.Payments) ? parsed.data.Payments : [parsed.data];
    const checked = checkPayments(store, inputs);
    const summarizeErrors = queryParam(req, 'summarizeErrors')?.toLowerCase() !== 'false';
    if (summarizeErrors && checked.some((c) => c.problems.length > 0)) {
      sendValidationError(
        res,
        checked.map((c) => ({ ...c.input, ValidationErrors: c.problems.map((Message) => ({ Message })) })),
      );
      return;
    }
    const ctx = () => store.presentContext();
    const results = checked.map((c) => {
      if (c.problems.length > 0) {
        return {
          ...c.input,
          StatusAttributeString: 'ERROR',
          HasValidationErrors: true,
          ValidationErrors: c.problems.map((Message) => ({ Message })),
        };
      }
      const payment = record(store, c, c.input.Reference ?? '');
      return extendJson(paymentJson(ctx(), payment), { StatusAttributeString: 'OK' });
    });
    sendJson(res, 200, { ...routes.envelope(req), Payments: results });
  };
  routes.put('/Payments', SCOPES.paymentsWrite, create);
  routes.post('/Payments', SCOPES.paymentsWrite, create);

  routes.post('/Payments/:PaymentID', SCOPES.paymentsWrite, (req, res) => {
    const payment = store.data.payments.get(String(req.params.PaymentID).toLowerCase());
    if (!payment) {
      sendNotFound(res);
      return;
    }
    if (!deleteBody.safeParse(req.body).success) {
      sendValidationError(res, [
        { ValidationErrors: [{ Message: 'A payment can only be updated to a Status of DELETED' }] },
      ]);
      return;
    }
    reversePayment(store.books, payment);
    sendJson(res, 200, {
      ...routes.envelope(req),
      Payments: [paymentJson(store.presentContext(), payment)],
    });
  });
}
