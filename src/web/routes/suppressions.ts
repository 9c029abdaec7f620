// The suppression list of a connection, from the settings page: view, add, remove.
import { Router, type Response } from 'express';
import { z } from 'zod';
import { describeIssues } from '../../services/arrangements/input';
import type { AppContext } from '../../services/context';
import { SuppressionError } from '../../services/suppression/list';
import {
  addForm,
  addSuppression,
  removeSuppression,
  suppressionList,
} from '../../services/suppression/manage';
import { checkCsrf, csrfToken, requireUser } from '../auth';
import { errorPage, suppressionsPage } from '../views/pages';

const uuid = z.uuid();
const numeric = z.string().regex(/^\d+$/);

function notFound(res: Response) {
  res
    .status(404)
    .send(errorPage('Connection not found', 'There is no such connection in your account.', 404));
}

export function suppressionRoutes(ctx: AppContext): Router {
  const router = Router();

  router.get('/connections/:id/suppressions', requireUser, async (req, res) => {
    const id = uuid.safeParse(req.params.id);
    const list = id.success ? await suppressionList(ctx.db, req.user!.accountId, id.data) : null;
    if (!list) return notFound(res);
    res.send(suppressionsPage(list, csrfToken(req)));
  });

  router.post('/connections/:id/suppressions', requireUser, checkCsrf, async (req, res) => {
    const id = uuid.safeParse(req.params.id);
    if (!id.success) return notFound(res);
    const form = addForm.safeParse(req.body);
    try {
      if (!form.success) throw new SuppressionError(describeIssues(form.error));
      const who = { accountId: req.user!.accountId, userId: req.user!.id };
      if (!(await addSuppression(ctx, who, id.data, form.data))) return notFound(res);
      res.redirect(`/connections/${id.data}/suppressions`);
    } catch (err) {
      if (!(err instanceof SuppressionError)) throw err;
      res.status(400).send(errorPage('Not added', err.message, 400));
    }
  });

  router.post('/connections/:id/suppressions/:sid/remove', requireUser, checkCsrf, async (req, res) => {
    const id = uuid.safeParse(req.params.id);
    const sid = numeric.safeParse(req.params.sid);
    const reason = z.object({ reason: z.string().trim().max(300).optional() }).safeParse(req.body);
    const who = { accountId: req.user!.accountId, userId: req.user!.id };
    const removed =
      id.success &&
      sid.success &&
      (await removeSuppression(ctx, who, id.data, sid.data, reason.data?.reason || 'no reason given'));
    if (!removed) {
      res
        .status(404)
        .send(errorPage('Not on the list', 'That address is not on this suppression list.', 404));
      return;
    }
    res.redirect(`/connections/${id.data}/suppressions`);
  });
  return router;
}
