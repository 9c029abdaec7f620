// The signed-in screens: settings overview, invoice timelines, disconnect, outbox.
import { Router } from 'express';
import { z } from 'zod';
import type { SmtpSink } from '../../email/sink';
import type { SmsSink } from '../../sms/sink';
import type { AppContext } from '../../services/context';
import { disconnect } from '../../services/disconnect';
import { accountOverview } from '../../services/views/account-overview';
import { invoiceTimeline } from '../../services/views/invoice-timeline';
import { connectionPolicies } from '../../services/policies/stored-policies';
import { simulateFollowups } from '../../services/views/simulation';
import { checkCsrf, csrfToken, requireUser } from '../auth';
import { offeredPlatforms } from '../offered-platforms';
import { errorPage, invoicePage, outboxPage, settingsPage, simulationPage } from '../views/pages';

const uuid = z.uuid();

/** Which page of one connection's customers to show (`?connection=…&page=2`); a page past the end shows the last. */
const customerPage = z.object({
  connection: z.uuid({ message: 'must be the id of one of your connections' }).optional(),
  page: z.coerce
    .number({ message: 'must be a page number' })
    .int({ message: 'must be a whole number' })
    .min(1, { message: 'must be 1 or more' })
    .default(1),
});

export function settingsRoutes(ctx: AppContext, sink: SmtpSink | null, smsSink: SmsSink | null): Router {
  const router = Router();

  router.get('/settings', requireUser, async (req, res) => {
    const user = req.user!;
    const paging = customerPage.safeParse(req.query);
    if (!paging.success) {
      const problem = paging.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      res.status(400).send(errorPage('No such page of customers', problem, 400));
      return;
    }
    const { connection, page } = paging.data;
    const pages = connection ? new Map([[connection, page]]) : new Map<string, number>();
    const overview = await accountOverview(ctx.db, user.accountId, ctx.now(), pages);
    res.send(settingsPage(overview, csrfToken(req), offeredPlatforms(ctx.connectors)));
  });

  router.get('/invoices/:id', requireUser, async (req, res) => {
    const id = uuid.safeParse(req.params.id);
    const timeline = id.success ? await invoiceTimeline(ctx.db, req.user!.accountId, id.data) : null;
    if (!timeline) {
      res
        .status(404)
        .send(errorPage('Invoice not found', 'There is no such invoice in your organisations.', 404));
      return;
    }
    res.send(invoicePage(timeline, csrfToken(req)));
  });

  router.post('/connections/:id/disconnect', requireUser, checkCsrf, async (req, res) => {
    const id = uuid.safeParse(req.params.id);
    const done = id.success && (await disconnect(ctx, id.data, req.user!.accountId));
    if (!done) {
      res
        .status(404)
        .send(errorPage('Connection not found', 'There is no such connection in your account.', 404));
      return;
    }
    res.redirect('/settings');
  });

  router.get('/connections/:id/simulation', requireUser, async (req, res) => {
    const id = uuid.safeParse(req.params.id);
    const customer = uuid.safeParse(req.query.customer);
    const steps = id.success
      ? await simulateFollowups(
          ctx.db,
          {
            accountId: req.user!.accountId,
            connectionId: id.data,
            ...(customer.success ? { contactId: customer.data } : {}),
          },
          ctx.now(),
        )
      : null;
    if (!steps) {
      res
        .status(404)
        .send(errorPage('Connection not found', 'There is no such connection in your account.', 404));
      return;
    }
    if (!customer.success) {
      res.send(simulationPage('The next 90 days for every customer', steps));
      return;
    }
    const contact = await ctx.db
      .selectFrom('contacts as c')
      .leftJoin('customer_settings as s', 's.contact_id', 'c.id')
      .select(['c.id', 'c.name', 's.policy_id', 's.excluded'])
      .where('c.id', '=', customer.data)
      .where('c.connection_id', '=', id.data!)
      .executeTakeFirst();
    if (!contact) {
      res
        .status(404)
        .send(errorPage('Customer not found', 'There is no such customer in this organisation.', 404));
      return;
    }
    res.send(
      simulationPage(`The next 90 days for ${contact.name}`, steps, {
        contactId: contact.id,
        policyId: contact.policy_id,
        policies: (await connectionPolicies(ctx.db, id.data!)).list.map(({ policy }) => policy),
        excluded: contact.excluded ?? false,
        csrf: csrfToken(req),
        back: req.originalUrl,
      }),
    );
  });

  router.get('/outbox', requireUser, (_req, res) => {
    res.send(outboxPage(sink ? sink.messages() : null, smsSink ? smsSink.messages() : null));
  });

  return router;
}
