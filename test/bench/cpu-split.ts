// Where a benchmark's CPU goes: this process (the app), the sandbox process (the platform it stands in
// for) and every Postgres process. The machine's cores are shared by all three, so the sum over the
// cores is the shortest time any schedule of this work could take here.
import { availableParallelism } from 'node:os';
import { readFileSync, readdirSync } from 'node:fs';

export interface CpuSplit {
  appCpuSeconds: number;
  postgresCpuSeconds: number | null;
  sandboxCpuSeconds: number;
  /** All three together, divided by the cores they share. */
  cpuBoundSeconds: number | null;
}

/** Clock ticks per second for /proc/<pid>/stat; 100 on every Linux this runs on. */
const TICKS_PER_SECOND = 100;

/** CPU seconds used so far by every process named `postgres`; null where there is no /proc. */
function postgresCpuSeconds(): Map<string, number> | null {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  const used = new Map<string, number>();
  for (const pid of pids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // gone since the listing
    }
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    if (name !== 'postgres') continue;
    // Fields after the name: state is the 1st, utime the 12th and stime the 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    used.set(pid, (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND);
  }
  return used;
}

const seconds = (micros: number) => micros / 1e6;
const round = (n: number) => Math.round(n * 100) / 100;

/**
 * Starts counting; the function returned stops and reports. `sandboxCpu` reads the sandbox process's
 * own total. A Postgres process that ends within the window is not counted (the pool's stay open).
 */
export async function startCpuSplit(sandboxCpu: () => Promise<number>): Promise<() => Promise<CpuSplit>> {
  const app = process.cpuUsage();
  const sandboxBefore = await sandboxCpu();
  const postgresBefore = postgresCpuSeconds();
  return async () => {
    const appUsed = process.cpuUsage(app);
    const sandboxCpuSeconds = (await sandboxCpu()) - sandboxBefore;
    const postgresAfter = postgresCpuSeconds();
    let postgres: number | null = null;
    if (postgresBefore !== null && postgresAfter !== null) {
      postgres = 0;
      for (const [pid, used] of postgresAfter) postgres += used - (postgresBefore.get(pid) ?? 0);
    }
    const appCpuSeconds = seconds(appUsed.user + appUsed.system);
    return {
      appCpuSeconds: round(appCpuSeconds),
      postgresCpuSeconds: postgres === null ? null : round(postgres),
      sandboxCpuSeconds: round(sandboxCpuSeconds),
      cpuBoundSeconds:
        postgres === null
          ? null
          : round((appCpuSeconds + postgres + sandboxCpuSeconds) / availableParallelism()),
    };
  };
}

/** The sandbox process's side: its CPU seconds so far. */
export function ownCpuSeconds(): number {
  const used = process.cpuUsage();
  return seconds(used.user + used.system);
}
