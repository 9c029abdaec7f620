// The sandbox's own control endpoints, under a path Intuit does not have, with the Xero sandbox's
// paths and bodies where the power is the same: queue faults, register the webhook endpoint, replay
// a delivery, change the limits; and, for QuickBooks, disconnect a company and pick the next consent's
// identity. No authentication: the sandbox is a local development server.
import express, { Router, type ErrorRequestHandler } from 'express';
import { z } from 'zod';
import { isBodyParseError } from './responses';
import type { QuickBooksSandboxStore } from './store';

export const CONTROL_PATH = '/__sandbox';

const webhookBody = z.strictObject({
  url: z.url(),
  key: z.string().min(1),
  format: z.enum(['legacy', 'cloudevents']).optional(),
  batchMs: z.number().int().min(0).optional(),
  deadlineMs: z.number().int().min(1).optional(),
});

const limitsBody = z.union([
  z.boolean(),
  z.strictObject({
    perMinute: z.number().int().min(1).optional(),
    concurrent: z.number().int().min(1).optional(),
  }),
]);

const identityBody = z.strictObject({
  email: z.email(),
  name: z.string().optional(),
  givenName: z.string().optional(),
  familyName: z.string().optional(),
  realmId: z.string().optional(),
});

function problem(error: z.ZodError): { error: string; issues: string[] } {
  return {
    error: 'invalid_request',
    issues: error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`),
  };
}

export function controlRouter(store: QuickBooksSandboxStore): Router {
  const router = Router();
  router.use(express.json({ limit: '1mb', strict: false }));

  const parsed = <T>(schema: z.ZodType<T>, body: unknown, res: express.Response): T | null => {
    const result = schema.safeParse(body);
    if (result.success) return result.data;
    res.status(400).json(problem(result.error));
    return null;
  };

  router.get('/faults', (_req, res) => {
    res.json({ pending: store.pendingFaults() });
  });
  router.post('/faults', (req, res) => {
    try {
      res.status(201).json({ queued: store.faults.inject(req.body), pending: store.pendingFaults() });
    } catch (err) {
      if (!(err instanceof z.ZodError)) throw err;
      res.status(400).json(problem(err));
    }
  });
  router.delete('/faults', (_req, res) => {
    store.clearFaults();
    res.status(204).end();
  });

  router.get('/webhook', (_req, res) => {
    res.json({ url: store.webhooks.configured?.url ?? null, deliveries: store.webhookDeliveries() });
  });
  router.put('/webhook', (req, res) => {
    const target = parsed(webhookBody, req.body, res);
    if (!target) return;
    store.setWebhook(target);
    res.status(204).end();
  });
  router.delete('/webhook', (_req, res) => {
    store.setWebhook(null);
    res.status(204).end();
  });
  router.post('/webhook/deliveries/:index/replay', (req, res, next) => {
    const index = Number(req.params.index);
    if (!Number.isInteger(index) || !store.webhookDeliveries()[index]) {
      res.status(404).json({ error: 'not_found', issues: [`No webhook delivery ${req.params.index}`] });
      return;
    }
    store.replayDelivery(index).then((delivery) => res.json(delivery), next);
  });

  router.get('/limits', (_req, res) => {
    res.json({ limits: store.limiter.current });
  });
  router.put('/limits', (req, res) => {
    const limits = parsed(limitsBody, req.body, res);
    if (limits === null) return;
    store.setRateLimits(limits);
    res.json({ limits: store.limiter.current });
  });

  router.post('/connections/revoke', (req, res) => {
    const realmId = typeof req.query.realmId === 'string' ? req.query.realmId : undefined;
    store.revokeConnections(realmId);
    res.status(204).end();
  });
  router.put('/next-identity', (req, res) => {
    const identity = parsed(identityBody, req.body, res);
    if (!identity) return;
    if (identity.realmId !== undefined && !store.companies.has(identity.realmId)) {
      res.status(400).json({ error: 'invalid_request', issues: [`realmId: no company ${identity.realmId}`] });
      return;
    }
    store.useNextIdentity(identity);
    res.status(204).end();
  });

  router.use((_req, res) => {
    res.status(404).json({ error: 'not_found' });
  });
  router.use(unreadableBody);
  return router;
}

const unreadableBody: ErrorRequestHandler = (err, _req, res, next) => {
  if (isBodyParseError(err) && !res.headersSent) {
    res.status(400).json({ error: 'invalid_request', issues: ['The body is not JSON'] });
  } else next(err);
};
