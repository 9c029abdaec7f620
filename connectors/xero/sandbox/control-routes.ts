// The sandbox's own control endpoints, under a path Xero does not have, so that a demo or another
// process can do what a test does through the store: queue faults, register the webhook endpoint,
// run the intent-to-receive check, replay a delivery, change the rate limits. No authentication: the
// sandbox is a local development server.
import type { Router } from 'express';
import { z } from 'zod';
import {
  controlRouter as sharedControlRouter,
  sharedLimitFields,
  webhookTargetFields,
} from '../../shared/sandbox/control-router';
import type { SandboxStore } from './store';

export { CONTROL_PATH } from '../../shared/sandbox/control-router';

const webhookBody = z.strictObject(webhookTargetFields);

const limitsBody = z.union([
  z.boolean(),
  z.strictObject({
    ...sharedLimitFields,
    perDay: z.number().int().min(1).optional(),
    appPerMinute: z.number().int().min(1).optional(),
  }),
]);

export function controlRouter(store: SandboxStore): Router {
  return sharedControlRouter(store, { webhook: webhookBody, limits: limitsBody }, (router) => {
    router.post('/webhook/intent-to-receive', (_req, res, next) => {
      if (!store.webhooks.configured) {
        res
          .status(409)
          .json({ error: 'no_webhook', issues: ['Register a webhook with PUT /__sandbox/webhook'] });
        return;
      }
      store.sendIntentToReceive().then((result) => res.json(result), next);
    });
  });
}
