// The crash test: the worker process is killed with SIGKILL at random moments while it sends reminders
// and posts notes, again and again, with real Postgres, Redis, SMTP and the Xero sandbox. Once a last
// worker has finished the work, nobody received an email twice, every email is in the contact log, and
// every logged contact left exactly one note on each of its invoices.
import { enqueue, QUEUE_NAMES } from '../../jobs/queues';
import { pendingActionIds } from '../../src/services/followups/pending-actions';
import { planConnection } from '../../src/services/followups/plan-connection';
import { syncConnection } from '../../src/services/sync/sync-connection';
import { compileCrashWorker, type CompiledWorker } from '../support/crash-bundle';
import { crashWorkerPool, startCrashWorker, workerEnvironment } from '../support/crash-children';
import { tally } from '../support/crash-tally';
import { WARM_UP_DOMAIN } from '../support/crash-warm-up';
import { watchKills } from '../support/crash-watch';
import { connectSandbox } from '../support/connect';
import { startHarness, type Harness } from '../support/harness';

const SEED = 20_261_125;
const KILLS = 100;
/**
 * How long after it is told to start a worker is killed. A warm worker takes its first jobs after about
 * a tenth of a second and the SMTP server answers a connection after another tenth (its greeting
 * delay), so up to 0.6 s covers the start, the platform reads, the SMTP conversations, the commits, the
 * second round of sends and the notes posted in between.
 */
const KILL_AFTER_MS = { min: 5, max: 600 };
/** Workers starting while one works: the next is ready the moment one is killed. */
const STANDBYS = 2;
// About 680 actions (610 emails) and 1,300 notes over the business days below: more than a hundred
// short lives get through, so every kill interrupts work.
const ORGANISATION = { invoices: 1000, openInvoices: 500, payments: 700, contacts: 400 };
const PLANNING_DAYS = [0, 5, 8, 12, 13];
const APP_NAME = 'Goodwill';

/** mulberry32: the same kill delays on every run (where they land is up to the machine). */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let h: Harness;
let compiled: CompiledWorker;
let pool: ReturnType<typeof crashWorkerPool> | undefined;

beforeAll(async () => {
  [h, compiled] = await Promise.all([
    startHarness({ sandbox: { organisation: { size: ORGANISATION } } }),
    compileCrashWorker(),
  ]);
}, 60_000);
afterAll(async () => {
  await pool?.killAll();
  await compiled.dispose();
  await h.close();
});

/** What the SMTP server took in, less each worker's warm-up email to itself. */
const customerEmails = () => h.sink.messages().filter((m) => !m.messageId.endsWith(`@${WARM_UP_DOMAIN}>`));
const notesOn = (invoiceId: string) =>
  h.sandbox.store
    .history(invoiceId)
    .filter((r) => r.Changes === 'Note' && r.User === APP_NAME)
    .map((r) => r.Details);

it('loses and doubles nothing when the worker is killed at random points of sending', async () => {
  const began = Date.now();
  const { ctx, queues } = h.runtime;
  const { connectionIds } = await connectSandbox(ctx);
  const connectionId = connectionIds[0]!;
  await syncConnection(ctx, connectionId);
  // Stages fall due on several business days; planning each of them now makes work for every kill.
  for (const days of PLANNING_DAYS) {
    await planConnection(
      { ...ctx, now: () => new Date(ctx.now().getTime() + days * 86_400_000) },
      connectionId,
    );
  }
  const actionsPlanned = (await pendingActionIds(ctx.db, connectionId)).length;
  const enqueueAll = async () => {
    for (const actionId of await pendingActionIds(ctx.db, connectionId))
      await enqueue(queues, 'send', { actionId }, actionId);
    await enqueue(queues, 'notes', { connectionId }, connectionId);
  };
  await enqueueAll();

  const settings = {
    redisPrefix: h.redisPrefix,
    clockOffsetMs: ctx.now().getTime() - Date.now(),
    lockDurationMs: 1_000,
    stalledIntervalMs: 500,
  };
  const environment = workerEnvironment(h.env);
  // A send cut off between its claim and its record is settled by asking whether the SMTP server holds
  // the message: the emails asked about, and those it held (sent once, recorded without a second copy).
  const asked = new Set<string>();
  const held = new Set<string>();
  const holds = (messageId: string) => {
    asked.add(messageId);
    if (h.sink.messages().some((m) => m.messageId === messageId)) held.add(messageId);
    return held.has(messageId);
  };
  pool = crashWorkerPool(() => startCrashWorker(compiled, settings, environment, holds), STANDBYS);
  const watch = watchKills(ctx.db, customerEmails, notesOn);
  const random = seeded(SEED);
  const killsBegan = Date.now();
  while (watch.figures.kills < KILLS) {
    const worker = await pool.next();
    worker.go();
    await sleep(KILL_AFTER_MS.min + random() * (KILL_AFTER_MS.max - KILL_AFTER_MS.min));
    await worker.kill();
    await watch.afterKill();
  }
  const killsTook = Date.now() - killsBegan;

  // The last worker lives: it takes back the jobs the killed ones held, and anything still pending is
  // asked for again, until no action is pending, no note unposted and no job waiting or running.
  const last = await pool.last();
  last.go();
  const settleBegan = Date.now();
  for (;;) {
    await enqueueAll();
    await sleep(250);
    const counts = await Promise.all(
      QUEUE_NAMES.map((name) => queues[name].getJobCounts('waiting', 'active', 'delayed', 'prioritized')),
    );
    const jobs = counts.flatMap((c) => Object.values(c)).reduce((sum, n) => sum + n, 0);
    if (jobs === 0 && !(await watch.workLeft())) break;
    if (Date.now() - settleBegan > 60_000) throw new Error('the last worker did not finish the work');
  }
  await last.stop();
  const settleTook = Date.now() - settleBegan;

  const figures = await tally(ctx.db, customerEmails(), notesOn);
  console.log(
    JSON.stringify({
      ...watch.figures,
      sendsCutOff: asked.size,
      sendsCutOffAfterAcceptance: held.size,
      actionsPlanned,
      ...figures,
      seconds: {
        total: Math.round((Date.now() - began) / 100) / 10,
        kills: Math.round(killsTook / 100) / 10,
        lastWorker: Math.round(settleTook / 100) / 10,
      },
    }),
  );

  expect(watch.figures.kills).toBeGreaterThanOrEqual(KILLS);
  expect(figures).toMatchObject({
    actionsLeftPending: 0,
    duplicateEmails: 0,
    lostLogEntries: 0,
    phantomLogEntries: 0,
    doubledLogEntries: 0,
    unpostedNotes: 0,
    missingNotes: 0,
    doubledNotes: 0,
  });
  expect(figures.emails).toBeGreaterThan(0);
  expect(figures.notes).toBe(figures.noteRows);
}, 300_000);
