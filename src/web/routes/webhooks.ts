// Webhook endpoints. The signature is checked over the exact bytes received, so the raw body is read
// here before any parser can touch it; the answer goes back at once and the work is queued.
import express, { Router } from 'express';
import { isConnectorError } from '../../../connectors/shared/errors';
import type { Platform } from '../../../connectors/types';
import { enqueue, type Queues } from '../../../jobs/queues';
import type { AppContext } from '../../services/context';
import { receiveWebhook } from '../../services/webhooks/receive';

export function webhookRoutes(ctx: AppContext, queues: Queues): Router {
  const router = Router();
  for (const platform of Object.keys(ctx.connectors) as Platform[]) {
    router.post(
      `/webhooks/${platform}`,
      express.raw({ type: () => true, limit: '1mb' }),
      async (req, res) => {
        const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        try {
          const outcome = await receiveWebhook(ctx, platform, body, req.headers);
          if (outcome.status === 'unauthorised') {
            res.status(401).end();
            return;
          }
          for (const connectionId of outcome.connectionIds) {
            await enqueue(queues, 'refetch', { connectionId }, connectionId, { delayMs: 1_000 });
          }
          res.status(200).end();
        } catch (err) {
          if (isConnectorError(err, 'malformed_payload')) {
            res.status(400).type('text/plain').send(err.message);
            return;
          }
          throw err;
        }
      },
    );
  }
  return router;
}
