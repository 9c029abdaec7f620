// Texts: a policy whose stages go by SMS, customers whose mobiles come from Xero, and the worker sending
// through the Twilio adapter to the SMS sink: one text, logged and noted on the invoice; a skip with its
// reason when there is no number or the number opted out; and a send cut off after Twilio took the text
// recorded without a second text.
import { formatMoney } from '../../src/domain/money';
import { planDebtor, planningContext, type PlannerDebtor } from '../../src/domain/planner';
import { standardPolicy, type Policy } from '../../src/domain/policy';
import { publicHolidayCalendar } from '../../src/domain/public-holidays';
import { defaultSegmentPolicies, type Segment } from '../../src/domain/segments';
import { SMS_MAX_LENGTH } from '../../src/domain/sms';
import type { AppContext } from '../../src/services/context';
import { loadDebtors } from '../../src/services/followups/debtor-facts';
import { localDate } from '../../src/services/followups/local-date';
import { storeAction } from '../../src/services/followups/plan-connection';
import { carryOut } from '../../src/services/followups/send-action';
import { syncConnection } from '../../src/services/sync/sync-connection';
import { SmsError, type SmsProvider } from '../../src/sms/provider';
import { startWorkers, type RunningWorkers } from '../../jobs/worker';
import { enqueue } from '../../jobs/queues';
import { suppress } from '../../src/services/suppression/list';
import { connectSandbox } from '../support/connect';
import { startHarness, type Harness } from '../support/harness';

let h: Harness;
let workers: RunningWorkers;
let connectionId: string;
let today: string;
let debtors: PlannerDebtor[];

const texts: Policy = {
  ...standardPolicy,
  id: 'texts',
  stages: standardPolicy.stages.map((s) => (s.channel === 'email' ? { ...s, channel: 'sms' } : s)),
};
const everyoneByText = Object.fromEntries(
  Object.keys(defaultSegmentPolicies).map((segment) => [segment, texts.id]),
) as Record<Segment, string>;

const CUSTOMERS = {
  harbour: { name: 'Harbour Cafe', mobile: { areaCode: '021', number: '555 0101' } },
  kauri: { name: 'Kauri Joinery' },
  totara: { name: 'Totara Plumbing', mobile: { countryCode: '64', areaCode: '21', number: '555 0102' } },
  rimu: { name: 'Rimu Roofing', mobile: { areaCode: '027', number: '555 0103' } },
  matai: { name: 'Matai Motors', mobile: { areaCode: '022', number: '555 0104' } },
  miro: { name: 'Miro Landscaping', mobile: { areaCode: '021', number: '555 0105' } },
  kowhai: { name: 'Kowhai Nursery', mobile: { areaCode: '021', number: '555 0106' } },
};
type Customer = keyof typeof CUSTOMERS;
const invoiceOf = new Map<Customer, { InvoiceID: string; InvoiceNumber: string }>();

beforeAll(async () => {
  h = await startHarness({ sandbox: { organisation: 'empty' } });
  const store = h.sandbox.store;
  for (const [key, customer] of Object.entries(CUSTOMERS) as [Customer, (typeof CUSTOMERS)[Customer]][]) {
    const { ContactID } = store.createContact({ email: `accounts@${key}.example.com`, ...customer });
    // Due ten days before the test's Wednesday: the first overdue reminder is due.
    invoiceOf.set(
      key,
      store.createInvoice({
        contactId: ContactID,
        amount: '1150.00',
        date: '2026-10-26',
        dueDate: '2026-11-15',
      }),
    );
  }
  connectionId = (await connectSandbox(h.runtime.ctx)).connectionIds[0]!;
  await syncConnection(h.runtime.ctx, connectionId);
  today = localDate(h.runtime.ctx.now(), 'Pacific/Auckland');
  debtors = await loadDebtors(h.runtime.ctx.db, connectionId, 'Pacific/Auckland', today);
  workers = startWorkers(h.runtime.ctx, h.runtime.queues, h.runtime.queueSettings);
});
afterAll(async () => {
  await workers.close();
  await h.close();
});

