// The OAuth round trip: start, and the platform's callback.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { isConnectorError } from '../../../connectors/shared/errors';
import type { Platform } from '../../../connectors/types';
import { enqueue, type Queues } from '../../../jobs/queues';
import { beginConnect, completeConnect } from '../../services/connect';
import type { AppContext } from '../../services/context';
import { offeredPlatforms } from '../offered-platforms';
import { errorPage, platformUnavailablePage } from '../views/pages';
import { PLATFORM_NAME } from '../views/platforms';

/** Starts the OAuth round trip: the state is bound to this browser's session before it leaves. A platform
 * this installation is not set up for is refused here, before anything is asked of it. */
export async function sendToConsent(ctx: AppContext, req: Request, res: Response, platform: Platform) {
  if (!ctx.connectors[platform].configured) {
    res.status(404).send(platformUnavailablePage(platform, offeredPlatforms(ctx.connectors)));
    return;
  }
  let started: Awaited<ReturnType<typeof beginConnect>>;
  try {
    started = await beginConnect(ctx, platform);
  } catch (err) {
    // The platform's sign-in service itself is down or answering nonsense (Xero's OpenID discovery):
    // the person can only wait, and should be told so rather than shown a server error.
    if (!isConnectorError(err)) throw err;
    ctx.log.warn('connect could not start', { platform, code: err.code, error: err.message });
    const name = PLATFORM_NAME[platform];
    res
      .status(503)
      .set('Retry-After', '60')
      .send(
        errorPage(
          `${name} is not answering`,
          `Goodwill could not reach ${name}'s sign-in service (${err.message}). Nothing was changed; please try again in a minute.`,
          503,
        ),
      );
    return;
  }
  req.session.pendingConnect = started.pending;
  req.session.save(() => res.redirect(started.url));
}

export function connectRoutes(ctx: AppContext, queues: Queues): Router {
  const router = Router();
  const platforms = Object.keys(ctx.connectors) as Platform[];
  const platformParam = z.enum(platforms as [Platform, ...Platform[]]);

  router.get('/connect/:platform', async (req, res) => {
    const platform = platformParam.safeParse(req.params.platform);
    if (!platform.success) {
      res
        .status(404)
        .send(errorPage('Unknown platform', `Goodwill cannot connect to "${req.params.platform}".`, 404));
      return;
    }
    await sendToConsent(ctx, req, res, platform.data);
  });

  router.get('/connect/:platform/callback', async (req, res) => {
    const pending = req.session.pendingConnect;
    if (typeof req.query.error === 'string') {
      res
        .status(400)
        .send(
          errorPage(
            'Connection not made',
            `The platform said: ${req.query.error}. Nothing was connected.`,
            400,
          ),
        );
      return;
    }
    if (!pending || pending.platform !== req.params.platform) {
      res
        .status(400)
        .send(
          errorPage(
            'Sign-in expired',
            'This sign-in did not start in this browser session (no state to check against). Please start again.',
            400,
          ),
        );
      return;
    }
    delete req.session.pendingConnect;
    try {
      const result = await completeConnect(ctx, {
        pending,
        callbackUrl: `${ctx.publicUrl}${req.originalUrl}`,
        signedInUserId: req.user?.id ?? null,
      });
      for (const connectionId of result.connectionIds) {
        await enqueue(queues, 'sync', { connectionId, full: true }, connectionId);
      }
      req.login({ id: result.userId, accountId: result.accountId }, (err) => {
        if (err) throw err;
        res.redirect('/settings');
      });
    } catch (err) {
      if (isConnectorError(err, 'oauth_state_mismatch')) {
        res
          .status(400)
          .send(
            errorPage(
              'Sign-in could not be verified',
              'The reply from the platform does not match this browser session (state mismatch). Nothing was connected; please start again.',
              400,
            ),
          );
        return;
      }
      ctx.log.error('connect callback failed', { error: err });
      res
        .status(502)
        .send(
          errorPage(
            'Connection failed',
            'The platform did not complete the connection. Nothing was changed; please try again.',
            502,
          ),
        );
    }
  });

  return router;
}
