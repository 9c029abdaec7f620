// The sandbox's own control endpoints, under a path Intuit does not have, with the Xero sandbox's
// paths and bodies where the power is the same: queue faults, register the webhook endpoint, replay
// a delivery, change the limits; and, for QuickBooks, disconnect a company, pick the next consent's
// identity, and switch a company's online payments on or off. No authentication: the sandbox is a local development server.
import type { Response, Router } from 'express';
import { z } from 'zod';
import {
  controlRouter as sharedControlRouter,
  sharedLimitFields,
  webhookTargetFields,
} from '../../shared/sandbox/control-router';
import type { QuickBooksSandboxStore } from './store';

export { CONTROL_PATH } from '../../shared/sandbox/control-router';

const webhookBody = z.strictObject({
  ...webhookTargetFields,
  format: z.enum(['legacy', 'cloudevents']).optional(),
});

const limitsBody = z.union([
  z.boolean(),
  z.strictObject({
    ...sharedLimitFields,
  }),
]);

const onlinePaymentsBody = z.strictObject({ enabled: z.boolean(), realmId: z.string().optional() });

const identityBody = z.strictObject({
  email: z.email(),
  name: z.string().optional(),
  givenName: z.string().optional(),
  familyName: z.string().optional(),
  realmId: z.string().optional(),
});

export function controlRouter(store: QuickBooksSandboxStore): Router {
  /** A realmId the body names must be a company's; otherwise 400, and false. */
  const knownRealm = (realmId: string | undefined, res: Response): boolean => {
    if (realmId === undefined || store.companies.has(realmId)) return true;
    res.status(400).json({ error: 'invalid_request', issues: [`realmId: no company ${realmId}`] });
    return false;
  };
  return sharedControlRouter(store, { webhook: webhookBody, limits: limitsBody }, (router, parse) => {
    router.post('/connections/revoke', (req, res) => {
      const realmId = typeof req.query.realmId === 'string' ? req.query.realmId : undefined;
      store.revokeConnections(realmId);
      res.status(204).end();
    });
    router.put('/next-identity', (req, res) => {
      const identity = parse(identityBody, req.body, res);
      if (!identity || !knownRealm(identity.realmId, res)) return;
      store.useNextIdentity(identity);
      res.status(204).end();
    });
    router.put('/online-payments', (req, res) => {
      const setting = parse(onlinePaymentsBody, req.body, res);
      if (!setting || !knownRealm(setting.realmId, res)) return;
      store.company(setting.realmId).setOnlinePayments(setting.enabled);
      res.status(204).end();
    });
  });
}
