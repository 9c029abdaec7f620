// Xero's own history trail on each demo invoice (created, approved, payments received, credit
// applied, voided or deleted), written last so it can follow every payment and allocation made.
import { eventMs, type Builder } from './demo-builder';
import { indexLedger, type AppliedCredit } from './ledger';
import { centsText, type Cents } from '../../shared/sandbox/money';
import { dateMs, type CalendarDate } from './xero-dates';

export function amountText(cents: Cents): string {
  const [whole = '0', fraction = '00'] = centsText(cents).split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction}`;
}

function longDate(date: CalendarDate): string {
  return new Date(dateMs(date)).toLocaleDateString('en-NZ', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

function creditLabel(applied: AppliedCredit): string {
  if (applied.kind === 'creditNote') return applied.credit.number;
  return applied.kind === 'overpayment' ? 'Overpayment' : 'Prepayment';
}

/** Xero's own trail on each invoice; every entry is at or before the invoice's UpdatedDateUTC. */
export function writeHistory(b: Builder): void {
  const { data, userName } = b;
  const index = indexLedger(data);
  for (const invoice of data.invoices.values()) {
    const contactName = data.contacts.get(invoice.contactId)?.name ?? '';
    const summary = `${invoice.number} to ${contactName} for ${amountText(invoice.total)}.`;
    const latest = invoice.updatedAt;
    const created = Math.min(eventMs(b, invoice.date), latest - 120_000);
    invoice.history.push({ changes: 'Created', at: created, user: userName, details: summary });
    if (invoice.status !== 'DRAFT' && invoice.status !== 'DELETED') {
      invoice.history.push({ changes: 'Approved', at: created + 60_000, user: userName, details: summary });
    }
    const events = [
      ...(index.payments.get(invoice.id) ?? []).map((p) => ({
        at: p.updatedAt,
        changes: 'Payment Received',
        details: `Payment received from ${contactName} on ${longDate(p.date)} for ${amountText(p.amount)}.`,
      })),
      ...(index.credits.get(invoice.id) ?? []).map((applied) => ({
        at: Math.min(Math.max(eventMs(b, applied.allocation.date), created + 120_000), latest),
        changes: 'Credit Applied',
        details: `${creditLabel(applied)} applied for ${amountText(applied.allocation.amount)}.`,
      })),
    ].sort((x, y) => x.at - y.at);
    for (const event of events) invoice.history.push({ ...event, user: userName });
    if (invoice.status === 'VOIDED' || invoice.status === 'DELETED') {
      const changes = invoice.status === 'VOIDED' ? 'Voided' : 'Deleted';
      invoice.history.push({ changes, at: latest, user: userName, details: summary });
    }
  }
}
