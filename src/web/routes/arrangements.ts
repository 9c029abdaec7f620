// Recording what was agreed with a customer about an invoice, from its page.
import { Router } from 'express';
import { z } from 'zod';
import { enqueue, type Queues } from '../../../jobs/queues';
import { toMinor } from '../../../connectors/shared/money';
import { ArrangementError, arrangementInput, describeIssues } from '../../services/arrangements/input';
import { recordArrangement } from '../../services/arrangements/record';
import { resolveDispute } from '../../services/arrangements/resolve';
import type { AppContext } from '../../services/context';
import { checkCsrf, requireUser } from '../auth';
import { errorPage } from '../views/pages';

const form = z.object({
  kind: z.string(),
  reason: z.string().optional(),
  promisedFor: z.string().optional(),
  instalments: z.string().optional(),
  person: z.string().optional(),
  via: z.string().optional(),
});

/** "2026-12-01 250.00" per line, as a person types a schedule. */
function parseInstalments(text: string, currency: string) {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line, i) => {
      const [dueDate = '', amount = ''] = line.split(/[\s,;]+/);
      try {
        return { dueDate, amount: toMinor(amount, currency) };
      } catch {
        throw new ArrangementError(`Instalment ${i + 1}: "${line}" is not "YYYY-MM-DD amount"`);
      }
    });
}

export function arrangementRoutes(ctx: AppContext, queues: Queues): Router {
  const router = Router();

  router.post('/invoices/:id/arrangements', requireUser, checkCsrf, async (req, res) => {
    const user = req.user!;
    const id = z.uuid().safeParse(req.params.id);
    const invoice =
      id.success &&
      (await ctx.db
        .selectFrom('invoices as i')
        .innerJoin('connections as k', 'k.id', 'i.connection_id')
        .select(['i.id', 'i.currency'])
        .where('i.id', '=', id.data)
        .where('k.account_id', '=', user.accountId)
        .executeTakeFirst());
    if (!invoice) {
      res
        .status(404)
        .send(errorPage('Invoice not found', 'There is no such invoice in your organisations.', 404));
      return;
    }
    try {
      const fields = form.parse(req.body);
      const parsed = arrangementInput.safeParse({
        kind: fields.kind,
        invoiceIds: [invoice.id],
        reason: fields.reason,
        promisedFor: fields.promisedFor,
        instalments:
          fields.kind === 'payment_plan'
            ? parseInstalments(fields.instalments ?? '', invoice.currency)
            : undefined,
        person: fields.person || undefined,
        via: fields.via || undefined,
      });
      if (!parsed.success) throw new ArrangementError(describeIssues(parsed.error));
      const recorded = await recordArrangement(
        ctx,
        { accountId: user.accountId, userId: user.id },
        parsed.data,
      );
      await enqueue(queues, 'notes', { connectionId: recorded.connectionId }, recorded.connectionId);
      res.redirect(`/invoices/${invoice.id}`);
    } catch (err) {
      if (err instanceof ArrangementError || err instanceof z.ZodError) {
        res.status(400).send(errorPage('Not recorded', err.message, 400));
        return;
      }
      throw err;
    }
  });

  router.post('/arrangements/:id/resolve', requireUser, checkCsrf, async (req, res) => {
    const id = z.uuid().safeParse(req.params.id);
    const outcome = z.object({ outcome: z.string().trim().min(3).max(300) }).safeParse(req.body);
    try {
      if (!id.success) throw new ArrangementError('There is no such dispute in your organisations');
      if (!outcome.success)
        throw new ArrangementError('Say how the dispute was resolved (at least 3 characters)');
      await resolveDispute(ctx, { accountId: req.user!.accountId }, id.data, outcome.data.outcome);
      res.redirect(
        typeof req.query.back === 'string' && req.query.back.startsWith('/invoices/')
          ? req.query.back
          : '/settings',
      );
    } catch (err) {
      if (err instanceof ArrangementError) {
        res.status(400).send(errorPage('Not resolved', err.message, 400));
        return;
      }
      throw err;
    }
  });
  return router;
}
