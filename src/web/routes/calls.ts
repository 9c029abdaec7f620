// Logging a call from an invoice's page or a customer's row on the settings page.
import { Router, type Response } from 'express';
import { z } from 'zod';
import { enqueue, type Queues } from '../../../jobs/queues';
import { describeIssues } from '../../services/arrangements/input';
import { callFormFacts } from '../../services/calls/form-facts';
import { CallError, callInput } from '../../services/calls/input';
import { logCall } from '../../services/calls/record';
import type { AppContext } from '../../services/context';
import { checkCsrf, csrfToken, requireUser } from '../auth';
import { callPage, errorPage } from '../views/pages';

const uuid = z.uuid();

const form = z.object({
  invoiceIds: z.union([z.string(), z.array(z.string())]).optional(),
  person: z.string().optional(),
  number: z.string().optional(),
  outcome: z.string().optional(),
  summary: z.string().optional(),
  promisedFor: z.string().optional(),
});

function notFound(res: Response, what: string) {
  res
    .status(404)
    .send(
      errorPage(`${what} not found`, `There is no such ${what.toLowerCase()} in your organisations.`, 404),
    );
}

export function callRoutes(ctx: AppContext, queues: Queues): Router {
  const router = Router();

  router.get('/invoices/:id/call', requireUser, async (req, res) => {
    const id = uuid.safeParse(req.params.id);
    const facts = id.success
      ? await callFormFacts(ctx.db, req.user!.accountId, { invoiceId: id.data })
      : null;
    if (!facts) return notFound(res, 'Invoice');
    res.send(callPage(facts, id.data!, csrfToken(req)));
  });

  router.get('/customers/:id/call', requireUser, async (req, res) => {
    const id = uuid.safeParse(req.params.id);
    const facts = id.success
      ? await callFormFacts(ctx.db, req.user!.accountId, { contactId: id.data })
      : null;
    if (!facts) return notFound(res, 'Customer');
    res.send(callPage(facts, null, csrfToken(req)));
  });

  router.post('/calls', requireUser, checkCsrf, async (req, res) => {
    const user = req.user!;
    try {
      const fields = form.safeParse(req.body);
      if (!fields.success) throw new CallError(describeIssues(fields.error));
      const f = fields.data;
      const parsed = callInput.safeParse({
        invoiceIds: f.invoiceIds === undefined ? [] : [f.invoiceIds].flat(),
        person: f.person,
        number: f.number || undefined,
        outcome: f.outcome,
        summary: f.summary,
        promisedFor: f.promisedFor || undefined,
      });
      if (!parsed.success) throw new CallError(describeIssues(parsed.error));
      const logged = await logCall(ctx, { accountId: user.accountId, userId: user.id }, parsed.data);
      await enqueue(queues, 'notes', { connectionId: logged.connectionId }, logged.connectionId);
      res.redirect(`/invoices/${parsed.data.invoiceIds[0]}`);
    } catch (err) {
      if (!(err instanceof CallError)) throw err;
      res.status(400).send(errorPage('Call not logged', err.message, 400));
    }
  });
  return router;
}
