// The invoices a message covers, as rows a customer can check against their own records, and the
// total due per currency (amounts in different currencies are never added together).
import { daysBetween, formatDate } from './dates';
import { formatMoney, sumMinor, type Minor } from './money';
import { count } from './text';

export interface TableInvoice {
  number: string;
  issueDate: string;
  dueDate: string;
  amountDue: Minor;
  currency: string;
  /** Where the customer can view and pay it online, when the books give such a page. */
  payUrl?: string | null;
}

export const COLUMNS = ['Invoice', 'Issued', 'Due', 'Days overdue', 'Amount due'] as const;
export type Row = [string, string, string, string, string];

export function invoiceRows(invoices: readonly TableInvoice[], today: string): Row[] {
  return invoices.map((i) => [
    i.number,
    formatDate(i.issueDate),
    formatDate(i.dueDate),
    lateness(i.dueDate, today),
    formatMoney(i.amountDue, i.currency),
  ]);
}

function lateness(dueDate: string, today: string): string {
  const late = daysBetween(dueDate, today);
  if (late > 0) return String(late);
  if (late === 0) return 'due today';
  return `due in ${count(-late, 'day')}`;
}

/**
 * Each invoice's pay-online address, in row order. Only a web address goes into an email: whatever else
 * a payload might carry in its place is left out.
 */
export function payUrls(invoices: readonly TableInvoice[]): (string | null)[] {
  return invoices.map((i) => (i.payUrl && /^https?:\/\/[^\s]+$/i.test(i.payUrl) ? i.payUrl : null));
}

/** The pay-online addresses under the plain-text table, one invoice a line; null when there are none. */
export function textPayLinks(invoices: readonly TableInvoice[]): string | null {
  const urls = payUrls(invoices);
  const lines = invoices.flatMap((i, n) => (urls[n] ? [`${i.number}: ${urls[n]}`] : []));
  return lines.length === 0 ? null : ['View and pay online:', ...lines].join('\n');
}

/** "Total due: $1,234.50 NZD", one line per currency in the order the currencies first appear. */
export function totalsByCurrency(invoices: readonly TableInvoice[]): string[] {
  const byCurrency = new Map<string, Minor[]>();
  for (const i of invoices) {
    const code = i.currency.toUpperCase();
    byCurrency.set(code, [...(byCurrency.get(code) ?? []), i.amountDue]);
  }
  return [...byCurrency].map(([code, amounts]) => `Total due: ${formatMoney(sumMinor(amounts), code)}`);
}

/** Fixed-width columns for the plain-text part; the amount column lines up on the right. */
export function textTable(rows: readonly Row[]): string {
  const all: readonly (readonly string[])[] = [COLUMNS, ...rows];
  const widths = COLUMNS.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  const last = COLUMNS.length - 1;
  return all
    .map((r) =>
      r
        .map((cell, c) => (c === last ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
