// The raw material of the demo organisation: a Wellington print and signage business, its customers,
// suppliers and price list. All names are invented; every email address is under example.com
// (reserved for documentation, so nothing the demo sends can reach a real inbox).

export const DEMO_BUSINESS = {
  name: 'Harbourside Print & Signage',
  legalName: 'Harbourside Print & Signage Limited',
  lineOfBusiness: 'Commercial printing and signage',
  shortCode: '!Hb7qZ',
  taxNumber: '112-458-903',
  street: 'Level 1, 86 Tory Street',
  city: 'Wellington',
  region: 'Wellington',
  postalCode: '6011',
  phoneAreaCode: '04',
  phoneNumber: '385 2210',
  emailDomain: 'harbourside-print.example.com',
} as const;

export const DEMO_USER = { givenName: 'Aroha', familyName: 'Whitmore' } as const;

export const CUSTOMER_NAMES: readonly string[] = [
  'Aro Valley Bakehouse',
  'Bayside Physiotherapy Ltd',
  'Brooklyn Hardware & Timber',
  'Capital Coast Realty',
  'Cuba Street Coffee Roasters',
  'Evans Bay Marine Services',
  'Foxton Fresh Produce Ltd',
  'Greytown Vintners',
  'Hutt Valley Motor Group',
  'Island Bay Surf Life Saving Club',
  'Johnsonville Dental Centre',
  'Kāpiti Coast Landscaping',
  'Karori Early Learning Centre',
  'Kelburn Architects Ltd',
  'Lyall Bay Boardriders',
  'Makara Hills Farm Stay',
  'Manawatū Agricultural Supplies',
  'Martinborough Olive Co.',
  'Miramar Film Props Ltd',
  'Mount Victoria Yoga Studio',
  'Newtown Community Pharmacy',
  'Ngaio Plumbing & Gas',
  'Oriental Bay Dining Co.',
  'Ōtaki Orchard Supplies',
  'Paekākāriki Surf Shop',
  'Petone Brewing Company',
  'Porirua Electrical Ltd',
  'Pukerua Bay Builders',
  'Remutaka Cycle Tours',
  'Rongotai Freight Services',
  'Seatoun Village Butchery',
  'Southern Lights Events Ltd',
  'Tawa Physio & Pilates',
  'Te Aro Legal Partners',
  'Thorndon Quay Motors',
  'Titahi Bay Veterinary Clinic',
  'Upper Hutt Joinery Ltd',
  'Waikanae Garden Centre',
  'Wainuiomata Rugby Football Club',
  'Wadestown Electrical Services',
  'Harbour Ferries Wellington',
  'Whitby Accounting Group',
  'Featherston Antiques & Collectables',
  'Masterton Farm Machinery',
  'Eastbourne Boatshed Café',
  'Silverstream Retreat',
  'Plimmerton Fish & Chips',
  'Khandallah Medical Centre',
  'Lambton Quay Opticians',
  'Hataitai Squash Club',
  'Berhampore Community Trust',
  'Crofton Downs Childcare',
  'Strathmore Tyre Services',
  'Kilbirnie Aquatic Academy',
];

/** Export customers, invoiced in their own currency. */
export const FOREIGN_CUSTOMERS: readonly {
  name: string;
  currency: 'AUD' | 'USD';
  city: string;
  region: string;
  postalCode: string;
  country: string;
}[] = [
  {
    name: 'Bondi Surf Apparel Pty Ltd',
    currency: 'AUD',
    city: 'Sydney',
    region: 'NSW',
    postalCode: '2026',
    country: 'Australia',
  },
  {
    name: 'Harbour City Expos Pty Ltd',
    currency: 'AUD',
    city: 'Sydney',
    region: 'NSW',
    postalCode: '2000',
    country: 'Australia',
  },
  {
    name: 'Southbank Retail Group Pty Ltd',
    currency: 'AUD',
    city: 'Melbourne',
    region: 'VIC',
    postalCode: '3006',
    country: 'Australia',
  },
  {
    name: 'Pacific Trade Show Group LLC',
    currency: 'USD',
    city: 'Honolulu',
    region: 'HI',
    postalCode: '96813',
    country: 'United States',
  },
  {
    name: 'Redwood Outdoor Brands Inc.',
    currency: 'USD',
    city: 'Portland',
    region: 'OR',
    postalCode: '97205',
    country: 'United States',
  },
];

