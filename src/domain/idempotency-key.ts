// The key under which a planned action is stored once: planning again on the same facts, by a retry or
// a second worker, produces the same key and so no second message.
import { createHash } from 'node:crypto';

export function actionIdempotencyKey(
  stageKey: string,
  currency: string,
  debtorId: string,
  invoiceIds: readonly string[],
): string {
  const invoices = [...invoiceIds].sort().join(',');
  const digest = createHash('sha256').update(invoices).digest('hex').slice(0, 16);
  return `${stageKey}:${currency}:${debtorId}:${digest}`;
}
