// The raw QuickBooks Online payloads we read, as zod schemas (Intuit's published v3 JSON shapes). Only
// the fields we use are declared; everything else Intuit sends passes through unread.
import { z } from 'zod';

const id = z.string().regex(/^[0-9A-Za-z_-]{1,64}$/, 'expected a QuickBooks id');
const ref = z.object({ value: z.string().min(1), name: z.string().nullish() });
const amount = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)]);
const calendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');
const instant = z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'expected a date-time');
const metaData = z.object({ CreateTime: instant.nullish(), LastUpdatedTime: instant });

/** CDC reports a deleted entity by its id alone, and when it went. */
export const deletedEntity = z.object({
  Id: id,
  status: z.literal('Deleted'),
  MetaData: z.object({ LastUpdatedTime: instant }).partial().nullish(),
});

export const rawInvoice = z.object({
  Id: id,
  DocNumber: z.string().nullish(),
  TxnDate: calendarDate,
  DueDate: calendarDate.nullish(),
  CustomerRef: ref,
  CurrencyRef: ref,
  TotalAmt: amount,
  Balance: amount,
  PrivateNote: z.string().nullish(),
  MetaData: metaData,
});
export type RawInvoice = z.infer<typeof rawInvoice>;

const linkedTxn = z.object({ TxnId: id, TxnType: z.string() });
export const rawPayment = z.object({
  Id: id,
  TxnDate: calendarDate,
  CustomerRef: ref,
  CurrencyRef: ref,
  TotalAmt: amount,
  UnappliedAmt: amount.nullish(),
  Line: z.array(z.object({ Amount: amount, LinkedTxn: z.array(linkedTxn).nullish() })).nullish(),
  MetaData: metaData,
});
export type RawPayment = z.infer<typeof rawPayment>;

export const rawCreditMemo = z.object({
  Id: id,
  DocNumber: z.string().nullish(),
  TxnDate: calendarDate,
  CustomerRef: ref,
  CurrencyRef: ref,
  TotalAmt: amount,
  RemainingCredit: amount.nullish(),
  Balance: amount.nullish(),
  PrivateNote: z.string().nullish(),
  MetaData: metaData,
});
export type RawCreditMemo = z.infer<typeof rawCreditMemo>;

export const rawCustomer = z.object({
  Id: id,
  DisplayName: z.string().min(1),
  GivenName: z.string().nullish(),
  FamilyName: z.string().nullish(),
  PrimaryEmailAddr: z.object({ Address: z.string().nullish() }).nullish(),
  Mobile: z.object({ FreeFormNumber: z.string().nullish() }).nullish(),
  Active: z.boolean().nullish(),
  MetaData: metaData,
});
export type RawCustomer = z.infer<typeof rawCustomer>;

const address = z.object({ Country: z.string().nullish(), CountrySubDivisionCode: z.string().nullish() });
export const rawCompanyInfo = z.object({
  CompanyName: z.string().min(1),
  Country: z.string().nullish(),
  CompanyAddr: address.nullish(),
  LegalAddr: address.nullish(),
});
export type RawCompanyInfo = z.infer<typeof rawCompanyInfo>;

export const companyInfoEnvelope = z.object({ CompanyInfo: z.unknown() });
export const preferencesEnvelope = z.object({
  Preferences: z.object({ CurrencyPrefs: z.object({ HomeCurrency: ref }) }),
});

/** `{ QueryResponse: { Invoice: [...], startPosition, maxResults }, time }`; an empty result names no entity. */
export const queryEnvelope = z.object({
  QueryResponse: z.record(z.string(), z.unknown()),
  time: instant.optional(),
});

/** `{ CDCResponse: [{ QueryResponse: [{ Invoice: [...] }] }], time }` */
export const cdcEnvelope = z.object({
  CDCResponse: z.array(z.object({ QueryResponse: z.array(z.record(z.string(), z.unknown())).nullish() })),
  time: instant,
});

export const tokenResponse = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.coerce.number().positive(),
  x_refresh_token_expires_in: z.coerce.number().positive().optional(),
  x_refresh_token_hard_expires_in: z.coerce.number().positive().optional(),
  id_token: z.string().min(1).optional(),
  scope: z.string().optional(),
});

/** Intuit's userinfo answers in camelCase; the OpenID standard claims are accepted too. */
export const userInfo = z.object({
  sub: z.string().min(1),
  email: z.string().nullish(),
  givenName: z.string().nullish(),
  familyName: z.string().nullish(),
  given_name: z.string().nullish(),
  family_name: z.string().nullish(),
});

/** The attachable Intuit echoes back once a note is stored. */
export const attachableEnvelope = z.object({ Attachable: z.object({ Id: id }) });

/** An invoice read by id with `include=invoiceLink`: the link is absent or empty when there is none. */
export const invoiceLinkEnvelope = z.object({
  Invoice: z.object({
    Id: id,
    InvoiceLink: z.union([z.literal(''), z.url({ protocol: /^https?$/ })]).nullish(),
  }),
});
