// The sandbox's own control endpoints, under a path Xero does not have, so that a demo or another
// process can do what a test does through the store: queue faults, register the webhook endpoint,
// run the intent-to-receive check, replay a delivery, change the rate limits. No authentication: the
// sandbox is a local development server.
import express, { Router, type ErrorRequestHandler } from 'express';
import { z } from 'zod';
import { isBodyParseError } from './responses';
import type { SandboxStore } from './store';

export const CONTROL_PATH = '/__sandbox';

const webhookBody = z.strictObject({
  url: z.url(),
  key: z.string().min(1),
  batchMs: z.number().int().min(0).optional(),
  deadlineMs: z.number().int().min(1).optional(),
});

const limitsBody = z.union([
  z.boolean(),
  z.strictObject({
    perMinute: z.number().int().min(1).optional(),
    concurrent: z.number().int().min(1).optional(),
    perDay: z.number().int().min(1).optional(),
    appPerMinute: z.number().int().min(1).optional(),
  }),
]);

function problem(error: z.ZodError): { error: string; issues: string[] } {
  return {
    error: 'invalid_request',
    issues: error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`),
  };
}

export function controlRouter(store: SandboxStore): Router {
  const router = Router();
  // Not strict: `PUT /limits` takes a bare `true` or `false`.
  router.use(express.json({ limit: '1mb', strict: false }));

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
    const target = store.webhooks.configured;
    res.json({ url: target?.url ?? null, deliveries: store.webhookDeliveries() });
  });
  router.put('/webhook', (req, res) => {
    const parsed = webhookBody.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json(problem(parsed.error));
      return;
    }
    store.setWebhook(parsed.data);
    res.status(204).end();
  });
  router.delete('/webhook', (_req, res) => {
    store.setWebhook(null);
    res.status(204).end();
  });
  router.post('/webhook/intent-to-receive', (_req, res, next) => {
    if (!store.webhooks.configured) {
      res
        .status(409)
        .json({ error: 'no_webhook', issues: ['Register a webhook with PUT /__sandbox/webhook'] });
      return;
    }
    store.sendIntentToReceive().then((result) => res.json(result), next);
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
    const parsed = limitsBody.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json(problem(parsed.error));
      return;
    }
    store.setRateLimits(parsed.data);
    res.json({ limits: store.limiter.current });
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
