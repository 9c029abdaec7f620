// Contacts and the organisation as Xero writes them (field names and order as in xero_accounting.yaml).
// Contacts are listed by the thousand, so they are written straight to JSON text (see present-parts.ts).
import type {
  AddressRecord,
  ContactPersonRecord,
  ContactRecord,
  OrganisationRecord,
  PhoneRecord,
} from './records';
import { arrayText, jsonString as s, RawJson } from './xero-json';
import { msDate, msDateBare } from './xero-dates';

export interface AddressJson {
  AddressType: string;
  AddressLine1: string;
  City: string;
  Region: string;
  PostalCode: string;
  Country: string;
}

export interface PhoneJson {
  PhoneType: string;
  PhoneNumber: string;
  PhoneAreaCode: string;
  PhoneCountryCode: string;
}

export interface ContactPersonJson {
  FirstName: string;
  LastName: string;
  EmailAddress: string;
  IncludeInEmails: boolean;
}

export interface ContactJson {
  ContactID: string;
  ContactStatus: string;
  Name: string;
  FirstName: string;
  LastName: string;
  EmailAddress: string;
  BankAccountDetails: string;
  TaxNumber: string;
  Addresses: AddressJson[];
  Phones: PhoneJson[];
  UpdatedDateUTC: string;
  ContactGroups: never[];
  IsSupplier: boolean;
  IsCustomer: boolean;
  DefaultCurrency?: string;
  ContactPersons: ContactPersonJson[];
  HasAttachments: boolean;
  HasValidationErrors: boolean;
}

/** The short contact embedded in invoices, credit notes and payments. */
export interface ContactSummaryJson {
  ContactID: string;
  Name: string;
  Addresses: never[];
  Phones: never[];
  ContactGroups: never[];
  ContactPersons: never[];
  HasValidationErrors: boolean;
}

function addressText(record: AddressRecord): string {
  return (
    `{"AddressType":${s(record.type)},"AddressLine1":${s(record.line1)},"City":${s(record.city)},` +
    `"Region":${s(record.region)},"PostalCode":${s(record.postalCode)},"Country":${s(record.country)}}`
  );
}

function phoneText(record: PhoneRecord): string {
  return (
    `{"PhoneType":${s(record.type)},"PhoneNumber":${s(record.number)},` +
    `"PhoneAreaCode":${s(record.areaCode)},"PhoneCountryCode":${s(record.countryCode ?? '')}}`
  );
}

function personText(person: ContactPersonRecord): string {
  return (
    `{"FirstName":${s(person.firstName)},"LastName":${s(person.lastName)},` +
    `"EmailAddress":${s(person.email)},"IncludeInEmails":${person.includeInEmails}}`
  );
}

export function contactJson(contact: ContactRecord): RawJson<ContactJson> {
  return new RawJson(
    `{"ContactID":${s(contact.id)},"ContactStatus":${s(contact.status)},"Name":${s(contact.name)},` +
      `"FirstName":${s(contact.firstName)},"LastName":${s(contact.lastName)},` +
      `"EmailAddress":${s(contact.email)},"BankAccountDetails":"","TaxNumber":${s(contact.taxNumber)},` +
      `"Addresses":${arrayText(contact.addresses, addressText)},"Phones":${arrayText(contact.phones, phoneText)},` +
      `"UpdatedDateUTC":"${msDate(contact.updatedAt)}","ContactGroups":[],` +
      `"IsSupplier":${contact.isSupplier},"IsCustomer":${contact.isCustomer},` +
      (contact.defaultCurrency ? `"DefaultCurrency":${s(contact.defaultCurrency)},` : '') +
      `"ContactPersons":${arrayText(contact.persons, personText)},` +
      `"HasAttachments":false,"HasValidationErrors":false}`,
  );
}

/**
 * The short contact inside an invoice or credit note; a payment's invoice adds an empty ContactNumber
 * (`withNumber`).
 */
export function contactSummaryText(
  contact: ContactRecord | undefined,
  contactId: string,
  withNumber = false,
): string {
  return (
    `{"ContactID":${s(contactId)},"Name":${s(contact?.name ?? '')},"Addresses":[],"Phones":[],` +
    `"ContactGroups":[],"ContactPersons":[],"HasValidationErrors":false${withNumber ? ',"ContactNumber":""' : ''}}`
  );
}

export function contactSummaryJson(
  contact: ContactRecord | undefined,
  contactId: string,
): RawJson<ContactSummaryJson> {
  return new RawJson(contactSummaryText(contact, contactId));
}

export interface OrganisationJson {
  APIKey: string;
  Name: string;
  LegalName: string;
  PaysTax: boolean;
  Version: string;
  OrganisationType: string;
  BaseCurrency: string;
  CountryCode: string;
  IsDemoCompany: boolean;
  OrganisationStatus: string;
  TaxNumber: string;
  FinancialYearEndDay: number;
  FinancialYearEndMonth: number;
  SalesTaxBasis: string;
  SalesTaxPeriod: string;
  DefaultSalesTax: string;
  DefaultPurchasesTax: string;
  CreatedDateUTC: string;
  OrganisationEntityType: string;
  Timezone: string;
  ShortCode: string;
  OrganisationID: string;
  Edition: string;
  Class: string;
  LineOfBusiness: string;
  Addresses: RawJson<AddressJson>[];
  Phones: RawJson<PhoneJson>[];
  ExternalLinks: never[];
  PaymentTerms: { Sales: { Day: number; Type: string } };
}

export function presentOrganisation(organisation: OrganisationRecord): OrganisationJson {
  return {
    APIKey: '',
    Name: organisation.name,
    LegalName: organisation.legalName,
    PaysTax: true,
    Version: organisation.countryCode,
    OrganisationType: 'COMPANY',
    BaseCurrency: organisation.baseCurrency,
    CountryCode: organisation.countryCode,
    IsDemoCompany: false,
    OrganisationStatus: 'ACTIVE',
    TaxNumber: organisation.taxNumber,
    FinancialYearEndDay: 31,
    FinancialYearEndMonth: 3,
    SalesTaxBasis: 'INVOICE',
    SalesTaxPeriod: 'TWOMONTHS',
    DefaultSalesTax: 'Tax Exclusive',
    DefaultPurchasesTax: 'Tax Exclusive',
    CreatedDateUTC: msDateBare(organisation.createdAt),
    OrganisationEntityType: 'COMPANY',
    Timezone: organisation.timezone,
    ShortCode: organisation.shortCode,
    OrganisationID: organisation.id,
    Edition: 'BUSINESS',
    Class: 'STANDARD',
    LineOfBusiness: organisation.lineOfBusiness,
    Addresses: [new RawJson(addressText(organisation.address))],
    Phones: [new RawJson(phoneText(organisation.phone))],
    ExternalLinks: [],
    PaymentTerms: { Sales: { Day: 20, Type: 'OFFOLLOWINGMONTH' } },
  };
}
