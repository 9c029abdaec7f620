// The daily list a person approves in approval mode, and the switch that turns the mode on or off.
import { Router } from 'express';
import { z } from 'zod';
import { enqueue, type Queues } from '../../../jobs/queues';
import { awaitingApproval, decide, setApprovalMode } from '../../services/followups/approvals';
import type { AppContext } from '../../services/context';
import { checkCsrf, csrfToken, requireUser } from '../auth';
import { approvalsPage, errorPage } from '../views/pages';

const decision = z.object({
  decision: z.enum(['approve', 'decline']),
  // One id from a row's own button, several from the checkboxes.
  ids: z.union([z.uuid(), z.array(z.uuid())]).transform((v) => (Array.isArray(v) ? v : [v])),
});

export function approvalRoutes(ctx: AppContext, queues: Queues): Router {
  const router = Router();

  router.get('/approvals', requireUser, async (req, res) => {
    res.send(approvalsPage(await awaitingApproval(ctx, req.user!.accountId), csrfToken(req)));
  });

  router.post('/approvals', requireUser, checkCsrf, async (req, res) => {
    const parsed = decision.safeParse(req.body);
    if (!parsed.success) {
      res
        .status(400)
        .send(errorPage('Nothing decided', 'Pick at least one action, and approve or decline.', 400));
      return;
    }
    const user = req.user!;
    const name =
      (await ctx.db
        .selectFrom('users')
        .select(['name', 'email'])
        .where('id', '=', user.id)
        .executeTakeFirst()) ?? null;
    const approved = await decide(
      ctx,
      { accountId: user.accountId, userName: name?.name ?? name?.email ?? 'a team member' },
      parsed.data.ids,
      parsed.data.decision,
    );
    for (const actionId of approved) await enqueue(queues, 'send', { actionId }, actionId);
    res.redirect('/approvals');
  });

  router.post('/connections/:id/approval-mode', requireUser, checkCsrf, async (req, res) => {
    const id = z.uuid().safeParse(req.params.id);
    const on = z.object({ mode: z.enum(['on', 'off']) }).safeParse(req.body);
    const done =
      id.success &&
      on.success &&
      (await setApprovalMode(ctx, req.user!.accountId, id.data, on.data.mode === 'on'));
    if (!done) {
      res
        .status(404)
        .send(errorPage('Connection not found', 'There is no such connection in your account.', 404));
      return;
    }
    res.redirect('/settings');
  });
  return router;
}
