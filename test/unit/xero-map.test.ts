import { isConnectorError } from '../../connectors/shared/errors';
import { isXeroDate, toCalendarDate, toInstant } from '../../connectors/xero/dates';
import { toE164 } from '../../connectors/shared/phone';
import { DEFAULT_SEED, generateDemoOrganisation } from '../../connectors/xero/sandbox';
import { contactJson } from '../../connectors/xero/sandbox/present-contacts';
import {
  mapContact,
  mapInvoice,
  mapOrganisation,
  mapPayment,
  mapTenants,
  mobileOf,
} from '../../connectors/xero/map';
import { mapCreditNote, mapOverpayment, mapPrepayment } from '../../connectors/xero/map-credits';
import {
  rawConnection,
  rawContact,
  rawCreditNote,
  rawInvoice,
  rawOrganisation,
  rawOverpayment,
  rawPayment,
  rawPrepayment,
} from '../../connectors/xero/schemas';
import {
  contactSource,
  creditNoteSource,
  invoiceSource,
  overpaymentSource,
  paymentSource,
  prepaymentSource,
} from '../../connectors/xero/sources';
import { readPage } from '../../connectors/xero/sync';
import { ianaTimezone, knownXeroTimezones } from '../../connectors/xero/timezones';
import {
  accountingExample,
  accountingSchema,
  asArray,
  dig,
  identityExample,
} from '../fixtures/xero/spec-examples';
import { rawInvoice as invoiceRecord } from '../fixtures/xero/records';

function examples(path: string, key: string, method = 'get'): unknown[] {
  return asArray(dig(accountingExample(path, method), key));
}

function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (err) {
    return err;
  }
  throw new Error('expected a failure');
}

