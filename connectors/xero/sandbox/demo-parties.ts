// The demo organisation's people: the business itself and its user, its customers (each with a
// payment habit, terms, currency and the people to write to) and its suppliers.
import {
  eventMs,
  DEMO_TIMEZONE,
  type Builder,
  type Currency,
  type Customer,
  type Habit,
} from './demo-builder';
import {
  CUSTOMER_NAMES,
  DEMO_BUSINESS,
  DEMO_USER,
  FIRST_NAMES,
  FOREIGN_CUSTOMERS,
  LAST_NAMES,
  NZ_LOCATIONS,
  PLACES,
  ROLE_MAILBOXES,
  STREETS,
  SUPPLIERS,
  TRADES,
  type Supplier,
} from './demo-catalogue';
import type { Rng } from '../../shared/sandbox/prng';
import type {
  AddressRecord,
  ContactPersonRecord,
  ContactRecord,
  OrganisationData,
  PhoneRecord,
} from './records';
import { addDays, type CalendarDate } from './xero-dates';

// ---- the organisation itself ---------------------------------------------------------------

export function baseOrganisation(rng: Rng, now: number): OrganisationData {
  const domain = DEMO_BUSINESS.emailDomain;
  return {
    organisation: {
      id: rng.uuid(),
      name: DEMO_BUSINESS.name,
      legalName: DEMO_BUSINESS.legalName,
      shortCode: DEMO_BUSINESS.shortCode,
      taxNumber: DEMO_BUSINESS.taxNumber,
      lineOfBusiness: DEMO_BUSINESS.lineOfBusiness,
      baseCurrency: 'NZD',
      countryCode: 'NZ',
      timezone: 'NEWZEALANDSTANDARDTIME',
      ianaTimezone: DEMO_TIMEZONE,
      address: {
        type: 'STREET',
        line1: DEMO_BUSINESS.street,
        city: DEMO_BUSINESS.city,
        region: DEMO_BUSINESS.region,
        postalCode: DEMO_BUSINESS.postalCode,
        country: 'New Zealand',
      },
      phone: { type: 'DEFAULT', areaCode: DEMO_BUSINESS.phoneAreaCode, number: DEMO_BUSINESS.phoneNumber },
      createdAt: now - 4 * 365 * 86_400_000 - rng.int(0, 86_400_000),
    },
    user: {
      userId: rng.uuid(),
      subject: rng.hex(32),
      email: `${DEMO_USER.givenName.toLowerCase()}@${domain}`,
      givenName: DEMO_USER.givenName,
      familyName: DEMO_USER.familyName,
    },
    bankAccounts: [
      { id: rng.uuid(), code: '090', name: 'Business Bank Account' },
      { id: rng.uuid(), code: '091', name: 'Business Savings Account' },
    ],
    contacts: new Map(),
    invoices: new Map(),
    payments: new Map(),
    creditNotes: new Map(),
    overpayments: new Map(),
    prepayments: new Map(),
  };
}

// ---- customers and suppliers ---------------------------------------------------------------

function customerNames(rng: Rng, count: number): string[] {
  const names = rng.shuffle(CUSTOMER_NAMES).slice(0, count);
  const taken = new Set(names);
  while (names.length < count) {
    let name = `${rng.pick(PLACES)} ${rng.pick(TRADES)}`;
    if (taken.has(name)) name = `${name} ${names.length}`;
    taken.add(name);
    names.push(name);
  }
  return names;
}

export function makeCustomers(b: Builder, count: number): Customer[] {
  const { rng } = b;
  // Small books (tests of a handful of customers) are all domestic and all reachable.
  const foreignCount =
    count >= 10 ? Math.min(FOREIGN_CUSTOMERS.length, Math.max(2, Math.round(count * 0.1))) : 0;
  const localNames = customerNames(rng, count - foreignCount);
  const noEmailCount = count >= 10 ? Math.max(3, Math.round(count * 0.07)) : 0;
  const noEmail = new Set(rng.shuffle(localNames).slice(0, noEmailCount));
  const customers: Customer[] = [];

  for (const name of localNames) {
    const location = rng.pick(NZ_LOCATIONS);
    const address: AddressRecord = {
      type: 'STREET',
      line1: `${rng.int(1, 240)} ${rng.pick(STREETS)}`,
      city: location.city,
      region: 'Wellington',
      postalCode: location.postalCode,
      country: 'New Zealand',
    };
    const roll = rng.next();
    const habit: Habit = roll < 0.58 ? 'prompt' : roll < 0.86 ? 'slow' : 'troubled';
    customers.push({
      record: contact(b, name, address, location.areaCode, !noEmail.has(name), null),
      habit,
      weight: rng.int(1, 10),
      termsDays: rng.pick([20, 20, 20, 30, 14, 7]),
      currency: 'NZD',
      archived: false,
      invoices: 0,
    });
  }
  for (const foreign of FOREIGN_CUSTOMERS.slice(0, foreignCount)) {
    const address: AddressRecord = {
      type: 'STREET',
      line1: `${rng.int(1, 400)} ${rng.pick(['George Street', 'Collins Street', 'Market Street', 'Pine Street'])}`,
      city: foreign.city,
      region: foreign.region,
      postalCode: foreign.postalCode,
      country: foreign.country,
    };
    customers.push({
      record: contact(b, foreign.name, address, '', true, foreign.currency),
      habit: rng.chance(0.7) ? 'prompt' : 'slow',
      weight: rng.int(1, 3),
      termsDays: 30,
      currency: foreign.currency,
      archived: false,
      invoices: 0,
    });
  }
  // A couple of former customers: archived, with only old, paid invoices left behind.
  const formerCount = count >= 10 ? 2 : 0;
  for (const customer of rng
    .shuffle(customers.filter((c) => c.habit === 'prompt' && c.currency === 'NZD'))
    .slice(0, formerCount)) {
    customer.archived = true;
    customer.record.status = 'ARCHIVED';
  }
  for (const customer of customers) b.data.contacts.set(customer.record.id, customer.record);
  return customers;
}

