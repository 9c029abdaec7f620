// Customers, attachables, CompanyInfo and Preferences in Intuit's JSON. CompanyInfo has no time zone
// field: QuickBooks shows the company's zone only through the offset of the times it writes, and so
// does the sandbox. The home currency and multicurrency switch live in Preferences.CurrencyPrefs.
import { invoiceBalance, remainingCredit, unappliedAmount } from './ledger';
import { amount, base, currencyRef, type PresentContext } from './present-transactions';
import type { AttachableRecord, CompanyData, CustomerRecord } from './records';
import { qboTime } from './qbo-time';
import type { Cents } from '../../shared/sandbox/money';

export function customerJson(ctx: PresentContext, customer: CustomerRecord) {
  const balance = ctx.customerBalances().get(customer.id) ?? 0;
  return {
    Taxable: false,
    Job: false,
    BillWithParent: false,
    Balance: amount(balance),
    BalanceWithJobs: amount(balance),
    CurrencyRef: currencyRef(customer.currency),
    PreferredDeliveryMethod: customer.email ? 'Email' : 'Print',
    IsProject: false,
    ...base(ctx, customer),
    ...(customer.givenName ? { GivenName: customer.givenName } : {}),
    ...(customer.familyName ? { FamilyName: customer.familyName } : {}),
    FullyQualifiedName: customer.displayName,
    ...(customer.companyName ? { CompanyName: customer.companyName } : {}),
    DisplayName: customer.displayName,
    PrintOnCheckName: customer.companyName || customer.displayName,
    Active: customer.active,
    ...(customer.phone ? { PrimaryPhone: { FreeFormNumber: customer.phone } } : {}),
    ...(customer.mobile ? { Mobile: { FreeFormNumber: customer.mobile } } : {}),
    ...(customer.email ? { PrimaryEmailAddr: { Address: customer.email } } : {}),
  };
}

/** Open invoices less credit not yet used, per customer: what Customer.Balance shows. */
export function computeCustomerBalances(ctx: Omit<PresentContext, 'customerBalances'>): Map<string, Cents> {
  const balances = new Map<string, Cents>();
  const add = (id: string, cents: Cents) => balances.set(id, (balances.get(id) ?? 0) + cents);
  for (const invoice of ctx.data.invoices.values())
    add(invoice.customerId, invoiceBalance(ctx.index, invoice));
  for (const memo of ctx.data.creditMemos.values()) add(memo.customerId, -remainingCredit(ctx.index, memo));
  for (const payment of ctx.data.payments.values()) add(payment.customerId, -unappliedAmount(payment));
  return balances;
}

export function attachableJson(ctx: PresentContext, attachable: AttachableRecord) {
  return {
    ...base(ctx, attachable),
    Note: attachable.note,
    AttachableRef: attachable.refs.map((ref) => ({
      EntityRef: { type: ref.type, value: ref.value },
      IncludeOnSend: false,
    })),
  };
}

function address(data: CompanyData) {
  const { address: a, country } = data.info;
  return {
    Id: '1',
    Line1: a.line1,
    City: a.city,
    Country: country,
    CountrySubDivisionCode: a.region,
    PostalCode: a.postalCode,
  };
}

export function companyInfoJson(data: CompanyData) {
  const { info } = data;
  const zone = info.timeZone;
  return {
    CompanyName: info.name,
    LegalName: info.legalName,
    CompanyAddr: address(data),
    CustomerCommunicationAddr: address(data),
    LegalAddr: address(data),
    CustomerCommunicationEmailAddr: { Address: info.email },
    PrimaryPhone: { FreeFormNumber: info.phone },
    CompanyStartDate: new Date(info.createdAt).toISOString().slice(0, 10),
    FiscalYearStartMonth: 'January',
    Country: info.country,
    Email: { Address: info.email },
    WebAddr: {},
    SupportedLanguages: 'en',
    NameValue: [
      { Name: 'NeoEnabled', Value: 'true' },
      { Name: 'IndustryType', Value: 'Professional services' },
      { Name: 'CompanyType', Value: 'Other' },
      { Name: 'OfferingSku', Value: 'QuickBooks Online Plus' },
      { Name: 'SubscriptionStatus', Value: 'PAID' },
      { Name: 'IsQbdtMigrated', Value: 'false' },
    ],
    domain: 'QBO',
    sparse: false,
    Id: '1',
    SyncToken: '2',
    MetaData: { CreateTime: qboTime(info.createdAt, zone), LastUpdatedTime: qboTime(info.createdAt, zone) },
  };
}

export function preferencesJson(data: CompanyData) {
  const { info } = data;
  const zone = info.timeZone;
  return {
    AccountingInfoPrefs: { UseAccountNumbers: false, TrackDepartments: false, ClassTrackingPerTxn: false },
    SalesFormsPrefs: {
      AllowDeposit: false,
      DefaultTerms: { value: '3' },
      UsingPriceLevels: false,
      ETransactionEnabledStatus: 'NotApplicable',
      ETransactionPaymentEnabled: info.onlinePayments,
    },
    CurrencyPrefs: { MultiCurrencyEnabled: info.multiCurrency, HomeCurrency: { value: info.homeCurrency } },
    TaxPrefs: { UsingSalesTax: false, PartnerTaxEnabled: false },
    domain: 'QBO',
    sparse: false,
    Id: '1',
    SyncToken: '3',
    MetaData: { CreateTime: qboTime(info.createdAt, zone), LastUpdatedTime: qboTime(info.createdAt, zone) },
  };
}
