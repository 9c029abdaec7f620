// The parts every generated company shares: who the company is (a US sign and print shop in San
// Francisco, or its Canadian twin in Toronto), the sandbox's QuickBooks user, and customers with their
// payment habits, all drawn from one seeded stream.
import { UNIT_RATE } from '../../shared/sandbox/money';
import type { Rng } from '../../shared/sandbox/prng';
import { dateMs, type CalendarDate } from '../../shared/sandbox/calendar-dates';
import { offsetMinutes } from './qbo-time';
import type { CompanyData, CustomerRecord } from './records';

export type Country = 'US' | 'CA';
export type Habit = 'prompt' | 'slow' | 'troubled';

export interface Customer {
  record: CustomerRecord;
  habit: Habit;
  weight: number;
}

const COMPANIES: Record<
  Country,
  Omit<CompanyData['info'], 'createdAt' | 'onlinePayments'> & { foreign: string }
> = {
  US: {
    name: 'Bayview Sign & Print',
    legalName: 'Bayview Sign & Print LLC',
    country: 'US',
    homeCurrency: 'USD',
    multiCurrency: true,
    timeZone: 'America/Los_Angeles',
    email: 'accounts@bayviewsign.example',
    phone: '(415) 555-0142',
    address: { line1: '2150 Third Street', city: 'San Francisco', region: 'CA', postalCode: '94107' },
    foreign: 'CAD',
  },
  CA: {
    name: 'Lakeshore Sign & Print',
    legalName: 'Lakeshore Sign & Print Inc.',
    country: 'CA',
    homeCurrency: 'CAD',
    multiCurrency: true,
    timeZone: 'America/Toronto',
    email: 'accounts@lakeshoresign.example',
    phone: '(416) 555-0178',
    address: { line1: '88 Queens Quay West', city: 'Toronto', region: 'ON', postalCode: 'M5J 0B8' },
    foreign: 'USD',
  },
};

const GIVEN = [
  'Amy',
  'Ben',
  'Carla',
  'Dev',
  'Elena',
  'Frank',
  'Grace',
  'Hiro',
  'Isla',
  'Jamal',
  'Kira',
  'Luis',
  'Maya',
  'Noah',
  'Olga',
  'Priya',
  'Quinn',
  'Rosa',
  'Sam',
  'Tariq',
  'Uma',
  'Victor',
  'Wen',
  'Yusuf',
  'Zoe',
];
const FAMILY = [
  'Alvarez',
  'Brooks',
  'Chen',
  'Dubois',
  'Evans',
  'Fischer',
  'Garcia',
  'Hughes',
  'Ito',
  'Jensen',
  'Kowalski',
  'Lopez',
  'Murphy',
  'Nguyen',
  'Okafor',
  'Patel',
  'Reyes',
  'Schmidt',
  'Tanaka',
  'Walsh',
];
const TRADES = [
  'Bakery',
  'Brewing Co.',
  'Dental',
  'Fitness',
  'Florist',
  'Hardware',
  'Law Group',
  'Landscaping',
  'Motors',
  'Cafe',
  'Plumbing',
  'Realty',
  'Studio',
  'Tutoring',
  'Yoga',
  'Vet Clinic',
  'Builders',
  'Books',
  'Cycles',
  'Catering',
];

export function baseCompany(rng: Rng, now: number, country: Country): CompanyData {
  const { foreign: _foreign, ...info } = COMPANIES[country];
  const digits = () => String(rng.int(0, 999_999)).padStart(6, '0');
  return {
    realmId: `9341${digits()}${digits()}`,
    info: { ...info, onlinePayments: true, createdAt: now - 3 * 365 * 86_400_000 },
    user: {
      sub: rng.uuid(),
      email: country === 'US' ? 'dana.whitfield@bayviewsign.example' : 'dana.whitfield@lakeshoresign.example',
      givenName: 'Dana',
      familyName: 'Whitfield',
      phone: info.phone,
    },
    customers: new Map(),
    invoices: new Map(),
    creditMemos: new Map(),
    payments: new Map(),
    attachables: new Map(),
    tombstones: [],
    lastIds: { Invoice: 0, Payment: 0, CreditMemo: 0, Customer: 0, Attachable: 0 },
  };
}

export function foreignCurrency(country: Country): string {
  return COMPANIES[country].foreign;
}

/** `count` customers: ids 1…count, names unique, about a tenth without email, 2% inactive. */
export function makeCustomers(rng: Rng, data: CompanyData, count: number, now: number): Customer[] {
  const customers: Customer[] = [];
  const foreign = foreignCurrency(data.info.country);
  for (let i = 0; i < count; i++) {
    const given = GIVEN[i % GIVEN.length] ?? 'Amy';
    const family = FAMILY[Math.floor(i / GIVEN.length) % FAMILY.length] ?? 'Chen';
    const trade = TRADES[(i * 7) % TRADES.length] ?? 'Studio';
    const cycle = Math.floor(i / (GIVEN.length * FAMILY.length));
    const companyName = `${family} ${trade}${cycle > 0 ? ` ${cycle + 1}` : ''}`;
    const slug = companyName.toLowerCase().replace(/[^a-z0-9]+/g, '');
    const createdAt = now - rng.int(400, 1000) * 86_400_000;
    const habit: Habit = rng.chance(0.55) ? 'prompt' : rng.chance(0.6) ? 'slow' : 'troubled';
    const record: CustomerRecord = {
      id: String(i + 1),
      syncToken: rng.int(0, 3),
      createdAt,
      updatedAt: createdAt + rng.int(0, 300) * 86_400_000,
      displayName: companyName,
      companyName,
      givenName: given,
      familyName: family,
      email: rng.chance(0.9) ? `${given.toLowerCase()}@${slug}.example` : null,
      mobile: rng.chance(0.6)
        ? `(555) 01${String(rng.int(0, 99)).padStart(2, '0')}-${String(rng.int(0, 9999)).padStart(4, '0')}`
        : null,
      phone: rng.chance(0.5)
        ? `(555) 02${String(rng.int(0, 99)).padStart(2, '0')}-${String(rng.int(0, 9999)).padStart(4, '0')}`
        : null,
      active: i < 2 || !rng.chance(0.02),
      currency: data.info.multiCurrency && i % 12 === 5 ? foreign : data.info.homeCurrency,
    };
    data.customers.set(record.id, record);
    customers.push({ record, habit, weight: rng.chance(0.2) ? 4 : 1 });
  }
  data.lastIds.Customer = count;
  return customers;
}

/** An instant in business hours (9:00–17:00 local) on `date`, never later than an hour before `now`. */
export function businessMs(rng: Rng, date: CalendarDate, timeZone: string, now: number): number {
  const local = dateMs(date) + 9 * 3_600_000 + rng.int(0, 8 * 3_600_000 - 1);
  return Math.min(local - offsetMinutes(local, timeZone) * 60_000, now - 3_600_000);
}

/** Home-currency units per unit of a foreign currency, in millionths. */
export function referenceRate(currency: string, home: string): number {
  if (currency === home) return UNIT_RATE;
  const usd: Record<string, number> = { USD: 1_000_000, CAD: 730_000, EUR: 1_080_000, GBP: 1_270_000 };
  return Math.round(((usd[currency] ?? UNIT_RATE) * UNIT_RATE) / (usd[home] ?? UNIT_RATE));
}
