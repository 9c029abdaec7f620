// Raw Xero payloads as they arrive on the wire (PascalCase, as in Xero's OpenAPI files). Unknown
// fields are tolerated (stripped); the fields that decide what an invoice still owes, whose it is and
// when it changed are required and typed strictly, so a payload we cannot trust fails loudly here.
import { z } from 'zod';
import { calendarDateOf, instantOf } from './dates';

const guid = z.guid({ message: 'expected a Xero id (GUID)' });
const amount = z.number();
const currencyCode = z.string().regex(/^[A-Z]{3}$/, { message: 'expected an ISO 4217 currency code' });
// Dates are read once, here: the parsed records carry calendar dates and ISO instants, not Xero's text.
const xeroDate = z.string().transform((text, ctx) => {
  const date = calendarDateOf(text);
  if (date === null) ctx.issues.push({ code: 'custom', message: 'expected a Xero date', input: text });
  return date ?? z.NEVER;
});
const xeroInstant = z.string().transform((text, ctx) => {
  const instant = instantOf(text);
  if (instant === null)
    ctx.issues.push({ code: 'custom', message: 'expected a Xero UTC timestamp', input: text });
  return instant ?? z.NEVER;
});
const optionalText = z.string().nullish();

// ---- envelopes -------------------------------------------------------------------------------

export const pagination = z.object({
  page: z.number().int(),
  pageSize: z.number().int(),
  pageCount: z.number().int(),
  itemCount: z.number().int(),
});
export type RawPagination = z.infer<typeof pagination>;

export interface RawListPage {
  records: unknown[];
  pagination: RawPagination | undefined;
}

// The records stay `unknown` in an envelope so that each one is parsed, and blamed, on its own.
export const invoicesPage = z
  .object({ Invoices: z.array(z.unknown()), pagination: pagination.optional() })
  .transform((page): RawListPage => ({ records: page.Invoices, pagination: page.pagination }));
export const contactsPage = z
  .object({ Contacts: z.array(z.unknown()), pagination: pagination.optional() })
  .transform((page): RawListPage => ({ records: page.Contacts, pagination: page.pagination }));
export const paymentsPage = z
  .object({ Payments: z.array(z.unknown()), pagination: pagination.optional() })
  .transform((page): RawListPage => ({ records: page.Payments, pagination: page.pagination }));
export const creditNotesPage = z
  .object({ CreditNotes: z.array(z.unknown()), pagination: pagination.optional() })
  .transform((page): RawListPage => ({ records: page.CreditNotes, pagination: page.pagination }));
export const overpaymentsPage = z
  .object({ Overpayments: z.array(z.unknown()), pagination: pagination.optional() })
  .transform((page): RawListPage => ({ records: page.Overpayments, pagination: page.pagination }));
export const prepaymentsPage = z
  .object({ Prepayments: z.array(z.unknown()), pagination: pagination.optional() })
  .transform((page): RawListPage => ({ records: page.Prepayments, pagination: page.pagination }));
export const organisationsPage = z
  .object({ Organisations: z.array(z.unknown()) })
  .transform((page): RawListPage => ({ records: page.Organisations, pagination: undefined }));
export const connectionsList = z.array(z.unknown());

/**
 * GET /Invoices/{InvoiceID}/OnlineInvoice. The URL is handed to customers, so only a web address will
 * do: anything else in its place is a payload we cannot trust.
 */
export const onlineInvoicesAnswer = z.object({
  OnlineInvoices: z.array(z.object({ OnlineInvoiceUrl: z.url({ protocol: /^https?$/ }) })),
});

// ---- accounting records ----------------------------------------------------------------------

export const invoiceStatus = z.enum(['DRAFT', 'SUBMITTED', 'AUTHORISED', 'PAID', 'VOIDED', 'DELETED']);