describe('Xero spec examples -> canonical records', () => {
  it('maps the GET /Invoices example: statuses, minor units, calendar dates', () => {
    const { kept } = readPage(invoiceSource, examples('/Invoices', 'Invoices'), 'Invoices page 1');
    expect(kept).toHaveLength(3);
    const [voided, paid, open] = kept;

    expect(voided).toEqual({
      externalId: 'd4956132-ed94-4dd7-9eaa-aa22dfdf06f2',
      number: 'INV-0001',
      reference: 'Red Fish, Blue Fish',
      contactExternalId: 'a3675fc4-f8dd-4f03-ba5b-f1870566bcd7',
      currency: 'NZD',
      issueDate: '2018-10-20',
      dueDate: '2018-12-30',
      status: 'voided',
      total: 4000,
      amountDue: 0,
      amountPaid: 0,
      amountCredited: 0,
      updatedAt: '2018-11-02T16:31:30.160Z',
    });
    expect(paid).toMatchObject({
      number: 'INV-0002',
      status: 'paid',
      total: 4600,
      amountPaid: 4600,
      amountDue: 0,
    });
    expect(open).toMatchObject({
      number: 'INV-0003',
      reference: null,
      status: 'authorised',
      issueDate: '2018-11-02',
      dueDate: '2018-11-07',
      total: 11500,
      amountDue: 11500,
      updatedAt: '2018-11-02T16:37:28.927Z',
    });
  });

  it('maps the GET /Contacts example, and contact persons from GET /Contacts/{ContactID}', () => {
    const { kept } = readPage(contactSource, examples('/Contacts', 'Contacts'), 'Contacts page 1');
    expect(kept[0]).toEqual({
      externalId: '5cc8cf28-567e-4d43-b287-687cfcaec47c',
      name: 'Katherine Warren',
      email: 'kat.warren@clampett.com',
      firstName: 'Katherine',
      lastName: 'Warren',
      persons: [],
      mobile: null, // the example's MOBILE entry is empty
      archived: false,
      updatedAt: '2017-08-21T20:49:04.227Z',
    });
    expect(kept[1]).toMatchObject({ name: 'Lisa Parker', email: 'lparker@parkerandco.com' });

    const [single] = examples('/Contacts/{ContactID}', 'Contacts');
    expect(mapContact(rawContact.parse(single)).persons).toEqual([
      { firstName: 'Sue', lastName: 'Johnson', email: 'sue.johnson@krave.com', includeInEmails: true },
    ]);
  });

  it('maps the GET /Payments example, keeping only payments on sales invoices', () => {
    const records = examples('/Payments', 'Payments');
    expect(records).toHaveLength(2); // the second is a refund of a credit note (ARCREDITPAYMENT)
    const { kept } = readPage(paymentSource, records, 'Payments page 1');
    expect(kept).toEqual([
      {
        externalId: '99ea7f6b-c513-4066-bc27-b7c65dcd76c2',
        invoiceExternalId: '046d8a6d-1ae1-4b4d-9340-5601bdf41b87',
        amount: 4600,
        currency: 'NZD',
        date: '2018-11-29',
        status: 'active',
        platformPaymentId: '99ea7f6b-c513-4066-bc27-b7c65dcd76c2',
        updatedAt: '2018-11-02T16:36:32.690Z',
      },
    ]);
  });

  it('maps the GET /CreditNotes example, keeping approved customer credit notes only', () => {
    const { kept } = readPage(
      creditNoteSource,
      examples('/CreditNotes', 'CreditNotes'),
      'CreditNotes page 1',
    );
    // The second example is a draft supplier credit (ACCPAYCREDIT).
    expect(kept).toEqual([
      {
        externalId: '249f15fa-f2a7-4acc-8769-0984103f2225',
        kind: 'credit_note',
        number: 'CN-0005',
        contactExternalId: '430fa14a-f945-44d3-9f97-5df5e28441b8',
        currency: 'NZD',
        date: '2019-03-05',
        status: 'active',
        total: 3450,
        remaining: 3250,
        allocations: [],
        platformPaymentId: null,
        updatedAt: '2019-03-05T18:59:06.157Z',
      },
    ]);
  });

  it('maps credit note allocations as in the PUT /CreditNotes/{CreditNoteID}/Allocations example', () => {
    const [note] = examples('/CreditNotes', 'CreditNotes');
    const allocations = examples('/CreditNotes/{CreditNoteID}/Allocations', 'Allocations', 'put');
    const deleted = {
      Amount: 5,
      Date: '/Date(1551744000000+0000)/',
      Invoice: { InvoiceID: 'c45720a1-ade3-4a38-a064-d15489be6841' },
      IsDeleted: true,
    };
    const raw = rawCreditNote.parse({ ...(note as object), Allocations: [...allocations, deleted] });
    expect(mapCreditNote(raw).allocations).toEqual([
      { invoiceExternalId: 'c45720a1-ade3-4a38-a064-d15489be6841', amount: 100, date: '2019-03-05' },
    ]);
  });

  it('maps the GET /Organisation example, time zone included', () => {
    const [org] = examples('/Organisation', 'Organisations');
    expect(mapOrganisation(rawOrganisation.parse(org))).toEqual({
      name: 'Dev Evangelist - Sid Test 3 (NZ-2016-02)',
      baseCurrency: 'NZD',
      timezone: 'Pacific/Auckland',
      countryCode: 'NZ',
    });
  });

  it('maps the GET /Connections example to tenants, organisations only', () => {
    const connections = asArray(identityExample('/Connections'));
    const practice = {
      ...(connections[0] as object),
      id: '11111111-2964-421d-bb5e-a0f7a4572a44',
      tenantType: 'PRACTICE',
    };
    expect(mapTenants([...connections, practice].map((c) => rawConnection.parse(c)))).toEqual([
      {
        tenantId: 'fe79f7dd-b6d4-4a92-ba7b-538af6289c58',
        connectionRef: '7cb59f93-2964-421d-bb5e-a0f7a4572a44',
        name: 'Demo Company (NZ)',
      },
    ]);
  });
});

