// One generated customer as the planning service hands it to the planner (see debtor-facts.ts): its
// open invoices oldest first, what was already done for each, when it last heard from us, its segment,
// and for a few of them an override, an arrangement, a payment or credit.
import { fromEpochDay } from '../../src/domain/dates';
import { policyFor } from '../../src/domain/planner';
import type { PlannerDebtor, PlanningContext } from '../../src/domain/planner-input';
import type { Segment } from '../../src/domain/segments';
import { arrange } from './plan-arrangements';
import { draftInvoices, withHistory } from './plan-invoices';
import type { Random } from './plan-random';

export interface OrganisationFacts {
  context: PlanningContext;
  homeCurrency: string;
  dialCode: string;
  todayDay: number;
  /** Invoice numbers run on across the organisation's customers, as in the books. */
  numbering: { next: number };
}

const FIRST = [
  'Harbour',
  'Kauri',
  'Summit',
  'Bluegum',
  'Thames',
  'Redwood',
  'Coastal',
  'Ironbark',
  'Meridian',
  'Pioneer',
];
const SECOND = [
  'Joinery',
  'Plumbing',
  'Design',
  'Freight',
  'Catering',
  'Electrical',
  'Print',
  'Landscapes',
  'Dental',
  'Media',
];
const SUFFIX = ['Ltd', 'Limited', 'Pty Ltd', 'LLC', 'Inc', '& Co', 'Group'];
const FOREIGN = ['USD', 'AUD', 'EUR', 'GBP', 'NZD', 'JPY'];
const SEGMENTS: readonly (readonly [Segment, number])[] = [
  ['new', 20],
  ['reliable', 35],
  ['occasional_late', 30],
  ['chronic_late', 15],
];

export function generateCustomer(
  random: Random,
  org: OrganisationFacts,
  invoiceCount: number,
): PlannerDebtor {
  const name = `${random.pick(FIRST)} ${random.pick(SECOND)} ${random.pick(SUFFIX)}`;
  const slug = `${name.toLowerCase().replace(/[^a-z]+/g, '-')}${random.int(1, 999)}`;
  const debtor: PlannerDebtor = {
    id: random.uuid(),
    name,
    // Some addresses are stored with capitals: suppression compares them in lower case.
    email: random.chance(0.93) ? `${random.chance(0.1) ? 'Accounts' : 'accounts'}@${slug}.example.com` : null,
    phone: random.chance(0.3) ? `+${org.dialCode}${random.int(20_000_000, 29_999_999)}` : null,
    lastContactOn: null,
    segment: random.weighted(SEGMENTS),
    invoices: [],
  };
  if (random.chance(0.08)) debtor.overrides = overrides(random, org.context, slug);

  const policy = policyFor(org.context, debtor);
  const foreign = random.chance(0.12) ? random.pick(FOREIGN.filter((c) => c !== org.homeCurrency)) : null;
  const currencies = { home: org.homeCurrency, foreign };
  const drafts = draftInvoices(random, invoiceCount, currencies, org.todayDay, org.numbering);
  drafts.sort((a, b) => a.dueDay - b.dueDay);
  const arranged = arrange(random, drafts, policy, org.todayDay, org.numbering);

  let lastMessageDay: number | null = null;
  for (const draft of drafts) {
    const { lastMessageDay: day } = withHistory(draft, policy, random);
    if (day !== null && (lastMessageDay === null || day > lastMessageDay)) lastMessageDay = day;
  }
  for (const { draft, key } of arranged.notes) draft.invoice.stagesDone.push(key);

  debtor.invoices = drafts.map((d) => d.invoice);
  debtor.lastContactOn = lastMessageDay === null ? null : fromEpochDay(lastMessageDay);
  const { thankedDay } = arranged;
  if (thankedDay !== null && (lastMessageDay === null || thankedDay > lastMessageDay)) {
    debtor.lastMessageOn = fromEpochDay(thankedDay);
  }
  if (arranged.disputes) debtor.disputes = arranged.disputes;
  if (arranged.promises) debtor.promises = arranged.promises;
  if (arranged.paymentPlans) debtor.paymentPlans = arranged.paymentPlans;
  if (arranged.payments) debtor.payments = arranged.payments;
  if (arranged.unallocatedCredit) debtor.unallocatedCredit = arranged.unallocatedCredit;
  return debtor;
}

function overrides(random: Random, context: PlanningContext, slug: string): PlannerDebtor['overrides'] {
  const roll = random.next();
  if (roll < 0.15) return { excluded: true };
  if (roll < 0.65) return { policyId: random.pick(Object.keys(context.policies)) };
  return { contactPerson: { name: 'Sam Taylor', email: `sam@${slug}.example.com` } };
}
