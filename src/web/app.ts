// The Express application: sessions in Redis, passport for the signed-in user, and the routes.
import RedisStore from 'connect-redis';
import express from 'express';
import session from 'express-session';
import type { Platform } from '../../connectors/types';
import type { Queues } from '../../jobs/queues';
import type { SmtpSink } from '../email/sink';
import type { SmsSink } from '../sms/sink';
import type { AppContext } from '../services/context';
import { checkCsrf, configurePassport } from './auth';
import { offeredPlatforms } from './offered-platforms';
import { approvalRoutes } from './routes/approvals';
import { arrangementRoutes } from './routes/arrangements';
import { callRoutes } from './routes/calls';
import { connectRoutes } from './routes/connect';
import { healthRoutes } from './routes/health';
import { overrideRoutes } from './routes/overrides';
import { policyRoutes } from './routes/policies';
import { quickBooksAppRoutes } from './routes/quickbooks-app';
import { settingsRoutes } from './routes/settings';
import { suppressionRoutes } from './routes/suppressions';
import { unsubscribeRoutes } from './routes/unsubscribe';
import { webhookRoutes } from './routes/webhooks';
import { errorPage, homePage } from './views/pages';

export interface WebOptions {
  queues: Queues;
  sink: SmtpSink | null;
  /** The development SMS sink, whose texts the outbox shows too. */
  smsSink?: SmsSink | null;
  /** The platforms a local sandbox stands in for, which the home page says. */
  sandboxes: Platform[];
  sessionSecret: string;
  /** Keeps one deployment's (or one test's) sessions apart in a shared Redis. */
  sessionPrefix: string;
}

export function createWebApp(ctx: AppContext, options: WebOptions): express.Express {
  const app = express();
  app.set('trust proxy', 1);
  app.disable('x-powered-by');
  app.use(healthRoutes(ctx));
  app.use(webhookRoutes(ctx, options.queues));
  app.use(unsubscribeRoutes(ctx));
  app.use(express.urlencoded({ extended: false, limit: '64kb' }));
  app.use(
    session({
      store: new RedisStore({ client: ctx.redis, prefix: options.sessionPrefix }),
      secret: options.sessionSecret,
      resave: false,
      saveUninitialized: false,
      name: 'goodwill.sid',
      cookie: {
        httpOnly: true,
        sameSite: 'lax',
        secure: ctx.publicUrl.startsWith('https://'),
        maxAge: 14 * 86_400_000,
      },
    }),
  );
  const passport = configurePassport(ctx.db);
  app.use(passport.initialize());
  app.use(passport.session());

  app.get('/', (req, res) => {
    if (req.user) {
      res.redirect('/settings');
      return;
    }
    res.send(homePage({ offered: offeredPlatforms(ctx.connectors), sandboxes: options.sandboxes }));
  });
  app.use(connectRoutes(ctx, options.queues));
  app.use(quickBooksAppRoutes(ctx));
  app.use(settingsRoutes(ctx, options.sink, options.smsSink ?? null));
  app.use(arrangementRoutes(ctx, options.queues));
  app.use(approvalRoutes(ctx, options.queues));
  app.use(overrideRoutes(ctx));
  app.use(callRoutes(ctx, options.queues));
  app.use(suppressionRoutes(ctx));
  app.use(policyRoutes(ctx));
  app.post('/logout', checkCsrf, (req, res, next) =>
    req.logout((err) => (err ? next(err) : res.redirect('/'))),
  );

  app.use((_req: express.Request, res: express.Response) => {
    res.status(404).send(errorPage('Not found', 'There is nothing at this address.', 404));
  });
  app.use((err: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    ctx.log.error('request failed', { error: err });
    res
      .status(500)
      .send(
        errorPage('Something went wrong', 'The request could not be completed. Nothing was changed.', 500),
      );
  });
  return app;
}