function slug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/\b(ltd|limited|pty|inc|llc|co)\b\.?/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function mailbox(text: string): string {
  return slug(text).replace(/-/g, '');
}

function person(rng: Rng, domain: string, includeInEmails: boolean): ContactPersonRecord {
  const firstName = rng.pick(FIRST_NAMES);
  const lastName = rng.pick(LAST_NAMES);
  return {
    firstName,
    lastName,
    email: `${mailbox(firstName)}.${mailbox(lastName)}@${domain}`,
    includeInEmails,
  };
}

function contact(
  b: Builder,
  name: string,
  address: AddressRecord,
  areaCode: string,
  withEmail: boolean,
  currency: Currency | null,
): ContactRecord {
  const { rng } = b;
  const domain = `${slug(name)}.example.com`;
  const primary = person(rng, domain, true);
  const persons: ContactPersonRecord[] = [];
  if (withEmail) {
    const extra = rng.int(1, 3);
    for (let i = 0; i < extra; i++) persons.push(person(rng, domain, i === 0 || rng.chance(0.35)));
  }
  const email = !withEmail ? '' : rng.chance(0.6) ? `${rng.pick(ROLE_MAILBOXES)}@${domain}` : primary.email;
  const id = rng.uuid();
  const addresses: AddressRecord[] = [
    { ...address, type: 'POBOX', line1: `PO Box ${rng.int(1000, 39_999)}` },
    address,
  ];
  const landline: PhoneRecord = {
    type: 'DEFAULT',
    areaCode,
    number: `${rng.int(200, 999)} ${rng.int(1000, 9999)}`,
  };
  const mobile = areaCode ? demoMobile(id) : null;
  return {
    id,
    name,
    accountNumber: '',
    firstName: primary.firstName,
    lastName: primary.lastName,
    email,
    persons,
    status: 'ACTIVE',
    isCustomer: false,
    isSupplier: false,
    defaultCurrency: currency,
    taxNumber: '',
    addresses,
    phones: mobile ? [landline, mobile] : [landline],
    updatedAt: 0,
  };
}

/**
 * About two domestic contacts in three have a mobile on file, some typed with the country code and
 * some without, as people do. Drawn from the contact's id rather than the generator, so that the
 * rest of the demo organisation does not depend on them.
 */
function demoMobile(id: string): PhoneRecord | null {
  const bits = parseInt(id.replace(/-/g, '').slice(-8), 16);
  if (bits % 3 === 0) return null;
  const prefix = ['21', '22', '27'][(bits >>> 4) % 3] ?? '21';
  const digits = String(bits % 10_000_000).padStart(7, '0');
  const number = `${digits.slice(0, 3)} ${digits.slice(3)}`;
  return bits % 2 === 0
    ? { type: 'MOBILE', countryCode: '64', areaCode: prefix, number }
    : { type: 'MOBILE', areaCode: `0${prefix}`, number };
}

export interface SupplierProfile {
  supplier: Supplier;
  record: ContactRecord;
}

export function makeSuppliers(b: Builder): SupplierProfile[] {
  return SUPPLIERS.map((supplier) => {
    const location = b.rng.pick(NZ_LOCATIONS);
    const record = contact(
      b,
      supplier.name,
      {
        type: 'STREET',
        line1: `${b.rng.int(1, 240)} ${b.rng.pick(STREETS)}`,
        city: location.city,
        region: 'Wellington',
        postalCode: location.postalCode,
        country: 'New Zealand',
      },
      location.areaCode,
      true,
      null,
    );
    record.firstName = supplier.firstName;
    record.lastName = supplier.lastName;
    record.email = `accounts@${slug(supplier.name)}.example.com`;
    record.isSupplier = true;
    record.updatedAt = eventMs(b, addDays(b.today, -b.rng.int(200, 900)));
    b.data.contacts.set(record.id, record);
    return { supplier, record };
  });
}

export function finishContacts(b: Builder, customers: Customer[]): void {
  const { rng, data, today } = b;
  const firstInvoice = new Map<string, CalendarDate>();
  for (const invoice of data.invoices.values()) {
    const seen = firstInvoice.get(invoice.contactId);
    if (!seen || invoice.date < seen) firstInvoice.set(invoice.contactId, invoice.date);
    const contact = data.contacts.get(invoice.contactId);
    if (contact && invoice.type === 'ACCREC') contact.isCustomer = true;
  }
  for (const { record, archived } of customers) {
    const first = firstInvoice.get(record.id) ?? addDays(today, -rng.int(30, 400));
    const created = addDays(first, -rng.int(1, 30));
    const edited = archived
      ? addDays(today, -rng.int(20, 90))
      : rng.chance(0.2)
        ? addDays(today, -rng.int(1, 60))
        : created;
    record.updatedAt = eventMs(b, edited > created ? edited : created);
  }
}
