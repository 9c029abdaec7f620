// GET /connections and DELETE /connections/{id}: which organisations the token's user has connected
// to this app, and disconnecting one. Bearer token only; no tenant header.
import { Router } from 'express';
import { grantOf, requireBearer } from './api-auth';
import type { Connection } from './grants';
import { queryParam } from './listing';
import { sendNotFound } from './responses';
import type { SandboxStore } from './store';
import { connectionStamp } from './xero-dates';

function present(connection: Connection) {
  return {
    id: connection.id,
    authEventId: connection.authEventId,
    tenantId: connection.tenantId,
    tenantType: 'ORGANISATION',
    tenantName: connection.tenantName,
    createdDateUtc: connectionStamp(connection.createdAt),
    updatedDateUtc: connectionStamp(connection.updatedAt),
  };
}

export function connectionsRouter(store: SandboxStore): Router {
  const router = Router();
  const { authority } = store;

  router.get(
    '/',
    (_req, _res, next) => {
      store.count('GET /connections');
      next();
    },
    requireBearer(authority),
    (req, res) => {
      const authEventId = queryParam(req, 'authEventId');
      const connections = authority
        .connectionsOf(grantOf(req))
        .filter((c) => !authEventId || c.authEventId === authEventId.toLowerCase());
      res.json(connections.map(present));
    },
  );

  router.delete(
    '/:id',
    (_req, _res, next) => {
      store.count('DELETE /connections/{id}');
      next();
    },
    requireBearer(authority),
    (req, res) => {
      if (!authority.deleteConnection(grantOf(req), String(req.params.id).toLowerCase())) {
        sendNotFound(res);
        return;
      }
      res.status(204).end();
    },
  );

  return router;
}
