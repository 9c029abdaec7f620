// The addresses Intuit's App Marketplace requires of an app. Launch: a person arrives from the
// marketplace and signs in with Intuit (OpenID through the connect flow, which connects the company too
// when it is not yet connected). Disconnect: Intuit sends the person here after they disconnect Goodwill
// inside QuickBooks. Reconnect: the connect flow again, which reactivates the same connection.
import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../services/context';
import { platformDisconnected } from '../../services/platform-disconnect';
import { quickBooksDisconnectPage } from '../views/pages';
import { sendToConsent } from './connect';

const realmId = z.string().regex(/^\d{1,32}$/);

export function quickBooksAppRoutes(ctx: AppContext): Router {
  const router = Router();

  router.get('/quickbooks/launch', async (req, res) => {
    if (req.user) {
      const connected = await ctx.db
        .selectFrom('connections')
        .select('id')
        .where('account_id', '=', req.user.accountId)
        .where('platform', '=', 'quickbooks')
        .where('status', '=', 'active')
        .executeTakeFirst();
      if (connected) {
        res.redirect('/settings');
        return;
      }
    }
    await sendToConsent(ctx, req, res, 'quickbooks');
  });

  router.get('/quickbooks/reconnect', async (req, res) => {
    await sendToConsent(ctx, req, res, 'quickbooks');
  });

  router.get('/quickbooks/disconnect', async (req, res) => {
    const realm = realmId.safeParse(req.query.realmId);
    const outcome = realm.success
      ? await platformDisconnected(ctx, 'quickbooks', realm.data)
      : ({ status: 'unknown' } as const);
    const names =
      outcome.status === 'unknown'
        ? []
        : outcome.connections.filter((c) => c.accountId === req.user?.accountId).map((c) => c.name);
    res.status(outcome.status === 'unknown' ? 404 : 200).send(quickBooksDisconnectPage(outcome, names));
  });

  return router;
}
