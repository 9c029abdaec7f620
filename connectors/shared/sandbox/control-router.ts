// The control endpoints both sandboxes keep under `/__sandbox`, a path neither platform has, so that
// a demo or another process can do what a test does through the store: queue faults, register the
// webhook endpoint, replay a delivery, change the rate limits. Each sandbox passes the bodies its
// platform's powers take and adds its own endpoints. No authentication: a sandbox is a local
// development server.
import express, { Router, type ErrorRequestHandler } from 'express';
import { z } from 'zod';
import { isBodyParseError } from './plain-answers';

export const CONTROL_PATH = '/__sandbox';

/** The fields of a webhook registration that both platforms take. */
export const webhookTargetFields = {
  url: z.url(),
  key: z.string().min(1),
  batchMs: z.number().int().min(0).optional(),
  deadlineMs: z.number().int().min(1).optional(),
};

/** The rate limits both platforms have; `PUT /limits` also takes a bare true (the platform's) or false. */
export const sharedLimitFields = {
  perMinute: z.number().int().min(1).optional(),
  concurrent: z.number().int().min(1).optional(),
};

/** What the shared endpoints reach in a sandbox's store. */
export interface ControlledStore<Target, Limits> {
  faults: { inject(specs: unknown): unknown[] };
  pendingFaults(): unknown[];
  clearFaults(): void;
  webhooks: { configured: { url: string } | null };
  webhookDeliveries(): unknown[];
  setWebhook(target: Target | null): void;
  replayDelivery(index: number): Promise<unknown>;
  limiter: { current: unknown };
  setRateLimits(limits: Limits): void;
}

export interface ControlBodies<Target, Limits> {
  webhook: z.ZodType<Target>;
  limits: z.ZodType<Limits>;
}

/** Parses a body, or answers 400 naming what is wrong and gives null. */
export type ParseBody = <T>(schema: z.ZodType<T>, body: unknown, res: express.Response) => T | null;

function problem(error: z.ZodError): { error: string; issues: string[] } {
  return {
    error: 'invalid_request',
    issues: error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`),
  };
}

const parseBody: ParseBody = (schema, body, res) => {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  res.status(400).json(problem(result.error));
  return null;
};

export function controlRouter<Target, Limits>(
  store: ControlledStore<Target, Limits>,
  bodies: ControlBodies<Target, Limits>,
  /** The sandbox's own endpoints, added before the 404 for everything else. */
  addOwn: (router: Router, parse: ParseBody) => void,
): Router {
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
    res.json({ url: store.webhooks.configured?.url ?? null, deliveries: store.webhookDeliveries() });
  });
  router.put('/webhook', (req, res) => {
    const target = parseBody(bodies.webhook, req.body, res);
    if (target === null) return;
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
    const limits = parseBody(bodies.limits, req.body, res);
    if (limits === null) return;
    store.setRateLimits(limits);
    res.json({ limits: store.limiter.current });
  });

  addOwn(router, parseBody);

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
