// Payments as Xero lists them: each with a stub of the invoice it paid. Payments are listed by the
// thousand, so they are written straight to JSON text (see present-parts.ts).
import { centsText, scaledText, toBaseCurrency } from '../../shared/sandbox/money';
import { contactSummaryText, type ContactSummaryJson } from './present-contacts';
import type { PresentContext } from './present-parts';
import type { PaymentRecord } from './records';
import { jsonString as s, RawJson, type XeroDecimal } from './xero-json';
import { msDate, utcSecondsZ, xeroDate } from './xero-dates';

export interface PaymentJson {
  PaymentID: string;
  Date: string;
  BankAmount: XeroDecimal;
  Amount: XeroDecimal;
  Reference: string;
  CurrencyRate: XeroDecimal;
  PaymentType: string;
  Status: string;
  UpdatedDateUTC: string;
  UpdatedDateUTCString: string;
  HasAccount: boolean;
  IsReconciled: boolean;
  Account: { AccountID: string; Code: string };
  Invoice: {
    Type: string;
    InvoiceID: string;
    InvoiceNumber: string;
    Payments: never[];
    CreditNotes: never[];
    Prepayments: never[];
    Overpayments: never[];
    HasErrors: boolean;
    IsDiscounted: boolean;
    Contact: ContactSummaryJson & { ContactNumber: string };
    LineItems: never[];
    CurrencyCode: string;
  };
  HasValidationErrors: boolean;
}

export function paymentJson(ctx: PresentContext, payment: PaymentRecord): RawJson<PaymentJson> {
  const invoice = ctx.data.invoices.get(payment.invoiceId);
  const account = ctx.data.bankAccounts.find((a) => a.id === payment.accountId);
  const contactId = invoice?.contactId ?? '';
  return new RawJson(
    `{"PaymentID":${s(payment.id)},"Date":"${xeroDate(payment.date)}",` +
      `"BankAmount":${centsText(toBaseCurrency(payment.amount, payment.currencyRate))},` +
      `"Amount":${centsText(payment.amount)},"Reference":${s(payment.reference)},` +
      `"CurrencyRate":${scaledText(payment.currencyRate, 6)},` +
      `"PaymentType":"${invoice?.type === 'ACCPAY' ? 'ACCPAYPAYMENT' : 'ACCRECPAYMENT'}",` +
      `"Status":${s(payment.status)},"UpdatedDateUTC":"${msDate(payment.updatedAt)}",` +
      `"UpdatedDateUTCString":"${utcSecondsZ(payment.updatedAt)}",` +
      `"HasAccount":true,"IsReconciled":${payment.isReconciled},` +
      `"Account":{"AccountID":${s(payment.accountId)},"Code":${s(account?.code ?? '')}},` +
      `"Invoice":{"Type":${s(invoice?.type ?? 'ACCREC')},"InvoiceID":${s(payment.invoiceId)},` +
      `"InvoiceNumber":${s(invoice?.number ?? '')},` +
      `"Payments":[],"CreditNotes":[],"Prepayments":[],"Overpayments":[],"HasErrors":false,"IsDiscounted":false,` +
      `"Contact":${contactSummaryText(ctx.data.contacts.get(contactId), contactId, true)},` +
      `"LineItems":[],"CurrencyCode":${s(invoice?.currencyCode ?? ctx.data.organisation.baseCurrency)}},` +
      `"HasValidationErrors":false}`,
  );
}
