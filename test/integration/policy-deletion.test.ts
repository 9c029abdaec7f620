// Deleting a copied policy: an unused copy goes from every menu; a built-in cannot go; a copy still in
// use is refused, naming who uses it, and nothing changes; once moved off, the copy goes and what it
// planned but never sent is planned again under each customer's policy now. Only its organisation's
// users can delete it, and deleting twice answers cleanly.
import { sql } from 'kysely';
import { planConnection } from '../../src/services/followups/plan-connection';
import { deletePolicy } from '../../src/services/policies/delete-policy';
import { holdPolicies } from '../../src/services/policies/hold-policies';
import { carryOut } from '../../src/services/followups/send-action';
import { formFields, stageIndex, unescapeHtml } from '../support/forms';
import { twoAccounts } from '../support/two-accounts';

const t = twoAccounts();
const { alice, bob } = t;

const db = () => t.h.runtime.ctx.db;
const token = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)![1]!;
const policiesUrl = (policy = '') =>
  `${t.h.baseUrl}/connections/${t.aliceConnection}/policies${policy ? `/${policy}` : ''}`;

async function copy(from: string, name: string) {
  const list = await alice.get(policiesUrl());
  const copied = await alice.post(`${policiesUrl(from)}/copy`, { _csrf: token(list.body), name });
  expect(copied.status).toBe(200);
  return copied;
}

async function customer(name: string) {
  return db()
    .selectFrom('contacts')
    .select('id')
    .where('connection_id', '=', t.aliceConnection)
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
}

const customerPage = (contactId: string) =>
  `${t.h.baseUrl}/connections/${t.aliceConnection}/simulation?customer=${contactId}`;

async function putOn(contactId: string, policy: string) {
  const page = await alice.get(customerPage(contactId));
  const saved = await alice.post(`${t.h.baseUrl}/customers/${contactId}/settings`, {
    _csrf: token(page.body),
    policy,
  });
  expect(saved.status).toBe(200);
}

async function startSegmentsOn(chosen: Record<string, string>) {
  const list = await alice.get(policiesUrl());
  const form = formFields(list.body, `/connections/${t.aliceConnection}/segment-policies`);
  const saved = await alice.post(`${t.h.baseUrl}/connections/${t.aliceConnection}/segment-policies`, {
    ...form,
    ...chosen,
  });
  expect(saved.status).toBe(200);
}

/** Everything a deletion could touch, to show a refused one touched nothing. */
async function everything() {
  return {
    policies: await db()
      .selectFrom('connection_policies')
      .selectAll()
      .where('connection_id', '=', t.aliceConnection)
      .orderBy('policy_id')
      .execute(),
    templates: await db()
      .selectFrom('connection_templates')
      .selectAll()
      .where('connection_id', '=', t.aliceConnection)
      .orderBy('template_id')
      .execute(),
    segments: await db()
      .selectFrom('connection_segment_policies')
      .selectAll()
      .where('connection_id', '=', t.aliceConnection)
      .orderBy('segment')
      .execute(),
    customers: await db().selectFrom('customer_settings').selectAll().orderBy('contact_id').execute(),
    actions: await db()
      .selectFrom('followup_actions')
      .selectAll()
      .where('connection_id', '=', t.aliceConnection)
      .orderBy('id')
      .execute(),
  };
}

describe('an unused copy', () => {
  it('is deleted from the list and from every policy menu', async () => {
    await copy('gentle', 'Spare');
    await copy('spare', 'Spare of the spare');
    const someone = await customer('Harbour Ferries Wellington');
    const list = await alice.get(policiesUrl());
    expect(list.body).toContain('<option value="spare"');
    expect((await alice.get(customerPage(someone.id))).body).toContain('<option value="spare"');

    const deleted = await alice.post(`${policiesUrl('spare')}/delete`, {
      ...formFields(list.body, `/connections/${t.aliceConnection}/policies/spare/delete`),
    });
    expect(deleted.url).toBe(policiesUrl());
    expect(deleted.status).toBe(200);
    expect(deleted.body).not.toContain('value="spare"');
    // A copy made from it now says where its stages came from in the first place.
    expect(deleted.body).toContain('value="spare-of-the-spare"');
    expect(deleted.body).toContain('copied from Gentle');
    expect(deleted.body).not.toContain('copied from spare');
    expect((await alice.get(customerPage(someone.id))).body).not.toContain('value="spare"');
    expect((await alice.get(policiesUrl('spare'))).status).toBe(404);
    const { policies } = await everything();
    expect(policies.map((p) => p.policy_id)).not.toContain('spare');
  });

  it('answers a second delete with a clear 404, and a delete without the form token with a 403', async () => {
    const page = await alice.get(policiesUrl());
    const again = await alice.post(`${policiesUrl('spare')}/delete`, { _csrf: token(page.body) });
    expect(again.status).toBe(404);
    expect(unescapeHtml(again.body)).toContain("There is no policy 'spare' here: it may be deleted already.");

    await copy('firm', 'Kept');
    const before = await everything();
    const forged = await alice.post(`${policiesUrl('kept')}/delete`, {});
    expect(forged.status).toBe(403);
    expect(await everything()).toEqual(before);
  });
});

