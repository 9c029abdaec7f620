import { fixedHolidays } from '../../src/domain/holiday-calendar';
import { planningContext, type PlannerDebtor, type PlannerInvoice } from '../../src/domain/planner';
import type { Segment } from '../../src/domain/segments';
import { isSendDay } from '../../src/domain/send-window';
import { simulate } from '../../src/domain/simulate';

/** New Zealand's public holidays over the summer break of 2026-27. */
const calendar = fixedHolidays(['2026-12-25', '2026-12-28', '2027-01-01', '2027-01-04']);
const context = planningContext({ calendar });
/** A Monday. */
const FROM = '2026-11-23';

function invoice(overrides: Partial<PlannerInvoice> = {}): PlannerInvoice {
  return {
    id: 'inv-1',
    number: 'INV-1',
    currency: 'NZD',
    issueDate: '2026-11-01',
    dueDate: '2026-11-30',
    outstanding: 100000,
    stagesDone: [],
    ...overrides,
  };
}

function debtor(overrides: Partial<PlannerDebtor> = {}): PlannerDebtor {
  return {
    id: 'acme',
    name: 'Acme Ltd',
    email: 'jo@acme.example',
    lastContactOn: null,
    invoices: [invoice()],
    ...overrides,
  };
}

const timeline = (segment: Segment, days = 120) =>
  simulate({ context, debtors: [debtor({ segment })] }, FROM, days).actions.map(
    (a) => `${a.plannedOn} ${a.doneKey} ${a.channel}${a.requiresApproval ? ' (approval)' : ''}`,
  );

describe('what each built-in policy would do with one invoice due on Monday 30 November, if nobody paid', () => {
  it('standard: each step waits for its day and for 5 clear days after the last email', () => {
    expect(timeline('new')).toEqual([
      '2026-11-27 heads-up email',
      // Due +1 is 1 Dec, but the heads-up went on 27 Nov: 5 days later is 2 Dec.
      '2026-12-02 first-reminder email',
      '2026-12-07 second-reminder email',
      '2026-12-14 payment-plan email',
      '2026-12-30 final-notice email',
      '2027-01-14 call-customer task',
    ]);
  });

  it('gentle: more check-ins, a personal call, a final notice for approval, then a monthly call', () => {
    expect(timeline('reliable')).toEqual([
      '2026-11-23 heads-up email',
      '2026-12-03 check-in email',
      '2026-12-10 first-reminder email',
      '2026-12-17 check-in-call task',
      '2026-12-30 payment-plan email',
      '2027-01-14 final-notice email (approval)',
      '2027-01-29 call-customer task',
      '2027-03-01 call-customer#2 task',
    ]);
  });

  it('firm: shorter gaps and an earlier final notice; the Christmas call waits for the next business day', () => {
    expect(timeline('chronic_late')).toEqual([
      '2026-11-25 heads-up email',
      '2026-12-01 first-reminder email',
      // Due +5 is Saturday 5 Dec.
      '2026-12-07 second-reminder email',
      '2026-12-10 payment-plan email',
      '2026-12-21 final-notice email',
      // Due +25 is Christmas Day; then a weekend and the substitute Boxing Day.
      '2026-12-29 call-customer task',
      '2027-01-08 letter task',
      '2027-01-29 consider-mediation task (approval)',
    ]);
  });

  it('a shorter horizon shows the first steps only', () => {
    expect(timeline('new', 10)).toEqual(['2026-11-27 heads-up email', '2026-12-02 first-reminder email']);
  });
});

describe('simulate', () => {
  it('explains every step', () => {
    const [first] = simulate({ context, debtors: [debtor()] }, FROM).actions;
    expect(first?.reason).toBe(
      "INV-1 is due in 3 days (30 Nov 2026): 'Friendly heads-up' goes 3 days before",
    );
  });

  it('a whole organisation: by day, then customer', () => {
    const other = debtor({
      id: 'beta',
      name: 'Beta Ltd',
      invoices: [invoice({ id: 'inv-2', dueDate: '2026-11-26' })],
    });
    const steps = simulate({ context, debtors: [debtor(), other] }, FROM, 12).actions.map(
      (a) => `${a.plannedOn} ${a.debtorId}`,
    );
    // Beta's first reminder (due +1: Friday) waits for the gap, which ends on a Saturday.
    expect(steps).toEqual(['2026-11-23 beta', '2026-11-27 acme', '2026-11-30 beta', '2026-12-02 acme']);
  });

  it('a broken promise is noted once, and chasing resumes from where it was', () => {
    const promised = debtor({
      invoices: [invoice({ dueDate: '2026-11-16', stagesDone: ['heads-up', 'first-reminder'] })],
      lastContactOn: '2026-11-17',
      promises: [{ invoiceIds: ['inv-1'], madeOn: '2026-11-20', promisedFor: '2026-11-27' }],
    });
    const steps = simulate({ context, debtors: [promised] }, FROM, 15).actions.map(
      (a) => `${a.plannedOn} ${a.doneKey}`,
    );
    expect(steps).toEqual([
      '2026-12-01 second-reminder',
      '2026-12-01 promise-broken:2026-11-27',
      '2026-12-07 payment-plan',
    ]);
  });

  it('each step held back is told once, on the day it falls due, with its reason', () => {
    const inCredit = debtor({ unallocatedCredit: [{ currency: 'NZD', amount: 25000 }] });
    const { actions, holds } = simulate({ context, debtors: [inCredit] }, FROM, 30);
    expect(actions.filter((a) => a.kind === 'stage')).toEqual([]);
    // Held every day from then on, and each is told once.
    expect(holds.map((h) => `${h.on} ${h.stageKey} ${h.cause}`)).toEqual([
      '2026-11-27 heads-up credit',
      '2026-12-01 first-reminder credit',
    ]);
    expect(holds[0]?.reason).toContain('$250.00 NZD of unallocated credit');
  });

  it('a customer with no address gets nothing, and each email step says why', () => {
    const { actions, holds } = simulate({ context, debtors: [debtor({ email: null })] }, FROM, 60);
    expect(actions).toEqual([]);
    expect(holds.map((h) => `${h.on} ${h.stageKey} ${h.cause}`)).toEqual([
      '2026-11-27 heads-up no_address',
      '2026-12-01 first-reminder no_address',
    ]);
    expect(holds[0]?.reason).toContain('no email address for Acme Ltd');
  });

  it('waiting for the gap between reminders is timing, not a hold', () => {
    const other = debtor({ id: 'beta', invoices: [invoice({ id: 'inv-2', dueDate: '2026-11-26' })] });
    expect(simulate({ context, debtors: [debtor(), other] }, FROM, 30).holds).toEqual([]);
  });

  it('is deterministic and leaves its input alone', () => {
    const input = { context, debtors: [debtor({ payments: [] })] };
    const before = JSON.stringify(input.debtors);
    expect(simulate(input, FROM)).toEqual(simulate(input, FROM));
    expect(JSON.stringify(input.debtors)).toBe(before);
  });

  it('plans only on send days', () => {
    for (const a of simulate({ context, debtors: [debtor({ segment: 'chronic_late' })] }, FROM, 120)
      .actions) {
      expect(isSendDay(a.plannedOn, context.sendWindow, calendar)).toBe(true);
    }
  });

  it.each([0, -1, 1.5])('%s days: nothing, or a refusal', (days) => {
    if (days === 0)
      expect(simulate({ context, debtors: [debtor()] }, FROM, days)).toEqual({ actions: [], holds: [] });
    else expect(() => simulate({ context, debtors: [debtor()] }, FROM, days)).toThrow(RangeError);
  });
});
