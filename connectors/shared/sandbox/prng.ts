// A tiny seeded generator (mulberry32). The demo organisation is drawn from it alone, so one seed
// always yields the same organisation, ids included, on every machine.

export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both ends included. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** A shuffled copy. */
  shuffle<T>(items: readonly T[]): T[];
  /** A version 4 UUID built from the stream. */
  uuid(): string;
  /** Lowercase hex digits. */
  hex(length: number): string;
}

const HEX_CODES = [...'0123456789abcdef'].map((c) => c.charCodeAt(0));
const DASH = '-'.charCodeAt(0);

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const nextUint32 = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const next = (): number => nextUint32() / 4294967296;
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const hex = (length: number): string => {
    let out = '';
    while (out.length < length) out += nextUint32().toString(16).padStart(8, '0');
    return out.slice(0, length);
  };
  return {
    next,
    int,
    chance: (probability) => next() < probability,
    pick<T>(items: readonly T[]): T {
      const item = items[int(0, items.length - 1)];
      if (item === undefined) throw new RangeError('Cannot pick from an empty list');
      return item;
    },
    shuffle<T>(items: readonly T[]): T[] {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = int(0, i);
        const a = copy[i] as T;
        copy[i] = copy[j] as T;
        copy[j] = a;
      }
      return copy;
    },
    uuid(): string {
      // The 32 hex digits of four draws, version 4 and the RFC 4122 variant set, dashes in place.
      // Written as character codes and made into one flat string at once: a large generated
      // organisation holds hundreds of thousands of ids, and this is its hottest loop.
      const codes: number[] = [];
      for (let word = 0; word < 4; word++) {
        const draw = nextUint32();
        for (let shift = 28; shift >= 0; shift -= 4) {
          if (codes.length === 8 || codes.length === 13 || codes.length === 18 || codes.length === 23) {
            codes.push(DASH);
          }
          codes.push(HEX_CODES[(draw >>> shift) & 15] ?? DASH);
        }
      }
      codes[14] = HEX_CODES[4] ?? DASH;
      codes[19] = HEX_CODES[(HEX_CODES.indexOf(codes[19] ?? 0) & 0x3) | 0x8] ?? DASH;
      return String.fromCharCode(...codes);
    },
    hex,
  };
}
