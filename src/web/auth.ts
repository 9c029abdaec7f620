// Who is signed in. Signing in happens through the platform's own sign-in (the connect flow);
// passport keeps the user in the session.
import { timingSafeEqual, randomBytes } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import passport from 'passport';
import type { Db } from '../db/database';
import type { PendingConnect } from '../services/connect';

declare global {
  // Passport's user, as the session restores it.
  namespace Express {
    interface User {
      id: string;
      accountId: string;
    }
  }
}

declare module 'express-session' {
  interface SessionData {
    pendingConnect?: PendingConnect;
    csrf?: string;
  }
}

/** A passport of the app's own: the module's shared one would keep every earlier app's database too. */
export function configurePassport(db: Db): passport.Authenticator {
  const instance = new passport.Passport();
  instance.serializeUser((user, done) => done(null, user.id));
  instance.deserializeUser((id: string, done) => {
    db.selectFrom('users')
      .select(['id', 'account_id'])
      .where('id', '=', id)
      .executeTakeFirst()
      .then((row) => done(null, row ? { id: row.id, accountId: row.account_id } : false))
      .catch((err: unknown) => done(err));
  });
  return instance;
}

export function requireUser(req: Request, res: Response, next: NextFunction): void {
  if (req.user) return next();
  res.redirect('/');
}

export function csrfToken(req: Request): string {
  req.session.csrf ??= randomBytes(24).toString('base64url');
  return req.session.csrf;
}

/** Forms carry the session's token; a cross-site form post cannot know it. */
export function checkCsrf(req: Request, res: Response, next: NextFunction): void {
  const sent = Buffer.from(String((req.body as Record<string, unknown> | undefined)?._csrf ?? ''));
  const expected = Buffer.from(req.session.csrf ?? '');
  if (expected.length > 0 && sent.length === expected.length && timingSafeEqual(sent, expected))
    return next();
  res
    .status(403)
    .send(
      'This form has expired or did not come from Goodwill (CSRF token missing or wrong). Reload the page and try again.',
    );
}