export const rawInvoice = z
  .object({
    InvoiceID: guid,
    Type: z.string(),
    InvoiceNumber: optionalText,
    Reference: optionalText,
    Contact: z.object({ ContactID: guid }),
    CurrencyCode: currencyCode,
    Date: xeroDate,
    DueDate: xeroDate.nullish(),
    Status: invoiceStatus,
    Total: amount,
    AmountDue: amount,
    AmountPaid: amount,
    AmountCredited: amount,
    UpdatedDateUTC: xeroInstant,
  })
  .refine((invoice) => invoice.DueDate != null || !['AUTHORISED', 'PAID'].includes(invoice.Status), {
    message: 'expected a due date on an approved invoice',
    path: ['DueDate'],
  });
export type RawInvoice = z.infer<typeof rawInvoice>;

export const rawContactPerson = z.object({
  FirstName: optionalText,
  LastName: optionalText,
  EmailAddress: optionalText,
  IncludeInEmails: z.boolean().nullish(),
});
export type RawContactPerson = z.infer<typeof rawContactPerson>;

export const rawPhone = z.object({
  PhoneType: z.string().nullish(),
  PhoneNumber: optionalText,
  PhoneAreaCode: optionalText,
  PhoneCountryCode: optionalText,
});
export type RawPhone = z.infer<typeof rawPhone>;

export const rawContact = z.object({
  ContactID: guid,
  ContactStatus: z.enum(['ACTIVE', 'ARCHIVED', 'GDPRREQUEST']),
  Name: z.string(),
  FirstName: optionalText,
  LastName: optionalText,
  EmailAddress: optionalText,
  ContactPersons: z.array(rawContactPerson).nullish(),
  Phones: z.array(rawPhone).nullish(),
  UpdatedDateUTC: xeroInstant,
});
export type RawContact = z.infer<typeof rawContact>;

export const rawPayment = z.object({
  PaymentID: guid,
  PaymentType: z.string(),
  Status: z.enum(['AUTHORISED', 'DELETED']),
  Date: xeroDate,
  /** In the invoice's currency (BankAmount is the bank account's). */
  Amount: amount,
  Invoice: z.object({ InvoiceID: guid, CurrencyCode: currencyCode }),
  UpdatedDateUTC: xeroInstant,
});
export type RawPayment = z.infer<typeof rawPayment>;

export const rawAllocation = z.object({
  AllocationID: guid.nullish(),
  Amount: amount,
  Date: xeroDate,
  Invoice: z.object({ InvoiceID: guid }),
  IsDeleted: z.boolean().nullish(),
});
export type RawAllocation = z.infer<typeof rawAllocation>;

export const rawCreditNote = z
  .object({
    CreditNoteID: guid,
    CreditNoteNumber: optionalText,
    Type: z.string(),
    Contact: z.object({ ContactID: guid }),
    CurrencyCode: currencyCode,
    Date: xeroDate,
    Status: invoiceStatus,
    Total: amount,
    RemainingCredit: amount.nullish(),
    Allocations: z.array(rawAllocation).nullish(),
    UpdatedDateUTC: xeroInstant,
  })
  .refine((note) => note.RemainingCredit != null || !['AUTHORISED', 'PAID'].includes(note.Status), {
    message: 'expected the remaining credit of an approved credit note',
    path: ['RemainingCredit'],
  });
export type RawCreditNote = z.infer<typeof rawCreditNote>;

/**
 * Over- and prepayments. The spec lists AUTHORISED, PAID and VOIDED; DELETED is accepted too because
 * both are recorded as bank transactions, whose removal Xero reports as DELETED, and a removal must
 * reach us as one rather than fail the page.
 */
export const overOrPrepaymentStatus = z.enum(['AUTHORISED', 'PAID', 'VOIDED', 'DELETED']);

const overOrPrepaymentFields = {
  Type: z.string(),
  Contact: z.object({ ContactID: guid }),
  CurrencyCode: currencyCode,
  Date: xeroDate,
  Status: overOrPrepaymentStatus,
  Total: amount,
  RemainingCredit: amount.nullish(),
  Allocations: z.array(rawAllocation).nullish(),
  UpdatedDateUTC: xeroInstant,
};

