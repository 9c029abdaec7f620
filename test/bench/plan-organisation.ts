// One generated organisation: its country (and so its public holidays and home currency), its planning
// context as plan-connection.ts builds it, and its customers. Some organisations run an edited policy
// with a text message stage, approve every message by hand, or have addresses on the suppression list.
import { builtInPolicies, standardPolicy } from '../../src/domain/built-in-policies';
import { fromEpochDay, toEpochDay, type CalendarDate } from '../../src/domain/dates';
import { planningContext, type PlannerDebtor, type PlanningContext } from '../../src/domain/planner-input';
import type { Policy } from '../../src/domain/policy';
import { publicHolidayCalendar } from '../../src/domain/public-holidays';
import { defaultSegmentPolicies } from '../../src/domain/segments';
import { businessHours, isSendDay } from '../../src/domain/send-window';
import { generateCustomer, type OrganisationFacts } from './plan-customer';
import { Random, split } from './plan-random';

export interface GeneratedOrganisation {
  context: PlanningContext;
  debtors: PlannerDebtor[];
}

const COUNTRIES = [
  { code: 'NZ', currency: 'NZD', dialCode: '64' },
  { code: 'AU', currency: 'AUD', dialCode: '61' },
  { code: 'GB', currency: 'GBP', dialCode: '44' },
  { code: 'US', currency: 'USD', dialCode: '1' },
] as const;

/** A business's edited copy of the standard policy that texts the second reminder. */
const withTexts: Policy = {
  ...standardPolicy,
  id: 'standard-sms',
  name: 'Standard, second reminder by text',
  stages: standardPolicy.stages.map((s) => (s.key === 'second-reminder' ? { ...s, channel: 'sms' } : s)),
};

/**
 * The first day from `from` that is a send day in every country the benchmark uses, so that no
 * organisation plans an empty day. Asking each calendar also builds its holiday table before timing.
 */
export function sendDayEverywhere(from: CalendarDate): CalendarDate {
  const calendars = COUNTRIES.map((c) => publicHolidayCalendar(c.code));
  for (let day = toEpochDay(from); ; day++) {
    const date = fromEpochDay(day);
    if (calendars.every((calendar) => isSendDay(date, businessHours, calendar))) return date;
  }
}

export function generateOrganisation(
  seed: number,
  index: number,
  invoiceCount: number,
  today: CalendarDate,
): GeneratedOrganisation {
  const random = new Random(seed, index);
  const country = random.pick(COUNTRIES);
  const texts = random.chance(0.15);
  const context = planningContext({
    calendar: publicHolidayCalendar(country.code),
    policies: texts ? { ...builtInPolicies, [withTexts.id]: withTexts } : builtInPolicies,
    segmentPolicies: texts
      ? { ...defaultSegmentPolicies, occasional_late: withTexts.id }
      : defaultSegmentPolicies,
    approvalMode: random.chance(0.08),
  });
  const facts: OrganisationFacts = {
    context,
    homeCurrency: country.currency,
    dialCode: country.dialCode,
    todayDay: toEpochDay(today),
    numbering: { next: random.int(1, 5000) },
  };
  const customers = Math.min(invoiceCount, random.int(20, 60));
  const weights = Array.from({ length: customers }, () => random.skewed(0.8));
  const debtors = split(invoiceCount, weights, 1).map((n) => generateCustomer(random, facts, n));

  const suppressed = new Set<string>();
  for (const debtor of debtors) {
    if (debtor.email && random.chance(0.01)) suppressed.add(debtor.email.toLowerCase());
  }
  return { context: { ...context, suppressed }, debtors };
}
