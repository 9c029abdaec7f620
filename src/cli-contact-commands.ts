// The operator's commands about contact with customers: logging a call, and feeding in a bounce
// notice (an MTA can pipe one in: `goodwill bounce --file -`).
import { readFile } from 'node:fs/promises';
import { describeIssues } from './services/arrangements/input';
import { CallError, callInput } from './services/calls/input';
import { logCall } from './services/calls/record';
import { recordBounceNotice } from './services/suppression/bounces';
import { one, type Command } from './cli-commands';

async function readInput(path: string): Promise<Buffer> {
  if (path !== '-') return readFile(path);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export const CONTACT_COMMANDS: Record<string, Command> = {
  async call(rt, options) {
    const parsed = callInput.safeParse({
      invoiceIds: options.get('invoice') ?? [],
      person: options.get('person')?.[0],
      number: options.get('number')?.[0],
      outcome: options.get('outcome')?.[0],
      summary: options.get('summary')?.[0],
      promisedFor: options.get('promise')?.[0],
    });
    if (!parsed.success) throw new CallError(describeIssues(parsed.error));
    const owner = await rt.ctx.db
      .selectFrom('invoices as i')
      .innerJoin('connections as k', 'k.id', 'i.connection_id')
      .select('k.account_id')
      .where('i.id', '=', parsed.data.invoiceIds[0]!)
      .executeTakeFirst();
    if (!owner) throw new CallError(`There is no invoice ${parsed.data.invoiceIds[0]}`);
    return logCall(rt.ctx, { accountId: owner.account_id, userId: null }, parsed.data);
  },
  async bounce(rt, options) {
    return recordBounceNotice(rt.ctx, await readInput(one(options, 'file')));
  },
};