/** For organisations larger than the named list: "<place> <trade>". */
export const PLACES: readonly string[] = [
  'Aotea',
  'Brooklyn',
  'Churton Park',
  'Grenada',
  'Hataitai',
  'Island Bay',
  'Kaiwharawhara',
  'Linden',
  'Maungaraki',
  'Naenae',
  'Ōwhiro Bay',
  'Paremata',
  'Raumati',
  'Stokes Valley',
  'Taita',
  'Trentham',
  'Wallaceville',
  'Woburn',
  'Epuni',
  'Khandallah',
  'Ngauranga',
  'Roseneath',
  'Tītahi Bay',
  'Whitby',
];
export const TRADES: readonly string[] = [
  'Bakery',
  'Builders Ltd',
  'Cafe',
  'Dental',
  'Electrical',
  'Engineering Ltd',
  'Florist',
  'Gym',
  'Hair Studio',
  'Joinery',
  'Kindergarten',
  'Motors',
  'Pharmacy',
  'Plumbing',
  'Realty',
  'Rugby Club',
  'Surveyors',
  'Tyres',
  'Upholstery',
  'Vets',
  'Wine Bar',
  'Yoga',
];

export const FIRST_NAMES: readonly string[] = [
  'Aroha',
  'Mere',
  'Hemi',
  'Tama',
  'Wiremu',
  'Anahera',
  'Rangi',
  'Kiri',
  'Manaia',
  'Sarah',
  'James',
  'Olivia',
  'Liam',
  'Charlotte',
  'Jack',
  'Amelia',
  'Oliver',
  'Isla',
  'Noah',
  'Emily',
  'Lucas',
  'Grace',
  'Hamish',
  'Fiona',
  'Priya',
  'Raj',
  'Wei',
  'Mei',
  'Sione',
  'Losa',
  'Tevita',
  'Ana',
  'Mateo',
  'Sophie',
  'Ben',
  'Chloe',
  'Daniel',
  'Hannah',
  'Sam',
  'Ruby',
];

export const LAST_NAMES: readonly string[] = [
  'Ngata',
  'Parata',
  'Tane',
  'Walker',
  'Smith',
  'Wilson',
  'Brown',
  'Taylor',
  'Thompson',
  'Williams',
  'Anderson',
  'Campbell',
  'Stewart',
  'Patel',
  'Singh',
  'Chen',
  'Wong',
  'Fifita',
  'Tupou',
  'Faleolo',
  'Henare',
  'Kereama',
  'Robinson',
  'Clarke',
  'Mitchell',
  'Morgan',
  'Reid',
  'Fraser',
  'Murray',
  'Hunt',
  'Young',
  'King',
  'Scott',
  'Te Whare',
];

export const ROLE_MAILBOXES: readonly string[] = ['accounts', 'admin', 'office', 'payables'];

export const NZ_LOCATIONS: readonly { city: string; postalCode: string; areaCode: string }[] = [
  { city: 'Wellington', postalCode: '6011', areaCode: '04' },
  { city: 'Wellington', postalCode: '6021', areaCode: '04' },
  { city: 'Lower Hutt', postalCode: '5010', areaCode: '04' },
  { city: 'Upper Hutt', postalCode: '5018', areaCode: '04' },
  { city: 'Porirua', postalCode: '5022', areaCode: '04' },
  { city: 'Paraparaumu', postalCode: '5032', areaCode: '04' },
  { city: 'Masterton', postalCode: '5810', areaCode: '06' },
  { city: 'Palmerston North', postalCode: '4410', areaCode: '06' },
];

export const STREETS: readonly string[] = [
  'Adelaide Road',
  'Jackson Street',
  'Main Road',
  'High Street',
  'Queens Drive',
  'Rintoul Street',
  'Victoria Street',
  'Willis Street',
  'The Parade',
  'Onepu Road',
  'Kent Terrace',
  'Marine Parade',
];

export interface Product {
  code: string;
  description: string;
  /** NZD, GST exclusive. */
  unitCents: number;
  minQty: number;
  maxQty: number;
}