describe('Xero edge cases', () => {
  it('keeps yen whole: no cents in JPY', () => {
    const raw = rawInvoice.parse(
      invoiceRecord(1, { CurrencyCode: 'JPY', Total: 15400, AmountDue: 5400, AmountPaid: 10000 }),
    );
    expect(mapInvoice(raw)).toMatchObject({
      currency: 'JPY',
      total: 15400,
      amountDue: 5400,
      amountPaid: 10000,
    });
  });

  it('converts decimals without float error', () => {
    const raw = rawInvoice.parse(
      invoiceRecord(1, { Total: 0.29, AmountDue: 1234.565, AmountPaid: 0.1, AmountCredited: 0.2 }),
    );
    expect(mapInvoice(raw)).toMatchObject({
      total: 29,
      amountDue: 123457,
      amountPaid: 10,
      amountCredited: 20,
    });
  });

  it('maps a VOIDED invoice as voided', () => {
    const raw = rawInvoice.parse(invoiceRecord(2, { Status: 'VOIDED', AmountDue: 0 }));
    expect(mapInvoice(raw)).toMatchObject({ status: 'voided', amountDue: 0, total: 11500 });
  });

  it('lets a draft without a due date fall back to its issue date, but not an approved invoice', () => {
    const draft = rawInvoice.parse(invoiceRecord(3, { Status: 'DRAFT', DueDate: undefined }));
    expect(mapInvoice(draft)).toMatchObject({
      status: 'draft',
      issueDate: '2024-03-01',
      dueDate: '2024-03-01',
    });
    expect(rawInvoice.safeParse(invoiceRecord(3, { DueDate: undefined })).success).toBe(false);
  });

  it('maps a deleted payment as deleted', () => {
    const [payment] = examples('/Payments', 'Payments');
    const raw = rawPayment.parse({
      ...(payment as object),
      Status: 'DELETED',
      UpdatedDateUTC: '/Date(1700000000000+0000)/',
    });
    expect(mapPayment(raw)).toMatchObject({
      status: 'deleted',
      amount: 4600,
      updatedAt: '2023-11-14T22:13:20.000Z',
    });
  });

  it('gives a voided credit note no remaining credit', () => {
    const [note] = examples('/CreditNotes', 'CreditNotes');
    const raw = rawCreditNote.parse({ ...(note as object), Status: 'VOIDED' });
    expect(mapCreditNote(raw)).toMatchObject({ status: 'voided', remaining: 0 });
  });

  it('drops contact persons without an address and treats a GDPR request like archiving', () => {
    const raw = rawContact.parse({
      ContactID: '5cc8cf28-567e-4d43-b287-687cfcaec47c',
      ContactStatus: 'GDPRREQUEST',
      Name: 'Gone',
      EmailAddress: '',
      ContactPersons: [
        { FirstName: 'No', LastName: 'Mail', IncludeInEmails: true },
        { FirstName: 'Has', EmailAddress: ' has@example.com ' },
      ],
      UpdatedDateUTC: '2024-01-02T03:04:05',
    });
    expect(mapContact(raw)).toMatchObject({
      archived: true,
      email: null,
      firstName: null,
      persons: [{ firstName: 'Has', lastName: '', email: 'has@example.com', includeInEmails: false }],
      updatedAt: '2024-01-02T03:04:05.000Z',
    });
  });

  it('names the page, record and field of a malformed record', () => {
    const bad = invoiceRecord(17, { InvoiceID: '7c4b9e2a-0000-4000-8000-000000000017', Total: '115.00' });
    const err = caught(() => readPage(invoiceSource, [invoiceRecord(1), bad], 'Invoices page 3'));
    expect(isConnectorError(err, 'malformed_payload')).toBe(true);
    expect((err as Error).message).toBe(
      'Invoices page 3: record 2 (InvoiceID 7c4b9e2a-0000-4000-8000-000000000017): Total: expected number, received string',
    );
    expect(err).toMatchObject({ details: { record: '7c4b9e2a-0000-4000-8000-000000000017' } });
  });

  it('rejects unknown statuses and unparseable dates, showing what arrived', () => {
    const err = caught(() =>
      readPage(
        invoiceSource,
        [invoiceRecord(1, { Status: 'ARCHIVED', DueDate: '/Date(garbage)/' })],
        'Invoices page 1',
      ),
    );
    expect((err as Error).message).toContain('DueDate: expected a Xero date, received "/Date(garbage)/"');
    expect((err as Error).message).toContain('Status: expected one of');
    expect((err as Error).message).toContain('received "ARCHIVED"');
  });

  it('names a record without an id by its position', () => {
    const err = caught(() => readPage(invoiceSource, ['not an object'], 'Invoices page 1'));
    expect((err as Error).message).toBe('Invoices page 1: record 1: expected object, received string');
  });
});

describe('Xero dates', () => {
  it.each([
    ['/Date(1539993600000+0000)/', '2018-10-20'],
    ['2018-10-20T00:00:00', '2018-10-20'],
    ['2018-10-20', '2018-10-20'],
    // 11:00 UTC on the 19th is midnight on the 20th in Auckland (+13:00): the organisation's date wins.
    ['/Date(1539946800000+1300)/', '2018-10-20'],
    ['/Date(1539993600000)/', '2018-10-20'],
  ])('%s is the calendar date %s', (text, date) => {
    expect(toCalendarDate(text)).toBe(date);
  });

  it.each([
    ['/Date(1541176290160+0000)/', '2018-11-02T16:31:30.160Z'],
    ['2018-11-02T16:31:30', '2018-11-02T16:31:30.000Z'],
    ['2018-11-02T16:31:30.1234567', '2018-11-02T16:31:30.123Z'],
    ['2018-11-03T05:31:30+13:00', '2018-11-02T16:31:30.000Z'],
  ])('%s is the instant %s', (text, instant) => {
    expect(toInstant(text)).toBe(instant);
  });

  it.each(['2019-02-30', '/Date(abc)/', '20/10/2018', ''])('%p is not a date', (text) => {
    expect(isXeroDate(text)).toBe(false);
  });

  it('needs a time for an instant', () => {
    expect(() => toInstant('2018-11-02')).toThrow('Not a Xero timestamp');
  });
});

