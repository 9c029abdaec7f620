import { mapCustomer, mapInvoice } from '../../connectors/quickbooks/map';
import { mapCreditMemo, mapPayment } from '../../connectors/quickbooks/map-credits';
import { rawCreditMemo, rawCustomer, rawInvoice, rawPayment } from '../../connectors/quickbooks/schemas';
import { creditMemo, customer, invoice, payment } from '../fixtures/quickbooks/records';

describe('invoices', () => {
  it('maps number, total, balance and dates in minor units', () => {
    expect(mapInvoice(rawInvoice.parse(invoice({ Balance: 262.07 })))).toEqual({
      externalId: '130',
      number: '1037',
      reference: null,
      contactExternalId: '58',
      currency: 'USD',
      issueDate: '2026-10-14',
      dueDate: '2026-11-13',
      status: 'authorised',
      total: 36207,
      amountDue: 26207,
      amountPaid: 10000,
      amountCredited: 0,
      updatedAt: '2026-10-14T20:16:17.000Z',
    });
  });

  it('a nil balance is paid; a zeroed invoice noted "Voided" is voided', () => {
    expect(mapInvoice(rawInvoice.parse(invoice({ Balance: 0 }))).status).toBe('paid');
    const voided = invoice({ TotalAmt: 0, Balance: 0, PrivateNote: 'Voided' });
    expect(mapInvoice(rawInvoice.parse(voided)).status).toBe('voided');
  });

  it('uses the currency exponent: yen have no minor unit', () => {
    const yen = invoice({ CurrencyRef: { value: 'JPY' }, TotalAmt: 12000, Balance: 12000 });
    expect(mapInvoice(rawInvoice.parse(yen)).total).toBe(12000);
  });
});

describe('customers', () => {
  it('maps the names and every address of the email field', () => {
    const raw = customer({
      PrimaryEmailAddr: { Address: 'russ@store.example, books@store.example' },
      Mobile: { FreeFormNumber: '(650) 555-0142' },
    });
    expect(mapCustomer(rawCustomer.parse(raw))).toEqual({
      externalId: '58',
      name: 'Sonnenschein Family Store',
      email: 'russ@store.example',
      firstName: 'Russ',
      lastName: 'Sonnenschein',
      persons: [
        { firstName: 'Russ', lastName: 'Sonnenschein', email: 'russ@store.example', includeInEmails: true },
        { firstName: '', lastName: '', email: 'books@store.example', includeInEmails: true },
      ],
      mobile: '(650) 555-0142',
      archived: false,
      updatedAt: '2026-10-02T19:01:10.000Z',
    });
  });

  it('an inactive customer is archived', () => {
    expect(mapCustomer(rawCustomer.parse(customer({ Active: false }))).archived).toBe(true);
  });
});

describe('payments and credit', () => {
  it('one payment per linked invoice', () => {
    const raw = payment({
      TotalAmt: 150,
      Line: [
        { Amount: 100, LinkedTxn: [{ TxnId: '130', TxnType: 'Invoice' }] },
        { Amount: 50, LinkedTxn: [{ TxnId: '131', TxnType: 'Invoice' }] },
      ],
    });
    const { payments, credits } = mapPayment(rawPayment.parse(raw));
    expect(payments.map((p) => [p.externalId, p.invoiceExternalId, p.amount, p.status])).toEqual([
      ['163:130', '130', 10000, 'active'],
      ['163:131', '131', 5000, 'active'],
    ]);
    expect(credits).toEqual([]);
  });

  it('a credit memo applied with cash: cash is a payment, the credit an allocation, and they add up', () => {
    // Invoice 130 for 362.07: 50 of credit memo 73 applied, 312.07 received in cash.
    const raw = payment({
      TotalAmt: 312.07,
      Line: [
        { Amount: 362.07, LinkedTxn: [{ TxnId: '130', TxnType: 'Invoice' }] },
        { Amount: 50, LinkedTxn: [{ TxnId: '73', TxnType: 'CreditMemo' }] },
      ],
    });
    const { payments, credits } = mapPayment(rawPayment.parse(raw));
    expect(payments).toEqual([expect.objectContaining({ invoiceExternalId: '130', amount: 31207 })]);
    expect(credits).toEqual([
      expect.objectContaining({
        externalId: 'payment-163-creditmemo-73',
        kind: 'credit_note',
        total: 5000,
        remaining: 0,
        allocations: [{ invoiceExternalId: '130', amount: 5000, date: '2026-11-02' }],
      }),
    ]);
    const inv = mapInvoice(rawInvoice.parse(invoice({ Balance: 0 })));
    const settled = payments[0]!.amount + credits[0]!.allocations[0]!.amount;
    expect(inv.total - settled).toBe(inv.amountDue);
  });

  it('money received beyond the invoices is an overpayment credit', () => {
    const raw = payment({ TotalAmt: 120, UnappliedAmt: 20 });
    const { credits } = mapPayment(rawPayment.parse(raw));
    expect(credits).toEqual([
      expect.objectContaining({
        externalId: 'payment-163',
        kind: 'overpayment',
        total: 2000,
        remaining: 2000,
      }),
    ]);
  });

  it('a credit memo keeps its remaining credit', () => {
    expect(mapCreditMemo(rawCreditMemo.parse(creditMemo()))).toEqual(
      expect.objectContaining({
        externalId: '73',
        kind: 'credit_note',
        number: '1026',
        total: 9000,
        remaining: 4000,
      }),
    );
  });
});
