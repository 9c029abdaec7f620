// The signed-in screens: settings overview, invoice timelines, disconnect, outbox.
import { Router } from 'express';
import { z } from 'zod';
import type { SmtpSink } from '../../email/sink';
import type { AppContext } from '../../services/context';
import { disconnect } from '../../services/disconnect';
import { accountOverview } from '../../services/views/account-overview';
import { invoiceTimeline } from '../../services/views/invoice-timeline';
import { checkCsrf, csrfToken, requireUser } from '../auth';
import { errorPage, invoicePage, outboxPage, settingsPage } from '../views/pages';

const uuid = z.uuid();

export function settingsRoutes(ctx: AppContext, sink: SmtpSink | null): Router {
  const router = Router();

  router.get('/settings', requireUser, async (req, res) => {
    const user = req.user!;
    res.send(settingsPage(await accountOverview(ctx.db, user.accountId, ctx.now()), csrfToken(req)));
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

  router.get('/outbox', requireUser, (_req, res) => {
    res.send(outboxPage(sink ? sink.messages() : null));
  });

  return router;
}
