// A stage's message rendered on one of the connection's real open invoices (a number a person picks,
// or the most overdue), through the same rendering and the same facts the sender uses, so the preview
// is what the customer would receive. Nothing is stored or sent.
import type { Policy, Stage } from '../../domain/policy';
import { renderSms } from '../../domain/sms';
import { renderReminder } from '../../domain/templates';
import type { Db } from '../../db/database';
import { localDate } from '../followups/local-date';
import { recipientsOf } from '../followups/recipients';
import { ownTemplate } from './stored-policies';

export interface PreviewInvoice {
  id: string;
  number: string;
  customer: string;
  dueDate: string;
  amountDue: number;
  currency: string;
}

export interface StagePreview {
  stage: Stage;
  invoice: PreviewInvoice;
  to: string[];
  /** Null for a text message. */
  subject: string | null;
  text: string;
  /** Null for a text message. */
  html: string | null;
}

export async function previewStage(
  deps: { db: Db; mailFrom: string; now: Date },
  connectionId: string,
  policy: Policy,
  stageKey: string,
  invoiceNumber: string | null,
): Promise<StagePreview | { problem: string }> {
  const { db } = deps;
  const stage = policy.stages.find((s) => s.key === stageKey);
  if (!stage) return { problem: `${policy.name} has no stage '${stageKey}'` };
  const connection = await db
    .selectFrom('connections')
    .select(['name', 'reply_to', 'timezone'])
    .where('id', '=', connectionId)
    .executeTakeFirstOrThrow();
  let query = db
    .selectFrom('invoices as i')
    .innerJoin('contacts as c', (j) =>
      j.onRef('c.connection_id', '=', 'i.connection_id').onRef('c.external_id', '=', 'i.contact_external_id'),
    )
    .select([
      'i.id',
      'i.number',
      'i.issue_date',
      'i.due_date',
      'i.outstanding',
      'i.currency',
      'i.online_url',
      'c.name',
      'c.email',
      'c.first_name',
      'c.persons',
    ])
    .where('i.connection_id', '=', connectionId)
    .where('i.status', '=', 'authorised')
    .where('i.outstanding', '>', 0);
  if (invoiceNumber) query = query.where('i.number', '=', invoiceNumber);
  const invoice = await query.orderBy('i.due_date').orderBy('i.number').executeTakeFirst();
  if (!invoice) {
    return {
      problem: invoiceNumber
        ? `there is no open invoice numbered '${invoiceNumber}' in ${connection.name}`
        : `${connection.name} has no open invoice to preview on`,
    };
  }
  const today = localDate(deps.now, connection.timezone);
  const recipients = recipientsOf(invoice);
  const business = { name: connection.name, replyTo: connection.reply_to ?? deps.mailFrom };
  const debtor = { name: invoice.name, contactName: recipients.contactName };
  const amountDue = invoice.outstanding ?? 0;
  const invoices = [
    {
      number: invoice.number,
      issueDate: invoice.issue_date,
      dueDate: invoice.due_date,
      amountDue,
      currency: invoice.currency,
      // The link a reminder already fetched; a preview asks the platform for nothing.
      payUrl: invoice.online_url,
    },
  ];
  const edited = await ownTemplate(db, connectionId, stage.template);
  const shown = {
    stage,
    to: recipients.to,
    invoice: {
      id: invoice.id,
      number: invoice.number,
      customer: invoice.name,
      dueDate: invoice.due_date,
      amountDue,
      currency: invoice.currency,
    },
  };
  try {
    if (stage.channel === 'sms' && !edited) {
      return {
        ...shown,
        subject: null,
        html: null,
        text: renderSms({ tone: stage.tone, business, debtor, invoices, today }),
      };
    }
    const email = renderReminder({ stage, business, debtor, invoices, today, ...(edited ? { edited } : {}) });
    return stage.channel === 'sms'
      ? { ...shown, subject: null, html: null, text: email.text }
      : { ...shown, subject: email.subject, text: email.text, html: email.html };
  } catch (err) {
    if (err instanceof RangeError) return { problem: err.message };
    throw err;
  }
}
