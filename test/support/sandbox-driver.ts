// What the tests do to a platform's sandbox, in words both platforms share, so that one test can run
// against either: read the sales invoices as the platform shows them, make the changes a bookkeeper
// makes inside the books, and misbehave on cue. Each platform's driver says how it does these.
import type { Platform } from '../../connectors/types';

/** A sales invoice as the platform shows it. */
export interface DriverInvoice {
  id: string;
  number: string;
  contactId: string;
  currency: string;
  dueDate: string;
  /** What the platform says is still due (Xero AmountDue, QuickBooks Balance), as its API writes it. */
  amountDue: number;
  /** Issued (not a draft awaiting approval): Goodwill's figure for it must equal the platform's. */
  issued: boolean;
  /** Issued, not voided, and something still due. */
  open: boolean;
  /** Nothing paid or credited on it yet. */
  untouched: boolean;
}

/**
 * A change made inside the books, choosing its invoice, payment or credit by `pick` (modulo the
 * candidates) and its amount as a `percent` of what is due.
 */
export type LedgerChange =
  | { op: 'pay' | 'credit' | 'overpay' | 'prepay'; pick: number; percent: number }
  | {
      op:
        'unpay' | 'unallocate' | 'void' | 'voidCredit' | 'deleteCredit' | 'deleteInvoice' | 'unapplyPayment';
      pick: number;
    }
  | { op: 'moveDue'; pick: number; days: number };

export type LedgerChangeKind = LedgerChange['op'];

export interface SandboxDriver {
  platform: Platform;
  /** The organisation's id at the platform (Xero tenantId, QuickBooks realmId). */
  tenantId: string;
  /** The path of the platform's consent page, where the connect flow hops through. */
  consentPath: string;
  /** Every sales invoice the platform still has (Xero's deleted ones included, as Xero keeps them). */
  invoices(): DriverInvoice[];
  invoice(id: string): DriverInvoice | undefined;
  /** Invoices the platform no longer has as a live record (deleted), which Goodwill must hold as deleted. */
  deletedInvoiceIds(): string[];
  /** The text of every note on the invoice in the books. */
  notes(invoiceId: string): string[];
  /** Records a payment on one invoice; answers the payment's id. */
  recordPayment(input: { invoiceId: string; amount: string }): string;
  deletePayment(paymentId: string): void;
  /** The changes this platform can make. */
  changes: readonly LedgerChangeKind[];
  /** Makes the change; false when there was nothing to make it to or the platform refused it. */
  change(change: LedgerChange): boolean;
  checkInvariants(): string[];

  /** The company disconnects the app at the platform. */
  revokeConnections(): void;
  resetCalls(): void;
  /** API and token calls made since the last reset. */
  callCount(label?: string): number;
  /** Route labels, as the sandbox counts them. */
  endpoints: { invoicesChanged: string; invoicesById: string; token: string };
  /** The next `count` reads of changed invoices are throttled (429). */
  throttleInvoiceReads(count: number): void;
  /** The next read of changed invoices has one bad record. */
  spoilInvoiceRead(): void;
}

/** Some amount of what is due, never more: both platforms refuse over-allocation. */
export function share(amountDue: number, pct: number): string {
  const cents = Math.max(1, Math.min(Math.round(amountDue * 100), Math.floor((amountDue * 100 * pct) / 100)));
  return (cents / 100).toFixed(2);
}

export function at<T>(list: readonly T[], index: number): T | undefined {
  return list.length === 0 ? undefined : list[index % list.length];
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date.slice(0, 10)}T00:00:00Z`) + days * 86_400_000)
    .toISOString()
    .slice(0, 10);
}

/** Runs a change, counting the platform's refusal (a LedgerError) as part of the game. */
export function refusable(make: () => boolean): boolean {
  try {
    return make();
  } catch (err) {
    if (err instanceof Error && err.name === 'LedgerError') return false;
    throw err;
  }
}
