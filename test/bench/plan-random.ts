// A small seeded random source for generating benchmark input, so that the same --seed plans exactly
// the same invoices run after run (Math.random cannot be seeded). sfc32: fast, and good enough for
// spreading ages and amounts; nothing here needs cryptographic quality.
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** Independent streams per (seed, stream): one organisation's data does not depend on another's. */
  constructor(seed: number, stream = 0) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = (seed ^ Math.imul(stream + 1, 0x85ebca6b)) >>> 0;
    for (let i = 0; i < 15; i++) this.next();
  }

  /** In [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** A whole number in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError('Cannot pick from an empty list');
    return item;
  }

  /** One of `choices`, each as likely as its weight. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, weight] of choices) total += weight;
    let roll = this.next() * total;
    for (const [value, weight] of choices) {
      roll -= weight;
      if (roll < 0) return value;
    }
    const last = choices[choices.length - 1];
    if (!last) throw new RangeError('Cannot pick from an empty list');
    return last[0];
  }

  /** Roughly log-normal around 1: most sizes near the middle, a few several times larger. */
  skewed(spread: number): number {
    const gaussian = (this.next() + this.next() + this.next() - 1.5) * 2;
    return Math.exp(gaussian * spread);
  }

  /** Shaped like the UUIDs the database hands out, so ids hash and compare at their real length. */
  uuid(): string {
    let hex = '';
    for (let i = 0; i < 4; i++) hex += ((this.next() * 4294967296) >>> 0).toString(16).padStart(8, '0');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
  }
}

/** `total` split in proportion to `weights`, every share at least `floor`, the shares adding up exactly. */
export function split(total: number, weights: readonly number[], floor = 0): number[] {
  const spare = total - floor * weights.length;
  if (spare < 0) throw new RangeError(`Cannot give ${weights.length} shares at least ${floor} of ${total}`);
  const sum = weights.reduce((s, w) => s + w, 0);
  const shares = weights.map((w) => floor + Math.floor((spare * w) / sum));
  let left = total - shares.reduce((s, n) => s + n, 0);
  for (let i = 0; left > 0; i = (i + 1) % shares.length, left--) shares[i] = (shares[i] ?? 0) + 1;
  return shares;
}