describe('a built-in policy', () => {
  it('cannot be deleted, only reset, and nothing changes', async () => {
    const form = formFields(
      (await alice.get(policiesUrl('firm'))).body,
      `/connections/${t.aliceConnection}/policies/firm`,
    );
    await alice.post(policiesUrl('firm'), { ...form, name: 'Firm (ours)' });
    const before = await everything();
    const page = await alice.get(policiesUrl('firm'));
    expect(page.body).not.toContain('/policies/firm/delete');

    const refused = await alice.post(`${policiesUrl('firm')}/delete`, { _csrf: token(page.body) });
    expect(refused.status).toBe(400);
    expect(unescapeHtml(refused.body)).toContain(
      'Firm (ours) is a built-in policy: it cannot be deleted, only reset to how it ships.',
    );
    expect(await everything()).toEqual(before);
  });
});

describe('another account', () => {
  it('cannot delete this organisation’s copy', async () => {
    const before = await everything();
    const own = await bob.get(`${t.h.baseUrl}/connections/${t.bobConnection}/policies`);
    const refused = await bob.post(`${policiesUrl('kept')}/delete`, { _csrf: token(own.body) });
    expect(refused.status).toBe(404);
    expect(await everything()).toEqual(before);
    expect((await alice.get(policiesUrl())).body).toContain('value="kept"');
  });
});

