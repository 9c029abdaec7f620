// An organisation's policies: the list with each segment's policy, the edit form with its preview, and
// the copy, reset and delete actions. Every route first checks the connection belongs to the signed-in
// account.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { draftOf } from '../../domain/own-policy';
import { isMessage } from '../../domain/policy';
import type { AppContext } from '../../services/context';
import { deletePolicy } from '../../services/policies/delete-policy';
import { previewStage } from '../../services/policies/policy-preview';
import {
  copyPolicy,
  ownConnection,
  resetPolicy,
  savePolicy,
  saveSegmentPolicies,
  segmentName,
} from '../../services/policies/save-policies';
import { connectionPolicies, policyTemplates, SEGMENTS } from '../../services/policies/stored-policies';
import { checkCsrf, csrfToken, requireUser } from '../auth';
import { errorPage, policiesPage, policyInUsePage, policyPage } from '../views/pages';
import { draftFromForm, formOf, readPolicyForm, type PolicyForm } from './policy-form';

function notFound(res: Response) {
  res.status(404).send(errorPage('Not found', 'There is no such policy in your organisations.', 404));
}

const params = z.object({
  id: z.uuid(),
  policyId: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/)
    .optional(),
});

export function policyRoutes(ctx: AppContext): Router {
  const router = Router();

  /** The account's connection (and policy id) from the path, or a 404 page and null. */
  async function target(req: Request, res: Response) {
    const parsed = params.safeParse(req.params);
    const connectionId = parsed.success
      ? await ownConnection(ctx.db, req.user!.accountId, parsed.data.id)
      : null;
    if (!parsed.success || !connectionId) {
      notFound(res);
      return null;
    }
    return { connectionId, policyId: parsed.data.policyId ?? '' };
  }

  async function listPage(req: Request, connectionId: string, problems?: string[]) {
    const { list, segmentPolicies } = await connectionPolicies(ctx.db, connectionId);
    const connection = await ctx.db
      .selectFrom('connections')
      .select('name')
      .where('id', '=', connectionId)
      .executeTakeFirstOrThrow();
    return policiesPage({
      connectionId,
      connectionName: connection.name,
      list,
      segments: SEGMENTS.map((segment) => ({
        segment,
        label: `Policy for ${segmentName(segment)}`,
        policyId: segmentPolicies[segment],
      })),
      csrf: csrfToken(req),
      ...(problems ? { problems } : {}),
    });
  }

  async function editPage(
    req: Request,
    at: { connectionId: string; policyId: string },
    posted?: { form: PolicyForm; problems: string[] },
  ) {
    const found = (await connectionPolicies(ctx.db, at.connectionId)).list.find(
      (p) => p.policy.id === at.policyId,
    );
    if (!found) return null;
    const templates = await policyTemplates(ctx.db, at.connectionId, at.policyId);
    const stages = found.policy.stages;
    const stageKey =
      typeof req.query.stage === 'string' && stages.some((s) => s.key === req.query.stage)
        ? req.query.stage
        : ((stages.find(isMessage) ?? stages[0])?.key ?? '');
    const invoiceNumber = typeof req.query.invoice === 'string' ? req.query.invoice.trim() : '';
    const result = stageKey
      ? await previewStage(
          { db: ctx.db, mailFrom: ctx.mailFrom, now: ctx.now() },
          at.connectionId,
          found.policy,
          stageKey,
          invoiceNumber || null,
        )
      : null;
    return policyPage({
      ...at,
      kind: found.kind,
      form: posted?.form ?? formOf(draftOf(found.policy, templates)),
      csrf: csrfToken(req),
      ...(posted ? { problems: posted.problems } : {}),
      saved: req.query.saved === '1',
      savedStages: stages.map((s) => ({ key: s.key, name: s.name })),
      preview: { stageKey, invoiceNumber, result },
    });
  }

  router.get('/connections/:id/policies', requireUser, async (req, res) => {
    const at = await target(req, res);
    if (at) res.send(await listPage(req, at.connectionId));
  });

  router.post('/connections/:id/segment-policies', requireUser, checkCsrf, async (req, res) => {
    const at = await target(req, res);
    if (!at) return;
    const body = req.body as Record<string, unknown>;
    const chosen = Object.fromEntries(
      SEGMENTS.map((segment) => [segment, typeof body[segment] === 'string' ? body[segment] : undefined]),
    );
    const outcome = await saveSegmentPolicies(ctx.db, at.connectionId, chosen);
    if (outcome.status === 'invalid') {
      res.status(400).send(await listPage(req, at.connectionId, outcome.problems));
      return;
    }
    res.redirect(`/connections/${at.connectionId}/policies`);
  });

  router.get('/connections/:id/policies/:policyId', requireUser, async (req, res) => {
    const at = await target(req, res);
    if (!at) return;
    const page = await editPage(req, at);
    if (page) res.send(page);
    else notFound(res);
  });

  router.post('/connections/:id/policies/:policyId', requireUser, checkCsrf, async (req, res) => {
    const at = await target(req, res);
    if (!at) return;
    const current = (await connectionPolicies(ctx.db, at.connectionId)).policies[at.policyId];
    const form = readPolicyForm(req.body);
    const outcome = current && (await savePolicy(ctx.db, at.connectionId, draftFromForm(form, current)));
    if (!outcome) {
      notFound(res);
    } else if (outcome.status === 'invalid') {
      res.status(400).send((await editPage(req, at, { form, problems: outcome.problems })) ?? '');
    } else {
      res.redirect(`/connections/${at.connectionId}/policies/${at.policyId}?saved=1`);
    }
  });

  router.post('/connections/:id/policies/:policyId/copy', requireUser, checkCsrf, async (req, res) => {
    const at = await target(req, res);
    if (!at) return;
    const name = String((req.body as Record<string, unknown>).name ?? '');
    const outcome = await copyPolicy(ctx.db, at.connectionId, at.policyId, name);
    if (!outcome) {
      notFound(res);
    } else if (outcome.status === 'invalid') {
      res.status(400).send(await listPage(req, at.connectionId, outcome.problems));
    } else {
      res.redirect(`/connections/${at.connectionId}/policies/${outcome.policyId}`);
    }
  });

  router.post('/connections/:id/policies/:policyId/reset', requireUser, checkCsrf, async (req, res) => {
    const at = await target(req, res);
    if (!at) return;
    if (!(await resetPolicy(ctx.db, at.connectionId, at.policyId))) {
      res
        .status(400)
        .send(await listPage(req, at.connectionId, ['only a built-in policy can be reset to how it ships']));
      return;
    }
    res.redirect(`/connections/${at.connectionId}/policies`);
  });

  router.post('/connections/:id/policies/:policyId/delete', requireUser, checkCsrf, async (req, res) => {
    const at = await target(req, res);
    if (!at) return;
    const outcome = await deletePolicy(ctx.db, at.connectionId, at.policyId);
    switch (outcome.status) {
      case 'deleted':
        res.redirect(`/connections/${at.connectionId}/policies`);
        return;
      case 'built_in': {
        const name =
          (await connectionPolicies(ctx.db, at.connectionId)).policies[at.policyId]?.name ?? at.policyId;
        const why = `${name} is a built-in policy: it cannot be deleted, only reset to how it ships.`;
        res.status(400).send(errorPage('Not deleted', why, 400));
        return;
      }
      case 'not_found':
        res
          .status(404)
          .send(
            errorPage(
              'Not found',
              `There is no policy '${at.policyId}' here: it may be deleted already.`,
              404,
            ),
          );
        return;
      case 'in_use':
        res.status(409).send(
          policyInUsePage({
            ...at,
            name: outcome.name,
            segments: outcome.segments.map(segmentName),
            customers: outcome.customers,
          }),
        );
    }
  });

  return router;
}
