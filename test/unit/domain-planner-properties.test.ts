import fc from 'fast-check';
import { addDays, daysBetween } from '../../src/domain/dates';
import { fixedHolidays } from '../../src/domain/holiday-calendar';
import {
  planDebtor,
  planningContext,
  policyFor,
  type PlannedAction,
  type PlannerDebtor,
  type PlannerInvoice,
  type PlanningContext,
} from '../../src/domain/planner';
import type { Dispute, PaymentPlan, PromiseToPay } from '../../src/domain/planner-input';
import { builtInPolicies, standardPolicy, type Policy } from '../../src/domain/policy';
import { isSendDay } from '../../src/domain/send-window';
import { simulate } from '../../src/domain/simulate';

/** A Monday; every date below is a day offset from it. */
const BASE = '2026-11-02';
const DAYS = 120;
const on = (offset: number) => addDays(BASE, offset);

/** A business that texts as its second step, so that two channels compete for a day. */
const mixed: Policy = {
  ...standardPolicy,
  id: 'mixed',
  stages: [
    standardPolicy.stages[0]!,
    {
      key: 'text-reminder',
      name: 'Text reminder',
      offset: { from: 'due', days: 1 },
      channel: 'sms',
      tone: 'polite',
      template: 'polite',
      approval: 'auto',
    },
    standardPolicy.stages[2]!,
    { ...standardPolicy.stages[5]!, offset: { from: 'previous_contact', days: 9 }, repeatEveryDays: 12 },
  ],
};
const policies = { ...builtInPolicies, mixed };
const allKeys = [...new Set(Object.values(policies).flatMap((p) => p.stages.map((s) => s.key)))];

type Pause =
  | { kind: 'dispute'; raised: number; resolved: number | null }
  | { kind: 'promise'; made: number; promisedFor: number }
  | { kind: 'plan'; agreed: number; instalmentDue: number }
  | null;

const pauseArb: fc.Arbitrary<Pause> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null) },
  fc.record({
    kind: fc.constant('dispute' as const),
    raised: fc.integer({ min: -30, max: 90 }),
    resolved: fc.option(fc.integer({ min: -20, max: 110 }), { nil: null }),
  }),
  fc
    .record({ made: fc.integer({ min: -30, max: 90 }), wait: fc.integer({ min: 0, max: 30 }) })
    .map(({ made, wait }) => ({ kind: 'promise' as const, made, promisedFor: made + wait })),
  fc.record({
    kind: fc.constant('plan' as const),
    agreed: fc.integer({ min: -30, max: 60 }),
    instalmentDue: fc.integer({ min: -10, max: 100 }),
  }),
);

const invoiceArb = fc.record({
  currency: fc.constantFrom('NZD', 'AUD', 'JPY'),
  due: fc.integer({ min: -60, max: 90 }),
  outstanding: fc.oneof(
    fc.constant(0),
    fc.integer({ min: 1, max: 900 }),
    fc.integer({ min: 901, max: 500000 }),
  ),
  stagesDone: fc.subarray(allKeys, { maxLength: 4 }),
  excluded: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  pause: pauseArb,
});

const debtorArb = fc.record({
  email: fc.constantFrom<string | null>('jo@acme.example', 'Suppressed@acme.example', null),
  phone: fc.constantFrom<string | null>('+64215550101', null),
  segment: fc.constantFrom(
    'new' as const,
    'reliable' as const,
    'occasional_late' as const,
    'chronic_late' as const,
  ),
  policyId: fc.option(fc.constantFrom('gentle', 'standard', 'firm', 'mixed'), { nil: undefined }),
  excluded: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  person: fc.option(fc.constantFrom({ name: 'Sam', email: 'sam@acme.example', phone: null }), {
    nil: undefined,
  }),
  lastContact: fc.option(fc.integer({ min: -10, max: 0 }), { nil: null }),
  credit: fc.array(
    fc.record({ currency: fc.constantFrom('NZD', 'aud'), amount: fc.integer({ min: 0, max: 5000 }) }),
    {
      maxLength: 2,
    },
  ),
  payments: fc.array(
    fc.record({
      currency: fc.constantFrom('NZD', 'AUD'),
      kind: fc.constantFrom('paid' as const, 'part_paid' as const),
      on: fc.integer({ min: -3, max: 30 }),
      chased: fc.boolean(),
    }),
    { maxLength: 3 },
  ),
  invoices: fc.array(invoiceArb, { maxLength: 5 }),
});