describe('a copy still in use', () => {
  const diner = 'Oriental Bay Dining Co.';

  it('is not deleted: the answer names each segment and customer on it, and nothing changes', async () => {
    // A copy of the standard policy, its first reminder in its own words and waiting on approval.
    const copied = await copy('standard', 'Key accounts');
    const form = formFields(copied.body, `/connections/${t.aliceConnection}/policies/key-accounts`);
    const first = stageIndex(form, 'first-reminder');
    await alice.post(policiesUrl('key-accounts'), {
      ...form,
      [`approval-${first}`]: 'needs_approval',
      [`subject-${first}`]: 'Our key account note on {{invoice_numbers}}',
      [`body-${first}`]: 'Kia ora {{contact_first_name}},\n\n{{invoice_table}}',
    });
    await startSegmentsOn({ reliable: 'key-accounts', chronic_late: 'key-accounts' });
    const ferries = await customer('Harbour Ferries Wellington');
    const dining = await customer(diner);
    await putOn(ferries.id, 'key-accounts');
    await putOn(dining.id, 'key-accounts');
    await planConnection(t.h.runtime.ctx, t.aliceConnection);
    const waiting = await db()
      .selectFrom('followup_actions')
      .select(['status', 'template', 'policy_id'])
      .where('contact_id', '=', dining.id)
      .where('stage_key', '=', 'first-reminder')
      .executeTakeFirstOrThrow();
    expect(waiting).toEqual({
      status: 'awaiting_approval',
      template: 'key-accounts/first-reminder',
      policy_id: 'key-accounts',
    });

    const before = await everything();
    const page = await alice.get(policiesUrl('key-accounts'));
    const refused = await alice.post(
      `${policiesUrl('key-accounts')}/delete`,
      formFields(page.body, `/connections/${t.aliceConnection}/policies/key-accounts/delete`),
    );
    expect(refused.status).toBe(409);
    const body = unescapeHtml(refused.body);
    expect(body).toContain('Key accounts is still in use');
    expect(body).toContain('Nothing was deleted.');
    const named = (list: string) =>
      [
        ...(new RegExp(`data-in-use="${list}">([\\s\\S]*?)</ul>`).exec(body)?.[1] ?? '').matchAll(
          /<li>([\s\S]*?)<\/li>/g,
        ),
      ].map((m) => m[1]!.replace(/<[^>]*>/g, '').trim());
    expect(named('segments')).toEqual(['reliable payers', 'chronic late payers']);
    expect(named('customers')).toEqual(['Harbour Ferries Wellington', diner]);
    expect(refused.body).toContain(
      `href="/connections/${t.aliceConnection}/simulation?customer=${dining.id}"`,
    );
    expect(await everything()).toEqual(before);
  });

  it('once everyone is moved off, goes, and what it planned but never sent is planned again under the new policy', async () => {
    const ferries = await customer('Harbour Ferries Wellington');
    const dining = await customer(diner);
    expect((await alice.get(`${t.h.baseUrl}/approvals`)).body).toContain(diner);
    await putOn(ferries.id, 'gentle');
    await putOn(dining.id, 'auto');
    await startSegmentsOn({ reliable: 'standard', chronic_late: 'firm' });
    // Moving them off already took back what the copy had planned for them and not sent.
    expect((await alice.get(`${t.h.baseUrl}/approvals`)).body).not.toContain(diner);

    const page = await alice.get(policiesUrl('key-accounts'));
    const deleted = await alice.post(`${policiesUrl('key-accounts')}/delete`, { _csrf: token(page.body) });
    expect(deleted.url).toBe(policiesUrl());
    expect(deleted.body).not.toContain('Key accounts');
    const { policies, templates, actions } = await everything();
    expect(policies.map((p) => p.policy_id)).not.toContain('key-accounts');
    expect(templates).toEqual([]);
    // Its unsent reminders are gone; what does not come from its stages (a task to allocate credit) stays.
    const left = actions.filter((a) => a.policy_id === 'key-accounts' && a.status !== 'sent');
    expect(left.filter((a) => a.kind === 'stage')).toEqual([]);
    expect(left.map((a) => a.kind)).toContain('allocate_credit');
    expect((await alice.get(`${t.h.baseUrl}/approvals`)).body).not.toContain(diner);

    // The next planning run plans the diner's first reminder afresh, as the policy it is on now has it.
    await planConnection(t.h.runtime.ctx, t.aliceConnection);
    const replanned = await db()
      .selectFrom('followup_actions')
      .select(['id', 'status', 'template', 'policy_id'])
      .where('contact_id', '=', dining.id)
      .where('stage_key', '=', 'first-reminder')
      .executeTakeFirstOrThrow();
    expect(replanned).toMatchObject({ status: 'pending', template: 'polite' });
    expect(replanned.policy_id).not.toBe('key-accounts');
    const sent = t.h.sink.messages().length;
    await carryOut(t.h.runtime.ctx, replanned.id);
    expect(t.h.sink.messages()[sent]?.subject).toMatch(/^Reminder: /);
  });
});

describe('a customer put on a copy while it is being deleted', () => {
  /** Until another session of this database waits on a lock (the deletion, queued behind the change). */
  async function someoneWaitsOnALock() {
    for (let tries = 0; tries < 500; tries++) {
      const { rows } = await sql<{ waiting: number }>`
        select count(*)::int as waiting from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock'`.execute(db());
      if (rows[0]!.waiting > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('the deletion never waited for the change');
  }

  it('is found by the deletion, which is refused: no customer is left on a policy that is gone', async () => {
    await copy('gentle', 'Contested');
    const ferries = await customer('Harbour Ferries Wellington');
    let holding!: () => void;
    const held = new Promise<void>((resolve) => (holding = resolve));
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const change = db()
      .transaction()
      .execute(async (trx) => {
        expect(await holdPolicies(trx, t.aliceConnection, ['contested'])).toEqual([]);
        holding();
        await finished;
        await trx
          .updateTable('customer_settings')
          .set({ policy_id: 'contested' })
          .where('contact_id', '=', ferries.id)
          .execute();
      });
    await held;
    const deletion = deletePolicy(db(), t.aliceConnection, 'contested');
    await someoneWaitsOnALock();
    finish();
    await change;
    expect(await deletion).toMatchObject({
      status: 'in_use',
      customers: [{ id: ferries.id, name: 'Harbour Ferries Wellington' }],
    });
    expect((await alice.get(policiesUrl())).body).toContain('value="contested"');
  });
});