describe('Xero time zones', () => {
  it.each([
    ['NEWZEALANDSTANDARDTIME', 'Pacific/Auckland'],
    ['AUSEASTERNSTANDARDTIME', 'Australia/Sydney'],
    ['WAUSTRALIASTANDARDTIME', 'Australia/Perth'],
    ['GMTSTANDARDTIME', 'Europe/London'],
    ['EASTERNSTANDARDTIME', 'America/New_York'],
    ['PACIFICSTANDARDTIME', 'America/Los_Angeles'],
    ['SOUTHAFRICASTANDARDTIME', 'Africa/Johannesburg'],
    ['SINGAPORESTANDARDTIME', 'Asia/Singapore'],
    ['New Zealand Standard Time', 'Pacific/Auckland'],
    ['UTC', 'UTC'],
  ])('%s -> %s', (xero, iana) => {
    expect(ianaTimezone(xero)).toBe(iana);
  });

  it('falls back to UTC for a missing or unknown zone', () => {
    expect(ianaTimezone(undefined)).toBe('UTC');
    expect(ianaTimezone('')).toBe('UTC');
    expect(ianaTimezone('MARSSTANDARDTIME')).toBe('UTC');
  });

  it('knows every zone in the spec, each one a zone the runtime accepts', () => {
    const specZones = asArray(dig(accountingSchema('TimeZone'), 'enum'));
    expect(specZones.filter((zone) => !knownXeroTimezones.includes(String(zone)))).toEqual([]);
    for (const zone of specZones) {
      const iana = ianaTimezone(String(zone));
      expect(() => new Intl.DateTimeFormat('en', { timeZone: iana })).not.toThrow();
    }
  });
});