export const PRODUCTS: readonly Product[] = [
  { code: 'CORF-A1', description: 'A1 corflute sign, full colour', unitCents: 3800, minQty: 2, maxQty: 40 },
  { code: 'BC-500', description: 'Business cards, 500, double-sided', unitCents: 8900, minQty: 1, maxQty: 6 },
  { code: 'VEH-DOOR', description: 'Vehicle door decals (pair)', unitCents: 24000, minQty: 1, maxQty: 4 },
  {
    code: 'PULLUP',
    description: 'Pull-up banner 850 x 2000 with stand',
    unitCents: 19500,
    minQty: 1,
    maxQty: 5,
  },
  {
    code: 'VINYL-M2',
    description: 'Window vinyl, cut lettering (per m²)',
    unitCents: 8500,
    minQty: 1,
    maxQty: 12,
  },
  { code: 'DESIGN', description: 'Design time (per hour)', unitCents: 9500, minQty: 1, maxQty: 8 },
  { code: 'A3-100', description: 'A3 posters, 100, 170gsm gloss', unitCents: 12000, minQty: 1, maxQty: 5 },
  { code: 'INSTALL', description: 'Installation labour (per hour)', unitCents: 7800, minQty: 1, maxQty: 10 },
  {
    code: 'LIGHTBOX',
    description: 'Shopfront lightbox panel, printed',
    unitCents: 68000,
    minQty: 1,
    maxQty: 2,
  },
  { code: 'MENU-A2', description: 'Menu board, A2 foam board', unitCents: 4200, minQty: 1, maxQty: 8 },
  { code: 'DL-1000', description: 'DL flyers, 1000, 150gsm', unitCents: 14500, minQty: 1, maxQty: 4 },
  { code: 'MESH-BAN', description: 'Mesh fence banner, 3m x 1.8m', unitCents: 26500, minQty: 1, maxQty: 6 },
  { code: 'DELIV-WGN', description: 'Delivery, Wellington region', unitCents: 2500, minQty: 1, maxQty: 1 },
];

export interface Supplier {
  name: string;
  accountCode: string;
  description: string;
  minCents: number;
  maxCents: number;
  billPrefix: string;
  firstName: string;
  lastName: string;
}

export const SUPPLIERS: readonly Supplier[] = [
  {
    name: 'Southern Cross Paper Merchants Ltd',
    accountCode: '310',
    description: 'Paper and board stock',
    minCents: 80000,
    maxCents: 450000,
    billPrefix: 'SCP',
    firstName: 'Grant',
    lastName: 'Avery',
  },
  {
    name: 'Inkwell Supplies Ltd',
    accountCode: '310',
    description: 'Inks, toner and print heads',
    minCents: 30000,
    maxCents: 180000,
    billPrefix: 'INK',
    firstName: 'Leanne',
    lastName: 'Barr',
  },
  {
    name: 'Vinyl Direct NZ Ltd',
    accountCode: '310',
    description: 'Vinyl rolls and substrates',
    minCents: 40000,
    maxCents: 250000,
    billPrefix: 'VD',
    firstName: 'Tom',
    lastName: 'Kerr',
  },
  {
    name: 'Lambton Property Holdings Ltd',
    accountCode: '469',
    description: 'Rent, Level 1, 86 Tory Street',
    minCents: 420000,
    maxCents: 420000,
    billPrefix: 'LPH',
    firstName: 'Diane',
    lastName: 'Hollis',
  },
  {
    name: 'Brightline Energy Ltd',
    accountCode: '445',
    description: 'Electricity',
    minCents: 38000,
    maxCents: 72000,
    billPrefix: 'BE',
    firstName: 'Accounts',
    lastName: 'Team',
  },
  {
    name: 'FastNet Broadband Ltd',
    accountCode: '489',
    description: 'Fibre broadband and phone',
    minCents: 12900,
    maxCents: 12900,
    billPrefix: 'FN',
    firstName: 'Billing',
    lastName: 'Team',
  },
  {
    name: 'Capital Couriers Ltd',
    accountCode: '425',
    description: 'Courier and freight',
    minCents: 9000,
    maxCents: 40000,
    billPrefix: 'CC',
    firstName: 'Mike',
    lastName: 'Dunn',
  },
];

export const CREDIT_REASONS: readonly string[] = [
  'Credit: reprint of misaligned run',
  'Credit: damaged in transit',
  'Credit: agreed discount on bulk order',
  'Credit: pricing adjustment',
  'Credit: cancelled installation',
];

export const PAYMENT_REFERENCES: readonly string[] = [
  'Internet banking',
  'Direct credit',
  'Bank transfer',
  'EFT',
];
