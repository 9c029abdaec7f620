// The operator's commands about one customer or invoice: simulations and arrangements. Each resolves
// the account from the record it names, then acts exactly as the settings page would.
import { z } from 'zod';
import { toMinor } from '../connectors/shared/money';
import type { Runtime } from './runtime';
import { ArrangementError, arrangementInput, describeIssues } from './services/arrangements/input';
import { recordArrangement } from './services/arrangements/record';
import { resolveDispute } from './services/arrangements/resolve';
import { simulateFollowups } from './services/views/simulation';

type Options = Map<string, string[]>;
export type Command = (rt: Runtime, options: Options) => Promise<unknown>;

export function one(options: Options, name: string): string {
  const value = options.get(name)?.[0];
  if (!value) throw new ArrangementError(`--${name} is required`);
  return value;
}

function id(options: Options, name: string): string {
  const value = one(options, name);
  if (!z.uuid().safeParse(value).success)
    throw new ArrangementError(
      `--${name} must be an id such as those in the app's addresses, not "${value}"`,
    );
  return value;
}

async function invoiceAccount(rt: Runtime, invoiceId: string) {
  const row = await rt.ctx.db
    .selectFrom('invoices as i')
    .innerJoin('connections as k', 'k.id', 'i.connection_id')
    .select(['k.account_id', 'i.currency'])
    .where('i.id', '=', invoiceId)
    .executeTakeFirst();
  if (!row) throw new ArrangementError(`There is no invoice ${invoiceId}`);
  return row;
}

async function arrangement(
  rt: Runtime,
  options: Options,
  fields: (currency: string) => Record<string, unknown>,
) {
  const invoiceId = id(options, 'invoice');
  const { account_id: accountId, currency } = await invoiceAccount(rt, invoiceId);
  const parsed = arrangementInput.safeParse({ invoiceIds: [invoiceId], via: 'phone', ...fields(currency) });
  if (!parsed.success) throw new ArrangementError(describeIssues(parsed.error));
  return recordArrangement(rt.ctx, { accountId, userId: null }, parsed.data);
}

export const OPERATOR_COMMANDS: Record<string, Command> = {
  async simulate(rt, options) {
    const connectionId = id(options, 'connection');
    const connection = await rt.ctx.db
      .selectFrom('connections')
      .select('account_id')
      .where('id', '=', connectionId)
      .executeTakeFirst();
    if (!connection) throw new ArrangementError(`There is no connection ${connectionId}`);
    const days = Number(options.get('days')?.[0] ?? 90);
    if (!Number.isInteger(days) || days < 1 || days > 366)
      throw new ArrangementError('--days must be a whole number from 1 to 366');
    const contactId = options.get('customer')?.[0];
    return {
      steps: await simulateFollowups(
        rt.ctx.db,
        { accountId: connection.account_id, connectionId, ...(contactId ? { contactId } : {}) },
        rt.ctx.now(),
        days,
      ),
    };
  },
  dispute: (rt, options) =>
    arrangement(rt, options, () => ({ kind: 'dispute', reason: one(options, 'reason') })),
  promise: (rt, options) =>
    arrangement(rt, options, () => ({ kind: 'promise', promisedFor: one(options, 'date') })),
  plan: (rt, options) =>
    arrangement(rt, options, (currency) => ({
      kind: 'payment_plan',
      instalments: (options.get('instalment') ?? []).map((text) => {
        const [dueDate = '', amount = ''] = text.split(':');
        try {
          return { dueDate, amount: toMinor(amount, currency) };
        } catch {
          throw new ArrangementError(`--instalment ${text} is not YYYY-MM-DD:AMOUNT`);
        }
      }),
    })),
  async resolve(rt, options) {
    const disputeId = id(options, 'dispute');
    const row = await rt.ctx.db
      .selectFrom('arrangements as a')
      .innerJoin('connections as k', 'k.id', 'a.connection_id')
      .select('k.account_id')
      .where('a.id', '=', disputeId)
      .executeTakeFirst();
    if (!row) throw new ArrangementError(`There is no dispute ${disputeId}`);
    await resolveDispute(rt.ctx, { accountId: row.account_id }, disputeId, one(options, 'outcome'));
    return { resolved: disputeId };
  },
};
