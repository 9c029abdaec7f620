import nock from 'nock';
import type { SyncCursor } from '../../connectors/types';
import { createXeroConnector } from '../../connectors/xero';
import { ACCOUNTING, ORDER, accounting, config, ctx, failure } from '../fixtures/xero/api';
import { guid, msDate } from '../fixtures/xero/records';
import { accountingExample } from '../fixtures/xero/spec-examples';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

const fresh: SyncCursor = { modifiedSince: null, nextPage: 1, highWater: null };

describe('the Xero sync resources', () => {
  it('are contacts, invoices, then everything that settles an invoice, each with its own cursor', () => {
    expect(createXeroConnector(config).syncResources).toEqual([
      { name: 'contacts', kind: 'contacts' },
      { name: 'invoices', kind: 'invoices' },
      { name: 'payments', kind: 'payments' },
      { name: 'credit_notes', kind: 'credits' },
      { name: 'overpayments', kind: 'credits' },
      { name: 'prepayments', kind: 'credits' },
    ]);
  });

  it('pulls received overpayments page by page, oldest change first', async () => {
    const since = '2019-03-01T00:00:00.000Z';
    const scope = accounting({ 'if-modified-since': since })
      .get(`${ACCOUNTING}/Overpayments`)
      .query({ where: 'Type=="RECEIVE-OVERPAYMENT"', order: ORDER, page: '2', pageSize: '1000' })
      .reply(200, JSON.stringify(accountingExample('/Overpayments')));
    const pulled = await createXeroConnector(config).pull({ name: 'overpayments', kind: 'credits' }, ctx, {
      modifiedSince: since,
      nextPage: 2,
      highWater: '2019-03-10T00:00:00.000Z',
    });
    expect(pulled.kind).toBe('credits');
    expect(pulled.page.records.map((record) => record.externalId)).toEqual([
      '2a8bda49-8908-473b-8bcf-1f90990460eb',
      '0859adbc-ea00-40cd-a877-258cf8644975',
      '687b877f-634a-415d-92b2-74e62977de30',
    ]);
    expect(pulled.page.last).toBe(true);
    // The newest change on the page, a skipped supplier overpayment's, starts the next pass.
    expect(pulled.page.cursor).toEqual({
      modifiedSince: '2019-03-12T22:15:50.730Z',
      nextPage: 1,
      highWater: null,
    });
    expect(scope.isDone()).toBe(true);
  });

  it('pulls received prepayments', async () => {
    const scope = accounting()
      .get(`${ACCOUNTING}/Prepayments`)
      .query({ where: 'Type=="RECEIVE-PREPAYMENT"', order: ORDER, page: '1', pageSize: '1000' })
      .reply(200, JSON.stringify(accountingExample('/Prepayments')));
    const pulled = await createXeroConnector(config).pull(
      { name: 'prepayments', kind: 'credits' },
      ctx,
      fresh,
    );
    expect(pulled).toMatchObject({
      kind: 'credits',
      page: { records: [{ kind: 'prepayment', number: 'INV-0011', remaining: 345000 }], last: true },
    });
    expect(scope.isDone()).toBe(true);
  });

  it('skips a draft credit note but still moves the cursor past it', async () => {
    const draft = {
      CreditNoteID: guid(7, 'dddd'),
      CreditNoteNumber: 'CN-0007',
      Type: 'ACCRECCREDIT',
      Contact: { ContactID: guid(1, 'cccc') },
      CurrencyCode: 'NZD',
      Date: msDate('2024-02-05T00:00:00Z'),
      Status: 'DRAFT',
      Total: 50,
      Allocations: [],
      UpdatedDateUTC: msDate('2024-02-06T09:00:00Z'),
    };
    const scope = accounting()
      .get(`${ACCOUNTING}/CreditNotes`)
      .query({ where: 'Type=="ACCRECCREDIT"', order: ORDER, page: '1', pageSize: '1000' })
      .reply(200, { CreditNotes: [draft] });
    const pulled = await createXeroConnector(config).pull(
      { name: 'credit_notes', kind: 'credits' },
      ctx,
      fresh,
    );
    expect(pulled.page).toEqual({
      records: [],
      last: true,
      cursor: { modifiedSince: '2024-02-06T09:00:00.000Z', nextPage: 1, highWater: null },
    });
    expect(scope.isDone()).toBe(true);
  });

  it('refuses a resource it does not sync, or one named with the wrong kind, without calling Xero', async () => {
    const xero = createXeroConnector(config);
    const unknown = await failure(xero.pull({ name: 'bills', kind: 'invoices' }, ctx, fresh));
    expect(unknown.code).toBe('rejected');
    expect(unknown.message).toBe('Xero syncs no resource "bills" of kind "invoices"');
    const mismatched = await failure(xero.pull({ name: 'overpayments', kind: 'payments' }, ctx, fresh));
    expect(mismatched.code).toBe('rejected');
  });
});