const contextArb = fc
  .record({
    holidays: fc.uniqueArray(fc.integer({ min: 0, max: DAYS + 10 }), { maxLength: 15 }),
    days: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
    approvalMode: fc.boolean(),
  })
  .map(({ holidays, days, approvalMode }): PlanningContext =>
    planningContext({
      policies,
      calendar: fixedHolidays(holidays.map(on)),
      sendWindow: { days, start: '09:00', end: '17:00' },
      suppressed: new Set(['suppressed@acme.example']),
      approvalMode,
    }),
  );

interface Generated {
  debtor: PlannerDebtor;
  pauses: Map<string, Pause>;
}

function build(index: number, raw: Raw): Generated {
  const id = `debtor-${index}`;
  const pauses = new Map<string, Pause>();
  const disputes: Dispute[] = [];
  const promises: PromiseToPay[] = [];
  const paymentPlans: PaymentPlan[] = [];
  const invoices: PlannerInvoice[] = raw.invoices.map((r, i) => {
    const invoiceId = `${id}-inv-${i}`;
    pauses.set(invoiceId, r.pause);
    const p = r.pause;
    if (p?.kind === 'dispute') {
      disputes.push({
        invoiceId,
        raisedOn: on(p.raised),
        reason: 'query',
        resolvedOn: p.resolved === null ? null : on(p.resolved),
      });
    } else if (p?.kind === 'promise') {
      promises.push({ invoiceIds: [invoiceId], madeOn: on(p.made), promisedFor: on(p.promisedFor) });
    } else if (p?.kind === 'plan') {
      paymentPlans.push({
        id: `plan-${invoiceId}`,
        invoiceIds: [invoiceId],
        currency: r.currency,
        agreedOn: on(p.agreed),
        instalments: [{ dueDate: on(p.instalmentDue), amount: r.outstanding }],
      });
    }
    return {
      id: invoiceId,
      number: `INV-${index}${i}`,
      currency: r.currency,
      issueDate: on(r.due - 30),
      dueDate: on(r.due),
      outstanding: r.outstanding,
      stagesDone: r.stagesDone,
      excluded: r.excluded,
    };
  });
  const debtor: PlannerDebtor = {
    id,
    name: `Customer ${index}`,
    email: raw.email,
    phone: raw.phone,
    segment: raw.segment,
    lastContactOn: raw.lastContact === null ? null : on(raw.lastContact),
    overrides: { policyId: raw.policyId, excluded: raw.excluded, contactPerson: raw.person },
    invoices,
    disputes,
    promises,
    paymentPlans,
    unallocatedCredit: raw.credit,
    payments: raw.payments.map((p, i) => ({
      invoiceId: `${id}-paid-${i}`,
      number: `PAID-${index}${i}`,
      currency: p.currency,
      kind: p.kind,
      on: on(p.on),
      amount: 1000,
      remaining: p.kind === 'paid' ? 0 : 500,
      chased: p.chased,
      acknowledged: false,
    })),
  };
  return { debtor, pauses };
}
type Raw = typeof debtorArb extends fc.Arbitrary<infer T> ? T : never;

const organisationArb = fc.record({
  context: contextArb,
  debtors: fc.array(debtorArb, { minLength: 1, maxLength: 4 }),
});

const isMessage = (a: PlannedAction) => a.channel === 'email' || a.channel === 'sms';
const isChasing = (a: PlannedAction) => a.kind === 'stage' || a.kind === 'instalment_reminder';

/** Whether the generated pause holds the invoice's stages on `day`, given the policy's grace days. */
function paused(pause: Pause, day: string, graceDays: number): boolean {
  const d = daysBetween(BASE, day);
  if (!pause) return false;
  if (pause.kind === 'dispute') return pause.raised <= d && (pause.resolved === null || pause.resolved > d);
  if (pause.kind === 'promise') return pause.made <= d && d <= pause.promisedFor + graceDays;
  return pause.agreed <= d && d <= pause.instalmentDue + graceDays;
}

function simulated(org: { context: PlanningContext; debtors: Raw[] }) {
  const generated = org.debtors.map((raw, i) => build(i, raw));
  const timeline = simulate(
    { context: org.context, debtors: generated.map((g) => g.debtor) },
    BASE,
    DAYS,
  ).actions;
  return { generated, timeline };
}

const RUNS = { numRuns: 150 };