describe('Xero overpayments and prepayments (spec examples)', () => {
  it('maps the GET /Overpayments example, keeping only money received from customers', () => {
    const records = examples('/Overpayments', 'Overpayments');
    expect(records).toHaveLength(5); // two are SPEND-OVERPAYMENTs: money we overpaid a supplier
    const { kept, newest } = readPage(overpaymentSource, records, 'Overpayments page 1');
    expect(kept.map((credit) => credit.externalId)).toEqual([
      '2a8bda49-8908-473b-8bcf-1f90990460eb',
      '0859adbc-ea00-40cd-a877-258cf8644975',
      '687b877f-634a-415d-92b2-74e62977de30',
    ]);
    expect(kept[0]).toEqual({
      externalId: '2a8bda49-8908-473b-8bcf-1f90990460eb',
      kind: 'overpayment',
      number: null,
      contactExternalId: '430fa14a-f945-44d3-9f97-5df5e28441b8',
      currency: 'NZD',
      date: '2019-03-13',
      status: 'active',
      total: 2000,
      remaining: 2000,
      allocations: [],
      platformPaymentId: null,
      updatedAt: '2019-03-12T22:09:28.250Z',
    });
    // The supplier overpayments are skipped, but the pass has seen them.
    expect(newest).toBe('2019-03-12T22:15:50.730Z');
  });

  it('maps overpayment allocations as in the GET /Overpayments/{OverpaymentID} example', () => {
    const [overpayment] = examples('/Overpayments/{OverpaymentID}', 'Overpayments');
    expect(mapOverpayment(rawOverpayment.parse(overpayment))).toMatchObject({
      externalId: 'ed7f6041-c915-4667-bd1d-54c48e92161e',
      kind: 'overpayment',
      total: 300000,
      remaining: 299900,
      allocations: [
        { invoiceExternalId: 'c45720a1-ade3-4a38-a064-d15489be6841', amount: 100, date: '2019-03-12' },
      ],
      updatedAt: '2019-03-12T22:15:52.890Z',
    });
  });

  it('maps the GET /Prepayments example, numbered like the invoice it became', () => {
    const { kept } = readPage(
      prepaymentSource,
      examples('/Prepayments', 'Prepayments'),
      'Prepayments page 1',
    );
    expect(kept).toEqual([
      {
        externalId: 'ce0cddef-cf5a-4e59-b638-f225679115a7',
        kind: 'prepayment',
        number: 'INV-0011',
        contactExternalId: 'be392c72-c121-4f83-9512-03ac71e54c20',
        currency: 'NZD',
        date: '2019-03-13',
        status: 'active',
        total: 345000,
        remaining: 345000,
        allocations: [],
        platformPaymentId: null,
        updatedAt: '2019-03-13T14:59:47.730Z',
      },
    ]);
  });

  it('maps prepayment allocations as in the GET /Prepayments/{PrepaymentID} example', () => {
    const [prepayment] = examples('/Prepayments/{PrepaymentID}', 'Prepayments');
    expect(mapPrepayment(rawPrepayment.parse(prepayment))).toMatchObject({
      kind: 'prepayment',
      remaining: 344900,
      allocations: [
        { invoiceExternalId: 'c7c37b83-ac95-45ea-88ba-8ad83a5f22fe', amount: 100, date: '2019-03-13' },
      ],
    });
  });

  it('drops an allocation Xero marks deleted: it no longer settles the invoice', () => {
    const [prepayment] = examples('/Prepayments/{PrepaymentID}', 'Prepayments');
    const raw = rawPrepayment.parse({
      ...(prepayment as object),
      Allocations: [
        {
          Amount: 1,
          Date: '/Date(1552435200000+0000)/',
          Invoice: { InvoiceID: 'c7c37b83-ac95-45ea-88ba-8ad83a5f22fe' },
          IsDeleted: true,
        },
      ],
    });
    expect(mapPrepayment(raw).allocations).toEqual([]);
  });

  it('gives a voided overpayment no remaining credit and no allocations that count', () => {
    const [overpayment] = examples('/Overpayments/{OverpaymentID}', 'Overpayments');
    const raw = rawOverpayment.parse({ ...(overpayment as object), Status: 'VOIDED' });
    expect(mapOverpayment(raw)).toMatchObject({
      status: 'voided',
      remaining: 0,
      allocations: [],
      total: 300000,
    });
  });

  it('maps a deleted prepayment as deleted, with nothing left to count', () => {
    const [prepayment] = examples('/Prepayments/{PrepaymentID}', 'Prepayments');
    const raw = rawPrepayment.parse({ ...(prepayment as object), Status: 'DELETED' });
    expect(mapPrepayment(raw)).toMatchObject({ status: 'deleted', remaining: 0, allocations: [] });
  });

  it('needs the remaining credit of a live overpayment, and a status it knows', () => {
    const [overpayment] = examples('/Overpayments/{OverpaymentID}', 'Overpayments');
    const noRemaining = { ...(overpayment as object), RemainingCredit: undefined };
    const err = caught(() => readPage(overpaymentSource, [noRemaining], 'Overpayments page 2'));
    expect(isConnectorError(err, 'malformed_payload')).toBe(true);
    expect((err as Error).message).toBe(
      'Overpayments page 2: record 1 (OverpaymentID ed7f6041-c915-4667-bd1d-54c48e92161e): RemainingCredit: expected the remaining credit of a live over- or prepayment',
    );
    expect(rawOverpayment.safeParse({ ...(overpayment as object), Status: 'DRAFT' }).success).toBe(false);
  });
});

describe('Xero credit notes that cannot carry credit yet', () => {
  const [approved] = examples('/CreditNotes', 'CreditNotes');

  it.each(['DRAFT', 'SUBMITTED'])('skips a %s customer credit note, but the pass still sees it', (status) => {
    const unapproved = {
      ...(approved as object),
      Status: status,
      UpdatedDateUTC: '/Date(1700000000000+0000)/',
    };
    const { kept, newest } = readPage(creditNoteSource, [approved, unapproved], 'CreditNotes page 1');
    expect(kept.map((credit) => credit.externalId)).toEqual(['249f15fa-f2a7-4acc-8769-0984103f2225']);
    expect(newest).toBe('2023-11-14T22:13:20.000Z');
  });

  it('gives a voided credit note no allocations that count', () => {
    const allocations = examples('/CreditNotes/{CreditNoteID}/Allocations', 'Allocations', 'put');
    const raw = rawCreditNote.parse({ ...(approved as object), Status: 'VOIDED', Allocations: allocations });
    expect(mapCreditNote(raw)).toMatchObject({ status: 'voided', remaining: 0, allocations: [] });
  });
});

