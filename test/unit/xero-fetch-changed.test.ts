import nock from 'nock';
import { createXeroConnector } from '../../connectors/xero';
import { ACCOUNTING, accounting, config, ctx, failure } from '../fixtures/xero/api';
import { guid, invoicesBody, msDate, rawInvoice } from '../fixtures/xero/records';
import { accountingExample, asArray, dig } from '../fixtures/xero/spec-examples';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

function rawContact(n: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ContactID: guid(n, 'cccc'),
    ContactStatus: 'ACTIVE',
    Name: `Customer ${n}`,
    EmailAddress: `accounts${n}@customer.example`,
    UpdatedDateUTC: msDate('2024-02-01T10:00:00Z'),
    ...overrides,
  };
}

const CREDIT_NOTE = '249f15fa-f2a7-4acc-8769-0984103f2225';

describe('re-fetching what a webhook said changed', () => {
  it('reads contacts and invoices by IDs= and credit notes one by one, each id once', async () => {
    const invoiceIds = [guid(1, 'aaaa'), guid(2, 'aaaa')];
    const gone = guid(9, 'dddd');
    const scope = accounting()
      .get(`${ACCOUNTING}/Contacts`)
      .query({ IDs: guid(1, 'cccc'), includeArchived: 'true' })
      .reply(200, { Contacts: [rawContact(1, { ContactStatus: 'ARCHIVED' })] })
      .get(`${ACCOUNTING}/Invoices`)
      .query({ IDs: invoiceIds.join(',') })
      .reply(
        200,
        invoicesBody([rawInvoice(1, { Status: 'PAID', AmountDue: 0, AmountPaid: 115 }), rawInvoice(2)]),
      )
      // CreditNotes takes no IDs= (see the spec), so each is read by its own URL.
      .get(`${ACCOUNTING}/CreditNotes/${CREDIT_NOTE}`)
      .reply(200, JSON.stringify(accountingExample('/CreditNotes/{CreditNoteID}')))
      .get(`${ACCOUNTING}/CreditNotes/${gone}`)
      .reply(404, { Title: 'Not Found', Detail: 'The resource you are looking for cannot be found' });

    const changed = await createXeroConnector(config).fetchChanged(ctx, {
      contacts: [guid(1, 'cccc'), guid(1, 'cccc')],
      invoices: [...invoiceIds, invoiceIds[0] ?? ''],
      credits: [CREDIT_NOTE, gone, CREDIT_NOTE],
      payments: [],
    });

    expect(changed.contacts).toEqual([
      expect.objectContaining({ externalId: guid(1, 'cccc'), archived: true }),
    ]);
    expect(changed.invoices.map((invoice) => [invoice.externalId, invoice.status])).toEqual([
      [guid(1, 'aaaa'), 'paid'],
      [guid(2, 'aaaa'), 'authorised'],
    ]);
    // The deleted one is simply absent.
    expect(changed.credits).toEqual([
      expect.objectContaining({ externalId: CREDIT_NOTE, kind: 'credit_note', remaining: 3250, total: 3450 }),
    ]);
    expect(scope.isDone()).toBe(true);
  });

  it('sends contacts in batches of 50 ids', async () => {
    const ids = Array.from({ length: 51 }, (_, i) => guid(i + 1, 'cccc'));
    const scope = accounting()
      .get(`${ACCOUNTING}/Contacts`)
      .query({ IDs: ids.slice(0, 50).join(','), includeArchived: 'true' })
      .reply(200, { Contacts: ids.slice(0, 50).map((_, i) => rawContact(i + 1)) })
      .get(`${ACCOUNTING}/Contacts`)
      .query({ IDs: ids[50] ?? '', includeArchived: 'true' })
      .reply(200, { Contacts: [] });
    const changed = await createXeroConnector(config).fetchChanged(ctx, {
      contacts: ids,
      invoices: [],
      credits: [],
      payments: [],
    });
    expect(changed.contacts).toHaveLength(50);
    expect(scope.isDone()).toBe(true);
  });

  it('leaves out what collections has no use for: bills, supplier credit and draft credit notes', async () => {
    const [exampleNote] = asArray(dig(accountingExample('/CreditNotes/{CreditNoteID}'), 'CreditNotes'));
    const draft = guid(3, 'dddd');
    const scope = accounting()
      .get(`${ACCOUNTING}/Invoices`)
      .query({ IDs: guid(5, 'aaaa') })
      .reply(200, invoicesBody([rawInvoice(5, { Type: 'ACCPAY' })]))
      .get(`${ACCOUNTING}/CreditNotes/${draft}`)
      .reply(200, { CreditNotes: [{ ...(exampleNote as object), CreditNoteID: draft, Status: 'DRAFT' }] });
    const changed = await createXeroConnector(config).fetchChanged(ctx, {
      contacts: [],
      invoices: [guid(5, 'aaaa')],
      credits: [draft],
      payments: [],
    });
    expect(changed).toEqual({ invoices: [], contacts: [], credits: [], payments: [] });
    expect(scope.isDone()).toBe(true);
  });

  it('makes no call for nothing', async () => {
    const changed = await createXeroConnector(config).fetchChanged(ctx, {
      contacts: [],
      invoices: [],
      credits: [],
      payments: [],
    });
    expect(changed).toEqual({ invoices: [], contacts: [], credits: [], payments: [] });
  });

  it('refuses a bad id before spending any call', async () => {
    const scope = accounting().get(`${ACCOUNTING}/Contacts`).query(true).reply(200, { Contacts: [] });
    const err = await failure(
      createXeroConnector(config).fetchChanged(ctx, {
        contacts: [guid(1, 'cccc')],
        invoices: [],
        credits: ['../Invoices'],
        payments: [],
      }),
    );
    expect(err.code).toBe('rejected');
    expect(err.message).toBe('Not a Xero credit note id: "../Invoices"');
    expect(scope.isDone()).toBe(false);
  });

  it('gives back a failure other than 404 instead of treating the credit note as gone', async () => {
    accounting()
      .get(`${ACCOUNTING}/CreditNotes/${CREDIT_NOTE}`)
      .reply(403, { Title: 'Forbidden', Detail: 'AuthorizationUnsuccessful' });
    const err = await failure(
      createXeroConnector(config).fetchChanged(ctx, {
        contacts: [],
        invoices: [],
        credits: [CREDIT_NOTE],
        payments: [],
      }),
    );
    expect(err.code).toBe('reauth_required');
  });
});
