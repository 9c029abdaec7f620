// Liveness with substance: says whether Postgres and Redis answer.
import { Router } from 'express';
import { sql } from 'kysely';
import type { AppContext } from '../../services/context';

async function check(probe: () => Promise<unknown>): Promise<'ok' | 'down'> {
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2_000)),
    ]);
    return 'ok';
  } catch {
    return 'down';
  }
}

export function healthRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    const [postgres, redis] = await Promise.all([
      check(() => sql`select 1`.execute(ctx.db)),
      check(() => ctx.redis.ping()),
    ]);
    const ok = postgres === 'ok' && redis === 'ok';
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', postgres, redis });
  });
  return router;
}