describe('Xero Phones -> the mobile number texts go to (E.164)', () => {
  const mobile = (PhoneCountryCode: string, PhoneAreaCode: string, PhoneNumber: string) => [
    { PhoneType: 'DEFAULT', PhoneCountryCode: '', PhoneAreaCode: '04', PhoneNumber: '385 2210' },
    { PhoneType: 'MOBILE', PhoneCountryCode, PhoneAreaCode, PhoneNumber },
  ];
  /** As the sync stores it: mapped, then completed with the organisation's country. */
  const stored = (phones: unknown, orgCountry: string) =>
    toE164(
      mapContact(
        rawContact.parse({
          ContactID: '5cc8cf28-567e-4d43-b287-687cfcaec47c',
          ContactStatus: 'ACTIVE',
          Name: 'Harbour Cafe',
          Phones: phones,
          UpdatedDateUTC: '2024-01-02T03:04:05',
        }),
      ).mobile,
      orgCountry,
    );

  it.each([
    ['country code, area code and number', mobile('64', '21', '555 0101'), 'NZ', '+64215550101'],
    [
      'a country code written with +, and the area code with its trunk 0',
      mobile('+64', '021', '5550101'),
      'GB',
      '+64215550101',
    ],
    ['no country code: the organisation country (NZ)', mobile('', '021', '555 0101'), 'NZ', '+64215550101'],
    ['no country code: the organisation country (AU)', mobile('', '', '0412 345 678'), 'AU', '+61412345678'],
    ['no country code: the organisation country (GB)', mobile('', '07700', '900123'), 'GB', '+447700900123'],
    ['no country code, North American style', mobile('', '(415)', '555-0134'), 'US', '+14155550134'],
    ['a number typed in international form', mobile('', '', '+61 412 345 678'), 'NZ', '+61412345678'],
    [
      'a bracketed trunk 0 in international form',
      mobile('', '', '+44 (0)7700 900123'),
      'NZ',
      '+447700900123',
    ],
    ['an international number dialled with 00', mobile('', '', '0044 7700 900123'), 'NZ', '+447700900123'],
  ])('%s', (_what, phones, orgCountry, e164) => {
    expect(stored(phones, orgCountry)).toBe(e164);
  });

  it('has no mobile when the MOBILE entry is empty, missing, or not a number', () => {
    expect(stored(mobile('', '', ''), 'NZ')).toBeNull();
    expect(stored([{ PhoneType: 'DEFAULT', PhoneAreaCode: '04', PhoneNumber: '385 2210' }], 'NZ')).toBeNull();
    expect(stored(undefined, 'NZ')).toBeNull();
    expect(stored(mobile('', '', 'ask at reception'), 'NZ')).toBeNull();
    expect(stored(mobile('', '', '12'), 'NZ')).toBeNull();
  });

  it("gives most of the sandbox demo organisation's customers a mobile, written both ways", () => {
    const demo = generateDemoOrganisation({ seed: DEFAULT_SEED, now: Date.parse('2026-11-24T21:00:00Z') });
    const customers = [...demo.contacts.values()].filter((c) => c.isCustomer);
    const raw = customers.map((c) => rawContact.parse(JSON.parse(contactJson(c).text)));
    const written = raw.map((c) => c.Phones?.find((p) => p.PhoneType === 'MOBILE')).filter(Boolean);
    expect(written.length).toBeGreaterThan(customers.length / 2);
    expect(written.length).toBeLessThan(customers.length);
    expect(written.some((p) => p!.PhoneCountryCode === '64')).toBe(true);
    expect(written.some((p) => !p!.PhoneCountryCode)).toBe(true);
    for (const contact of raw) {
      const mobile = toE164(mapContact(contact).mobile, 'NZ');
      if (contact.Phones?.some((p) => p.PhoneType === 'MOBILE')) expect(mobile).toMatch(/^\+642[127]\d{7}$/);
      else expect(mobile).toBeNull();
    }
  });

  it('keeps a national number as written for the store to complete, and never guesses a country', () => {
    expect(mobileOf(mobile('', '021', '555 0101'))).toBe('021 555 0101');
    expect(mobileOf(mobile('64', '021', '555 0101'))).toBe('+64215550101');
    // An organisation in a country we hold no calling code for: no number rather than a wrong one.
    expect(toE164('021 555 0101', 'AQ')).toBeNull();
    expect(toE164('+64 21 555 0101', 'AQ')).toBe('+64215550101');
  });
});
