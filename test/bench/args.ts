// Benchmark arguments: `--name value` or `--name=value` pairs after the benchmark's name.
export function parseArgs(argv: string[]): { name: string | undefined; flags: Map<string, string> } {
  const [name, ...rest] = argv;
  const flags = new Map<string, string>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? '';
    if (!arg.startsWith('--')) continue;
    const eq = arg.indexOf('=');
    if (eq > 0) flags.set(arg.slice(2, eq), arg.slice(eq + 1));
    else if (rest[i + 1] !== undefined && !rest[i + 1]!.startsWith('--')) flags.set(arg.slice(2), rest[++i]!);
    else flags.set(arg.slice(2), 'true');
  }
  return { name, flags };
}

export function intFlag(flags: Map<string, string>, name: string, fallback: number): number {
  const raw = flags.get(name);
  if (raw === undefined) return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isSafeInteger(value) || value < 0)
    throw new Error(`--${name} must be a whole number, not "${raw}"`);
  return value;
}
