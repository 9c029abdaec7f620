// Benchmarks: `npm run bench -- <name> [--flags] [--json]`. Each prints its figures as a table, and with
// --json the same figures as one JSON object on the last line.
import { parseArgs } from './args';
import { planBench } from './plan';
import { syncBench } from './sync';

const BENCHMARKS: Record<string, (flags: Map<string, string>) => Promise<object>> = {
  sync: syncBench,
  plan: planBench,
};

async function main() {
  const { name, flags } = parseArgs(process.argv.slice(2));
  const bench = name ? BENCHMARKS[name] : undefined;
  if (!bench) {
    console.error(`Usage: npm run bench -- <${Object.keys(BENCHMARKS).join('|')}> [--json]`);
    process.exit(64);
  }
  const result = await bench(flags);
  for (const [key, value] of Object.entries(result)) console.log(`${key.padEnd(22)} ${value}`);
  if (flags.has('json')) console.log(JSON.stringify(result));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
