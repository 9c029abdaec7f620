// A business's own policies: edited built-ins and copies, per organisation, used by the planner, the
// dry run and the sender; forms with nonsense store nothing; the preview shows a real invoice.
import { formatMoney } from '../../src/domain/money';
import { pendingActionIds } from '../../src/services/followups/pending-actions';
import { planConnection } from '../../src/services/followups/plan-connection';
import { carryOut } from '../../src/services/followups/send-action';
import { loadDebtors } from '../../src/services/followups/debtor-facts';
import type { TestBrowser } from '../support/browser';
import { formFields, stageIndex, unescapeHtml } from '../support/forms';
import { twoAccounts } from '../support/two-accounts';

const t = twoAccounts();
const { alice, bob } = t;

const db = () => t.h.runtime.ctx.db;
const token = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)![1]!;
const policyUrl = (connection: string, policy = '') =>
  `${t.h.baseUrl}/connections/${connection}/policies${policy ? `/${policy}` : ''}`;

async function editForm(browser: TestBrowser, connection: string, policy: string) {
  const page = await browser.get(policyUrl(connection, policy));
  expect(page.status).toBe(200);
  return formFields(page.body, `/connections/${connection}/policies/${policy}`);
}

async function stored(connection: string) {
  const policies = await db()
    .selectFrom('connection_policies')
    .select(['policy_id', 'definition'])
    .where('connection_id', '=', connection)
    .orderBy('policy_id')
    .execute();
  const templates = await db()
    .selectFrom('connection_templates')
    .selectAll()
    .where('connection_id', '=', connection)
    .orderBy('template_id')
    .execute();
  return { policies, templates };
}

