// Contacts and the organisation as Xero writes them (field names and order as in xero_accounting.yaml).
import type { AddressRecord, ContactRecord, OrganisationRecord, PhoneRecord } from './records';
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

function address(record: AddressRecord): AddressJson {
  return {
    AddressType: record.type,
    AddressLine1: record.line1,
    City: record.city,
    Region: record.region,
    PostalCode: record.postalCode,
    Country: record.country,
  };
}

function phone(record: PhoneRecord): PhoneJson {
  return {
    PhoneType: record.type,
    PhoneNumber: record.number,
    PhoneAreaCode: record.areaCode,
    PhoneCountryCode: '',
  };
}

export function presentContact(contact: ContactRecord): ContactJson {
  return {
    ContactID: contact.id,
    ContactStatus: contact.status,
    Name: contact.name,
    FirstName: contact.firstName,
    LastName: contact.lastName,
    EmailAddress: contact.email,
    BankAccountDetails: '',
    TaxNumber: contact.taxNumber,
    Addresses: contact.addresses.map(address),
    Phones: contact.phones.map(phone),
    UpdatedDateUTC: msDate(contact.updatedAt),
    ContactGroups: [],
    IsSupplier: contact.isSupplier,
    IsCustomer: contact.isCustomer,
    ...(contact.defaultCurrency ? { DefaultCurrency: contact.defaultCurrency } : {}),
    ContactPersons: contact.persons.map((p) => ({
      FirstName: p.firstName,
      LastName: p.lastName,
      EmailAddress: p.email,
      IncludeInEmails: p.includeInEmails,
    })),
    HasAttachments: false,
    HasValidationErrors: false,
  };
}

export function presentContactSummary(
  contact: ContactRecord | undefined,
  contactId: string,
): ContactSummaryJson {
  return {
    ContactID: contactId,
    Name: contact?.name ?? '',
    Addresses: [],
    Phones: [],
    ContactGroups: [],
    ContactPersons: [],
    HasValidationErrors: false,
  };
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
  Addresses: AddressJson[];
  Phones: PhoneJson[];
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
    Addresses: [address(organisation.address)],
    Phones: [phone(organisation.phone)],
    ExternalLinks: [],
    PaymentTerms: { Sales: { Day: 20, Type: 'OFFOLLOWINGMONTH' } },
  };
}