function remainingCreditWhenLive(record: { Status: string; RemainingCredit?: number | null }): boolean {
  return record.RemainingCredit != null || !['AUTHORISED', 'PAID'].includes(record.Status);
}

const remainingCreditRequired = {
  message: 'expected the remaining credit of a live over- or prepayment',
  path: ['RemainingCredit'],
};

export const rawOverpayment = z
  .object({ OverpaymentID: guid, ...overOrPrepaymentFields })
  .refine(remainingCreditWhenLive, remainingCreditRequired);
export type RawOverpayment = z.infer<typeof rawOverpayment>;

export const rawPrepayment = z
  .object({ PrepaymentID: guid, InvoiceNumber: optionalText, ...overOrPrepaymentFields })
  .refine(remainingCreditWhenLive, remainingCreditRequired);
export type RawPrepayment = z.infer<typeof rawPrepayment>;

export const rawOrganisation = z.object({
  OrganisationID: guid.nullish(),
  Name: z.string(),
  BaseCurrency: currencyCode,
  CountryCode: z.string().regex(/^[A-Z]{2}$/, { message: 'expected an ISO 3166 country code' }),
  Timezone: optionalText,
});
export type RawOrganisation = z.infer<typeof rawOrganisation>;

// ---- webhooks --------------------------------------------------------------------------------

// The spec says at least 1, but the intent-to-receive probe sends 0 for both, and must be answered 200.
const sequence = z.number().int().nonnegative();

/** A delivery; its events are parsed one by one, so that an unknown category can be passed over. */
export const webhookDelivery = z.object({
  events: z.array(z.unknown()),
  firstEventSequence: sequence,
  lastEventSequence: sequence,
  entropy: z.string(),
});

/** Read first, to decide whether the event is one of ours before holding it to our schema. */
export const webhookEventCategory = z.object({ eventCategory: z.string() });

export const webhookEvent = z.object({
  resourceUrl: z.string().min(1),
  resourceId: guid,
  tenantId: guid,
  eventCategory: z.string(),
  eventType: z.string().min(1),
  eventDateUtc: xeroInstant,
  /** Credit note events say which kind of note changed. */
  data: z.object({ Type: z.string().nullish() }).nullish(),
});
export type RawWebhookEvent = z.infer<typeof webhookEvent>;

// ---- identity --------------------------------------------------------------------------------

export const rawConnection = z.object({
  id: guid,
  tenantId: guid,
  tenantType: z.string(),
  tenantName: optionalText,
});
export type RawConnection = z.infer<typeof rawConnection>;

export const discoveryDocument = z.object({
  issuer: z.url(),
  authorization_endpoint: z.url(),
  token_endpoint: z.url(),
  jwks_uri: z.url(),
  revocation_endpoint: z.url().optional(),
});
export type DiscoveryDocument = z.infer<typeof discoveryDocument>;

/** What openid-client hands back after the token endpoint answered. */
export const tokenResponse = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  expires_at: z.number(),
  id_token: z.string().optional(),
  scope: z.string().optional(),
});

/** Claims of a verified id_token; Xero's stable user id is `xero_userid`. */
export const idTokenClaims = z.object({
  sub: z.string().min(1),
  xero_userid: z.string().min(1).optional(),
  email: optionalText,
  name: optionalText,
  given_name: optionalText,
  family_name: optionalText,
});

// ---- failures --------------------------------------------------------------------------------

/** xero-node rejects with this (usually JSON-stringified): the HTTP answer, or status 0 for no answer. */
export const xeroNodeRejection = z.object({
  response: z.object({
    statusCode: z.number(),
    headers: z.record(z.string(), z.unknown()).nullish(),
    body: z.unknown(),
  }),
});

/** The error bodies Xero sends: the API gateway's problem details, or an accounting validation report. */
export const xeroErrorBody = z
  .object({
    Title: optionalText,
    Detail: optionalText,
    Type: optionalText,
    Message: optionalText,
    Elements: z
      .array(z.object({ ValidationErrors: z.array(z.object({ Message: z.string() })).nullish() }))
      .nullish(),
    error: optionalText,
  })
  .partial();
