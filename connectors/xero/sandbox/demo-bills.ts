// The demo's bills from its suppliers (Type ACCPAY): the suppliers in turn, dated over the last six
// months, those due more than a few days ago paid. The app never chases bills; they are there
// because a real organisation has them, and the connector has to pass them over.
import { eventMs, type Builder } from './demo-builder';
import type { SupplierProfile } from './demo-parties';
import { addPayment } from './demo-invoice-stories';
import { percentOf, UNIT_RATE } from '../../shared/sandbox/money';
import type { InvoiceRecord } from './records';
import { addDays } from './xero-dates';

export function addBills(b: Builder, suppliers: SupplierProfile[], count: number): void {
  const { rng, data, today } = b;
  for (let i = 0; i < count; i++) {
    const { supplier, record } = suppliers[i % suppliers.length] as SupplierProfile;
    const date = addDays(today, -rng.int(0, 180));
    const dueDate = addDays(date, 20);
    const subTotal =
      supplier.minCents === supplier.maxCents
        ? supplier.minCents
        : rng.int(supplier.minCents, supplier.maxCents);
    const taxAmount = percentOf(subTotal, 15);
    const bill: InvoiceRecord = {
      id: rng.uuid(),
      type: 'ACCPAY',
      number: `${supplier.billPrefix}-${rng.int(10_000, 99_999)}`,
      reference: '',
      contactId: record.id,
      date,
      dueDate,
      status: 'AUTHORISED',
      currencyCode: 'NZD',
      currencyRate: UNIT_RATE,
      lineItems: [
        {
          id: rng.uuid(),
          itemCode: null,
          description: supplier.description,
          quantity: 1,
          unitAmount: subTotal,
          accountCode: supplier.accountCode,
          taxType: 'INPUT2',
          taxAmount,
          lineAmount: subTotal,
        },
      ],
      subTotal,
      totalTax: taxAmount,
      total: subTotal + taxAmount,
      sentToContact: false,
      fullyPaidOnDate: null,
      updatedAt: eventMs(b, date),
      history: [],
    };
    data.invoices.set(bill.id, bill);
    if (dueDate < addDays(today, -3)) addPayment(b, bill, bill.total, addDays(dueDate, -rng.int(0, 5)));
  }
}