describe('an edited built-in policy', () => {
  it('changes what is planned, simulated and sent for that organisation only', async () => {
    const form = await editForm(alice, t.aliceConnection, 'standard');
    const first = stageIndex(form, 'first-reminder');
    const second = stageIndex(form, 'second-reminder');
    const saved = await alice.post(policyUrl(t.aliceConnection, 'standard'), {
      ...form,
      [`subject-${first}`]: 'A quick note about {{invoice_numbers}} from {{business_name}}',
      [`body-${first}`]: 'Kia ora {{contact_first_name}},\n\n{{invoice_table}}\n\nIn all: {{total_due}}.',
      [`name-${second}`]: 'Second nudge',
      [`days-${second}`]: '9',
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toContain('Saved.');
    // Every kind of payer starts on the edited standard policy in Alice's organisation.
    const list = await alice.get(policyUrl(t.aliceConnection));
    const segments = formFields(list.body, `/connections/${t.aliceConnection}/segment-policies`);
    for (const segment of ['new', 'reliable', 'occasional_late', 'chronic_late'])
      segments[segment] = 'standard';
    await alice.post(`${t.h.baseUrl}/connections/${t.aliceConnection}/segment-policies`, segments);

    const aliceDryRun = await alice.get(`${t.h.baseUrl}/connections/${t.aliceConnection}/simulation`);
    const bobDryRun = await bob.get(`${t.h.baseUrl}/connections/${t.bobConnection}/simulation`);
    expect(aliceDryRun.body).toContain('Second nudge');
    expect(bobDryRun.body).not.toContain('Second nudge');
    expect(bobDryRun.body).toContain('Second reminder');

    await planConnection(t.h.runtime.ctx, t.aliceConnection);
    await planConnection(t.h.runtime.ctx, t.bobConnection);
    const reminder = async (connection: string) =>
      db()
        .selectFrom('followup_actions as a')
        .innerJoin('contacts as c', 'c.id', 'a.contact_id')
        .select(['a.id', 'a.template', 'c.name'])
        .where('a.connection_id', '=', connection)
        .where('a.stage_key', '=', 'first-reminder')
        .where('c.name', '=', 'Oriental Bay Dining Co.')
        .executeTakeFirstOrThrow();
    const [ours, theirs] = [await reminder(t.aliceConnection), await reminder(t.bobConnection)];
    expect(ours.template).toBe('standard/first-reminder');
    expect(theirs.template).toBe('polite');
    await carryOut(t.h.runtime.ctx, ours.id);
    await carryOut(t.h.runtime.ctx, theirs.id);

    const [aliceMail, bobMail] = t.h.sink.messages();
    expect(aliceMail!.subject).toMatch(/^A quick note about INV-.+ from Harbourside Print & Signage$/);
    expect(aliceMail!.text).toMatch(/^Kia ora /);
    expect(aliceMail!.text).toContain('In all: ');
    expect(bobMail!.subject).toMatch(/^Reminder: /);
  });
});

describe('a copied policy', () => {
  it('can be edited on its own and picked for a customer of that organisation only', async () => {
    const list = await alice.get(policyUrl(t.aliceConnection));
    const copied = await alice.post(`${policyUrl(t.aliceConnection, 'gentle')}/copy`, {
      _csrf: token(list.body),
      name: 'Key accounts',
    });
    expect(copied.url).toBe(policyUrl(t.aliceConnection, 'key-accounts'));
    expect(copied.body).toContain('your copy');
    const form = formFields(copied.body, `/connections/${t.aliceConnection}/policies/key-accounts`);
    const checkIn = stageIndex(form, 'check-in');
    await alice.post(policyUrl(t.aliceConnection, 'key-accounts'), {
      ...form,
      [`name-${checkIn}`]: 'Coffee catch-up',
    });
    expect((await alice.get(policyUrl(t.aliceConnection))).body).toContain(
      'copied from Gentle (key accounts)',
    );

    const customer = await db()
      .selectFrom('contacts')
      .select('id')
      .where('connection_id', '=', t.aliceConnection)
      .where('name', '=', 'Harbour Ferries Wellington')
      .executeTakeFirstOrThrow();
    const back = `/connections/${t.aliceConnection}/simulation?customer=${customer.id}`;
    const before = await alice.get(`${t.h.baseUrl}${back}`);
    expect(before.body).toContain('<option value="key-accounts"');
    await alice.post(`${t.h.baseUrl}/customers/${customer.id}/settings`, {
      _csrf: token(before.body),
      policy: 'key-accounts',
      back,
    });
    const after = await alice.get(`${t.h.baseUrl}${back}`);
    expect(after.body).toMatch(/<option value="key-accounts" selected>/);
    expect(after.body).toContain('Coffee catch-up');
    const debtors = await loadDebtors(db(), t.aliceConnection, 'Pacific/Auckland', '2026-11-25');
    expect(debtors.find((d) => d.id === customer.id)?.overrides?.policyId).toBe('key-accounts');

    // Bob's organisation has no such policy, so his customers cannot be put on it.
    const bobCustomer = await db()
      .selectFrom('contacts')
      .select('id')
      .where('connection_id', '=', t.bobConnection)
      .where('name', '=', 'Harbour Ferries Wellington')
      .executeTakeFirstOrThrow();
    const refused = await bob.post(`${t.h.baseUrl}/customers/${bobCustomer.id}/settings`, {
      _csrf: token((await bob.get(`${t.h.baseUrl}/settings`)).body),
      policy: 'key-accounts',
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('There is no policy');
    // Nor can Bob open, copy or change Alice's policies.
    expect((await bob.get(policyUrl(t.aliceConnection, 'key-accounts'))).status).toBe(404);
  });
});

describe('a form with nonsense', () => {
  const cases: [string, (f: Record<string, string>) => void, string][] = [
    [
      'a negative gap',
      (f) => (f.gap = '-2'),
      'the minimum gap between contacts must be a whole number of days, at least 1',
    ],
    [
      'an unknown placeholder',
      (f) => {
        const i = stageIndex(f, 'final-notice');
        f[`subject-${i}`] = 'Final notice for {{customer}}';
        f[`body-${i}`] = 'Dear {{custmer}}, please pay.';
      },
      "'Final notice' wording: unknown placeholder {{custmer}} in the body",
    ],
    [
      'unbalanced braces',
      (f) => {
        const i = stageIndex(f, 'heads-up');
        f[`subject-${i}`] = 'Coming up: {{invoice_numbers}';
        f[`body-${i}`] = 'Hi {{customer}}';
      },
      "'Friendly heads-up' wording: the subject has a '{{' or '}}' without its pair",
    ],
    [
      'an unknown channel',
      (f) => (f[`channel-${stageIndex(f, 'payment-plan')}`] = 'fax'),
      "'Reminder with payment plan offer' needs a channel: email, sms or task",
    ],
    [
      'no stages left',
      (f) => {
        for (const name of Object.keys(f))
          if (/^key-\d+$/.test(name) && f[name]) f[`remove-${name.slice(4)}`] = 'on';
      },
      'the policy has no stages',
    ],
    [
      'a follow-up counted back from the previous contact',
      (f) => {
        const i = stageIndex(f, 'final-notice');
        f[`from-${i}`] = 'previous_contact';
        f[`days-${i}`] = '-4';
      },
      "'Final notice' must wait at least 1 day after the previous contact",
    ],
  ];

  it.each(cases)('with %s is refused, naming the field, and stores nothing', async (_, spoil, problem) => {
    const before = await stored(t.aliceConnection);
    const form = await editForm(alice, t.aliceConnection, 'standard');
    spoil(form);
    const res = await alice.post(policyUrl(t.aliceConnection, 'standard'), form);
    expect(res.status).toBe(400);
    expect(res.body).toContain('Nothing was saved.');
    expect(unescapeHtml(res.body)).toContain(problem);
    expect(await stored(t.aliceConnection)).toEqual(before);
  });
});

describe('the preview', () => {
  it('shows the message on a real open invoice, its customer name escaped', async () => {
    const oldest = await db()
      .selectFrom('invoices')
      .select(['number', 'outstanding', 'currency', 'contact_external_id'])
      .where('connection_id', '=', t.aliceConnection)
      .where('status', '=', 'authorised')
      .where('outstanding', '>', 0)
      .orderBy('due_date')
      .orderBy('number')
      .executeTakeFirstOrThrow();
    await db()
      .updateTable('contacts')
      .set({ name: '<script>alert(1)</script> & Sons', first_name: null, persons: '[]' })
      .where('connection_id', '=', t.aliceConnection)
      .where('external_id', '=', oldest.contact_external_id)
      .execute();

    const page = await alice.get(`${policyUrl(t.aliceConnection, 'standard')}?stage=first-reminder`);
    expect(page.body).toContain(`data-preview-invoice="${oldest.number}"`);
    expect(page.body).toContain(formatMoney(oldest.outstanding!, oldest.currency));
    expect(page.body).not.toContain('<script>alert');
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Sons');
    // The edited wording, as the customer would get it: the text part, then the HTML part.
    const text = unescapeHtml(/<pre class="preview-text">([\s\S]*?)<\/pre>/.exec(page.body)![1]!);
    expect(text).toMatch(/^Kia ora <script>alert\(1\)<\/script> & Sons,/);
    const email = unescapeHtml(/srcdoc="([^"]*)"/.exec(page.body)![1]!);
    expect(email).toContain('Kia ora &lt;script&gt;alert(1)&lt;/script&gt; &amp; Sons,');
    expect(email).not.toContain('<script>');

    const picked = await db()
      .selectFrom('invoices')
      .select(['number', 'outstanding', 'currency'])
      .where('connection_id', '=', t.aliceConnection)
      .where('status', '=', 'authorised')
      .where('outstanding', '>', 0)
      .orderBy('due_date', 'desc')
      .executeTakeFirstOrThrow();
    const chosen = await alice.get(
      `${policyUrl(t.aliceConnection, 'standard')}?stage=heads-up&invoice=${picked.number}`,
    );
    expect(chosen.body).toContain(`data-preview-invoice="${picked.number}"`);
    expect(chosen.body).toContain(formatMoney(picked.outstanding!, picked.currency));
    expect(chosen.body).toContain('Friendly heads-up');

    // With the link to pay a reminder already fetched for it, as the customer would see it.
    const link = 'https://in.xero.com/previewLinkForTheInvoice';
    await db()
      .updateTable('invoices')
      .set({ online_url: link })
      .where('connection_id', '=', t.aliceConnection)
      .where('number', '=', picked.number)
      .execute();
    const linked = await alice.get(
      `${policyUrl(t.aliceConnection, 'standard')}?stage=first-reminder&invoice=${picked.number}`,
    );
    expect(unescapeHtml(linked.body)).toContain(`${picked.number}: ${link}`);

    const missing = await alice.get(`${policyUrl(t.aliceConnection, 'standard')}?invoice=INV-NOPE`);
    expect(unescapeHtml(missing.body)).toContain("there is no open invoice numbered 'INV-NOPE'");
  });
});

describe('reset to built-in', () => {
  it('brings the shipped policy and wording back, and leaves copies alone', async () => {
    const list = await alice.get(policyUrl(t.aliceConnection));
    expect(list.body).toContain('built-in, edited');
    const reset = await alice.post(`${policyUrl(t.aliceConnection, 'standard')}/reset`, {
      _csrf: token(list.body),
    });
    expect(reset.url).toBe(policyUrl(t.aliceConnection));
    expect(reset.body).not.toContain('built-in, edited');
    const after = await stored(t.aliceConnection);
    expect(after.policies.map((p) => p.policy_id)).toEqual(['key-accounts']);
    expect(after.templates).toEqual([]);

    const dryRun = await alice.get(`${t.h.baseUrl}/connections/${t.aliceConnection}/simulation`);
    expect(dryRun.body).not.toContain('Second nudge');
    const form = await editForm(alice, t.aliceConnection, 'standard');
    expect(form[`subject-${stageIndex(form, 'first-reminder')}`]).toBe('');

    // What is still waiting goes out in the built-in wording.
    const waiting = await pendingActionIds(db(), t.aliceConnection);
    const next = await db()
      .selectFrom('followup_actions')
      .select('id')
      .where('id', 'in', waiting)
      .where('template', '=', 'standard/first-reminder')
      .executeTakeFirstOrThrow();
    const sent = t.h.sink.messages().length;
    await carryOut(t.h.runtime.ctx, next.id);
    expect(t.h.sink.messages()[sent]?.subject).not.toMatch(/^A quick note/);
  });
});
