// What the planner is told about one organisation and each of its customers. Everything is a fact the
// caller loaded (nothing here is looked up or read from a clock), so the same facts give the same plan.
import { builtInPolicies } from './built-in-policies';
import type { CalendarDate } from './dates';
import { noHolidays, type HolidayCalendar } from './holiday-calendar';
import type { Minor } from './money';
import type { Policy } from './policy';
import { defaultSegmentPolicies, type Segment } from './segments';
import { businessHours, type SendWindow } from './send-window';

export interface PlannerInvoice {
  id: string;
  number: string;
  currency: string;
  issueDate: CalendarDate;
  dueDate: CalendarDate;
  outstanding: Minor;
  /**
   * Done keys of every action already planned or carried out for this invoice: stage keys
   * ('first-reminder'), repeats ('call-customer#2') and the keys of other actions (see `doneKey`).
   */
  stagesDone: string[];
  /** The day the latest stage was acted on for this invoice: stages timed from the previous contact and repeats count from it. */
  lastStageOn?: CalendarDate | null;
  /** A person took this invoice out of chasing. */
  excluded?: boolean;
}

export interface Dispute {
  invoiceId: string;
  raisedOn: CalendarDate;
  reason: string;
  /** Chasing resumes from this day; null while the dispute is open. */
  resolvedOn: CalendarDate | null;
}

export interface PromiseToPay {
  invoiceIds: string[];
  madeOn: CalendarDate;
  promisedFor: CalendarDate;
}

export interface Instalment {
  dueDate: CalendarDate;
  amount: Minor;
}

/**
 * Instalments in the plan's currency, adding up to what its invoices owed when it was agreed: what
 * has been received since is that sum less what they owe now, and it meets instalments in date order.
 */
export interface PaymentPlan {
  id: string;
  invoiceIds: string[];
  currency: string;
  agreedOn: CalendarDate;
  instalments: Instalment[];
}

/** A payment (or credit) that settled an invoice, in full or in part; the thank-you follows it. */
export interface PaymentEvent {
  invoiceId: string;
  number: string;
  currency: string;
  kind: 'paid' | 'part_paid';
  on: CalendarDate;
  /** What this payment brought in. */
  amount: Minor;
  /** What the invoice still owes after it (0 when paid). */
  remaining: Minor;
  /** A reminder reached the customer about this invoice once it was due (the heads-up before does not count). */
  chased: boolean;
  /** A thank-you covering this payment was already planned. */
  acknowledged: boolean;
}

export interface ContactPerson {
  name: string;
  email?: string | null;
  phone?: string | null;
}

export interface CustomerOverrides {
  /** A policy picked by hand; wins over the segment's. */
  policyId?: string;
  /** Nothing automatic reaches this customer: no reminders, thank-yous or tasks. */
  excluded?: boolean;
  /** Messages go to this person (when they have an address for the channel) rather than the customer's own. */
  contactPerson?: ContactPerson;
}

export interface PlannerDebtor {
  id: string;
  name: string;
  email: string | null;
  /** Mobile number for SMS stages, as the SMS provider takes it (E.164). */
  phone?: string | null;
  /** The day of the last chasing message (a stage's email or SMS, or an instalment reminder). */
  lastContactOn: CalendarDate | null;
  /** The day of the last message of any kind, thank-yous included; defaults to `lastContactOn`. */
  lastMessageOn?: CalendarDate | null;
  /** From `segmentOf`; 'new' when not given. */
  segment?: Segment;
  overrides?: CustomerOverrides;
  invoices: PlannerInvoice[];
  disputes?: Dispute[];
  promises?: PromiseToPay[];
  paymentPlans?: PaymentPlan[];
  /** Unapplied credit notes, overpayments and prepayments, per currency. */
  unallocatedCredit?: { currency: string; amount: Minor }[];
  payments?: PaymentEvent[];
}

export interface PlanningContext {
  /** Policies by id: the built-ins, or the business's edited copies under the same or new ids. */
  policies: Readonly<Record<string, Policy>>;
  segmentPolicies: Readonly<Record<Segment, string>>;
  sendWindow: SendWindow;
  calendar: HolidayCalendar;
  /** Opted-out and bounced addresses: emails in lower case, phone numbers as stored. */
  suppressed: ReadonlySet<string>;
  /** Every message needs a person's approval before it goes. */
  approvalMode: boolean;
}

export function planningContext(overrides: Partial<PlanningContext> = {}): PlanningContext {
  return {
    policies: builtInPolicies,
    segmentPolicies: defaultSegmentPolicies,
    sendWindow: businessHours,
    calendar: noHolidays,
    suppressed: new Set(),
    approvalMode: false,
    ...overrides,
  };
}