describe('over 120 simulated days, whatever the customers, invoices, arrangements and calendar', () => {
  it('nothing is planned for a paid, voided, excluded, disputed or paused invoice, nor for an excluded customer', () => {
    fc.assert(
      fc.property(organisationArb, (org) => {
        const { generated, timeline } = simulated(org);
        for (const { debtor, pauses } of generated) {
          const actions = timeline.filter((a) => a.debtorId === debtor.id);
          if (debtor.overrides?.excluded) expect(actions).toEqual([]);
          const grace = policyFor(org.context, debtor).graceDays;
          for (const invoice of debtor.invoices) {
            const touching = actions.filter((a) => a.invoiceIds.includes(invoice.id));
            if (invoice.outstanding === 0 || invoice.excluded) expect(touching).toEqual([]);
            for (const a of touching.filter((t) => t.kind === 'stage')) {
              expect(paused(pauses.get(invoice.id) ?? null, a.plannedOn, grace)).toBe(false);
            }
          }
        }
      }),
      RUNS,
    );
  });

  it('no customer is chased twice within the minimum gap', () => {
    fc.assert(
      fc.property(organisationArb, (org) => {
        const { generated, timeline } = simulated(org);
        for (const { debtor } of generated) {
          const gap = policyFor(org.context, debtor).minDaysBetweenContacts;
          const days = timeline
            .filter((a) => a.debtorId === debtor.id && isMessage(a) && isChasing(a))
            .map((a) => a.plannedOn);
          if (debtor.lastContactOn) days.unshift(debtor.lastContactOn);
          for (let i = 1; i < days.length; i++) {
            expect(daysBetween(days[i - 1]!, days[i]!)).toBeGreaterThanOrEqual(gap);
          }
        }
      }),
      RUNS,
    );
  });

  it('a customer gets at most one message a day, on one channel, thank-yous included', () => {
    fc.assert(
      fc.property(organisationArb, (org) => {
        const { generated, timeline } = simulated(org);
        for (const { debtor } of generated) {
          const days = timeline
            .filter((a) => a.debtorId === debtor.id && isMessage(a))
            .map((a) => a.plannedOn);
          expect(new Set(days).size).toBe(days.length);
          if (debtor.lastContactOn) expect(days).not.toContain(debtor.lastContactOn);
        }
      }),
      RUNS,
    );
  });

  it('every message and task is planned on a send day: a business day of the window, not a holiday', () => {
    fc.assert(
      fc.property(organisationArb, (org) => {
        const { timeline } = simulated(org);
        for (const a of timeline) {
          expect(isSendDay(a.plannedOn, org.context.sendWindow, org.context.calendar)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('unallocated credit holds all chasing in its currency', () => {
    fc.assert(
      fc.property(organisationArb, (org) => {
        const { generated, timeline } = simulated(org);
        for (const { debtor } of generated) {
          const held = new Set(
            (debtor.unallocatedCredit ?? []).filter((c) => c.amount > 0).map((c) => c.currency.toUpperCase()),
          );
          const chased = timeline.filter((a) => a.debtorId === debtor.id && isChasing(a));
          for (const a of chased) expect(held.has(a.currency.toUpperCase())).toBe(false);
        }
      }),
      RUNS,
    );
  });

  it('messages go only to addresses that are not suppressed', () => {
    fc.assert(
      fc.property(organisationArb, (org) => {
        const { timeline } = simulated(org);
        for (const a of timeline.filter(isMessage)) {
          expect(a.recipient).not.toBeNull();
          expect(org.context.suppressed.has((a.recipient ?? '').toLowerCase())).toBe(false);
        }
      }),
      RUNS,
    );
  });
});

describe('one day’s plan', () => {
  it('is the same whatever order the invoices arrive in', () => {
    fc.assert(
      fc.property(
        contextArb,
        debtorArb,
        fc.integer({ min: 0, max: 60 }),
        fc.func(fc.integer()),
        (context, raw, offset, key) => {
          const { debtor } = build(0, raw);
          const shuffled = [...debtor.invoices].sort((a, b) => key(a.id) - key(b.id));
          expect(planDebtor(context, { ...debtor, invoices: shuffled }, on(offset))).toEqual(
            planDebtor(context, debtor, on(offset)),
          );
        },
      ),
      RUNS,
    );
  });

  it('plans each invoice at most once per stage round', () => {
    fc.assert(
      fc.property(contextArb, debtorArb, fc.integer({ min: 0, max: 60 }), (context, raw, offset) => {
        const { debtor } = build(0, raw);
        const { actions } = planDebtor(context, debtor, on(offset));
        const pairs = actions.flatMap((a) => a.invoiceIds.map((id) => `${id}:${a.doneKey}`));
        expect(new Set(pairs).size).toBe(pairs.length);
        expect(new Set(actions.map((a) => a.idempotencyKey)).size).toBe(actions.length);
      }),
      RUNS,
    );
  });
});