const db = () => h.runtime.ctx.db;
const context = () =>
  planningContext({
    policies: { texts },
    segmentPolicies: everyoneByText,
    calendar: publicHolidayCalendar('NZ'),
  });
const debtor = (customer: Customer) => debtors.find((d) => d.name === CUSTOMERS[customer].name)!;

/** Plans the customer's text (as if they had `phone`, when given) and stores it as the planner would. */
async function planText(customer: Customer, phone?: string): Promise<string> {
  const who = phone ? { ...debtor(customer), phone } : debtor(customer);
  const [action] = planDebtor(context(), who, today).actions;
  expect(action).toMatchObject({ channel: 'sms', stageName: 'First reminder' });
  return (await storeAction(h.runtime.ctx, connectionId, action!, texts.id))!;
}

async function settled(actionId: string) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const row = await db()
      .selectFrom('followup_actions')
      .select(['status', 'status_reason', 'message_body', 'recipient'])
      .where('id', '=', actionId)
      .executeTakeFirstOrThrow();
    if (!['pending', 'claimed'].includes(row.status)) return row;
    if (Date.now() > deadline) throw new Error(`action ${actionId} still ${row.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const statusOf = async (actionId: string) =>
  (
    await db()
      .selectFrom('followup_actions')
      .select('status')
      .where('id', '=', actionId)
      .executeTakeFirstOrThrow()
  ).status;
const providerIdOf = async (actionId: string) =>
  (
    await db()
      .selectFrom('followup_actions')
      .select('provider_message_id')
      .where('id', '=', actionId)
      .executeTakeFirstOrThrow()
  ).provider_message_id;
const logOf = (actionId: string) =>
  db().selectFrom('contact_log').selectAll().where('action_id', '=', actionId).execute();
const textsTo = (number: string) => h.smsSink.messages().filter((m) => m.to === number);

it("feeds each customer's mobile from Xero to the planner, in E.164", () => {
  expect(debtor('harbour').phone).toBe('+64215550101');
  expect(debtor('totara').phone).toBe('+64215550102');
  expect(debtor('kauri').phone).toBeNull();
  const { actions, skips } = planDebtor(context(), debtor('kauri'), today);
  expect(actions).toEqual([]);
  expect(skips[0]?.reason).toMatch(/^no mobile number for Kauri Joinery: /);
});

it('sends a stage by text through the worker: one text with the right words, logged and noted', async () => {
  const actionId = await planText('harbour');
  await enqueue(h.runtime.queues, 'send', { actionId }, actionId);
  const action = await settled(actionId);
  expect(action.status).toBe('sent');

  const invoice = invoiceOf.get('harbour')!;
  const [text, ...more] = textsTo('+64215550101');
  expect(more).toEqual([]);
  expect(text!.body).toBe(action.message_body);
  expect(text!.body).toMatch(/^Hi Harbour Cafe, a reminder from /);
  expect(text!.body).toContain(`invoice ${invoice.InvoiceNumber} (${formatMoney(115000, 'NZD')}) was due on`);
  expect(text!.body.length).toBeLessThanOrEqual(SMS_MAX_LENGTH);

  expect(await providerIdOf(actionId)).toBe(text!.sid);
  const [log, ...extra] = await logOf(actionId);
  expect(extra).toEqual([]);
  expect(log).toMatchObject({
    kind: 'sms_sent',
    channel: 'sms',
    recipient: '+64215550101',
    summary: 'First reminder texted to +64215550101',
  });

  const deadline = Date.now() + 20_000;
  while (!h.sandbox.store.history(invoice.InvoiceID).some((r) => /text/i.test(r.Details))) {
    if (Date.now() > deadline) throw new Error('no note on the invoice');
    await new Promise((r) => setTimeout(r, 100));
  }
  const notes = h.sandbox.store.history(invoice.InvoiceID).filter((r) => /text/i.test(r.Details));
  expect(notes).toHaveLength(1);
  expect(notes[0]!.Details).toContain('+64215550101');
});

it('skips a text whose customer has no mobile number any more, saying so on the timeline', async () => {
  // Planned while a number was on file; by the time it goes, Xero has none.
  const actionId = await planText('kauri', '+64215550199');
  await enqueue(h.runtime.queues, 'send', { actionId }, actionId);
  const action = await settled(actionId);
  expect(action).toMatchObject({
    status: 'skipped',
    status_reason: 'not sent: no mobile number for Kauri Joinery',
  });
  expect(textsTo('+64215550199')).toEqual([]);
  expect(await logOf(actionId)).toMatchObject([
    { kind: 'skipped', summary: 'not sent: no mobile number for Kauri Joinery' },
  ]);
});

it('skips a text to a number that replied STOP, with that reason', async () => {
  h.smsSink.optOut('+64275550103');
  const actionId = await planText('rimu');
  await enqueue(h.runtime.queues, 'send', { actionId }, actionId);
  expect(await settled(actionId)).toMatchObject({
    status: 'skipped',
    status_reason: 'not sent: +64275550103 has opted out of texts (replied STOP) (provider code 21610)',
  });
  expect(textsTo('+64275550103')).toEqual([]);
  // The refusal puts the number on the suppression list.
  const listed = await h.runtime.ctx.db
    .selectFrom('suppressions')
    .select(['channel', 'address', 'reason', 'source'])
    .where('address', '=', '+64275550103')
    .execute();
  expect(listed).toEqual([
    { channel: 'sms', address: '+64275550103', reason: 'opted_out', source: 'sms provider' },
  ]);
});

it('does not text a number put on the suppression list after the text was planned', async () => {
  const actionId = await planText('kowhai');
  await suppress(db(), {
    connectionId,
    channel: 'sms',
    address: '+64215550106',
    reason: 'manual',
    detail: 'asked by phone not to be texted',
    source: 'person',
    at: new Date(),
  });
  await enqueue(h.runtime.queues, 'send', { actionId }, actionId);
  expect(await settled(actionId)).toMatchObject({
    status: 'skipped',
    status_reason: expect.stringContaining(
      '+64215550106 was stopped by your team (on the suppression list since',
    ),
  });
  expect(textsTo('+64215550106')).toEqual([]);
});

/** The provider as a worker sees it when the answer to its send is lost: `delivered` says whether the text went. */
function losingTheAnswer(delivered: boolean): AppContext {
  const real = h.runtime.ctx.sms as SmsProvider;
  const lossy: SmsProvider = {
    ...real,
    name: real.name,
    async send(sms) {
      if (delivered) await real.send(sms);
      throw new SmsError('unavailable', 'Twilio send: connection reset', { mayHaveGone: true });
    },
  };
  return { ...h.runtime.ctx, sms: lossy };
}

it('records a text Twilio took though its answer was lost, without texting again', async () => {
  const actionId = await planText('totara');
  await expect(carryOut(losingTheAnswer(true), actionId)).rejects.toThrow('connection reset');
  expect(await statusOf(actionId)).toBe('claimed');
  expect(textsTo('+64215550102')).toHaveLength(1);

  expect((await carryOut(h.runtime.ctx, actionId)).outcome).toBe('sent');
  expect(textsTo('+64215550102')).toHaveLength(1);
  const [log] = await logOf(actionId);
  expect(log).toMatchObject({ kind: 'sms_sent', recipient: '+64215550102' });
  expect(await providerIdOf(actionId)).toBe(textsTo('+64215550102')[0]!.sid);
});

it('sends once more a text Twilio never took, when its answer was lost', async () => {
  const actionId = await planText('matai');
  await expect(carryOut(losingTheAnswer(false), actionId)).rejects.toThrow('connection reset');
  expect(await statusOf(actionId)).toBe('claimed');
  expect(textsTo('+64225550104')).toEqual([]);

  expect((await carryOut(h.runtime.ctx, actionId)).outcome).toBe('sent');
  expect(textsTo('+64225550104')).toHaveLength(1);
  expect(await logOf(actionId)).toHaveLength(1);
});

it('skips texts, saying why, when no SMS provider is configured', async () => {
  const actionId = await planText('miro');
  const outcome = await carryOut({ ...h.runtime.ctx, sms: null }, actionId);
  expect(outcome.outcome).toBe('skipped');
  const [log] = await logOf(actionId);
  expect(log?.summary).toMatch(/^not sent: no SMS provider is configured for /);
});
