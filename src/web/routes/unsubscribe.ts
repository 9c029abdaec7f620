// The unsubscribe link and RFC 8058 one-click unsubscribe. Public: the signed token is the only
// credential, so there is no session or form token, and a token we did not sign changes nothing.
import { Router } from 'express';
import { readUnsubscribeToken } from '../../email/unsubscribe';
import type { AppContext } from '../../services/context';
import { SuppressionError } from '../../services/suppression/list';
import { INVALID_LINK, optOut } from '../../services/suppression/unsubscribe';
import { errorPage, unsubscribeConfirmPage, unsubscribedPage } from '../views/pages';

export function unsubscribeRoutes(ctx: AppContext): Router {
  const router = Router();

  router.get('/unsubscribe/:token', async (req, res) => {
    const subject = readUnsubscribeToken(ctx.unsubscribeSecret, req.params.token);
    const connection =
      subject &&
      (await ctx.db
        .selectFrom('connections')
        .select('name')
        .where('id', '=', subject.connectionId)
        .executeTakeFirst());
    if (!subject || !connection) {
      res.status(400).send(errorPage('Link not valid', INVALID_LINK, 400));
      return;
    }
    res.send(unsubscribeConfirmPage(connection.name, subject.addresses, req.originalUrl));
  });

  // A mail client's one-click POST carries "List-Unsubscribe=One-Click"; the page's button, nothing.
  router.post('/unsubscribe/:token', async (req, res) => {
    try {
      const done = await optOut(ctx, req.params.token);
      res.send(unsubscribedPage(done.business, done.addresses));
    } catch (err) {
      if (err instanceof SuppressionError) {
        res.status(400).send(errorPage('Link not valid', err.message, 400));
        return;
      }
      throw err;
    }
  });
  return router;
}
