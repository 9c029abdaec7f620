// Pieces both sandboxes' book generators use: checking a size they were asked for, and drawing the
// owners of invoices by weight.
import type { Rng } from './prng';

/** The value, when it is a whole number ≥ 0; otherwise a RangeError naming it. */
export function whole(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a whole number ≥ 0`);
  return value;
}

/** Picks by weight in O(log n), so that 100,000 picks among 10,000 customers stay cheap. */
export function weightedPicker<T>(rng: Rng, items: readonly T[], weight: (item: T) => number): () => T {
  const cumulative = new Float64Array(items.length);
  let total = 0;
  items.forEach((item, i) => {
    total += weight(item);
    cumulative[i] = total;
  });
  return () => {
    const roll = rng.next() * total;
    let low = 0;
    let high = items.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((cumulative[middle] ?? 0) <= roll) low = middle + 1;
      else high = middle;
    }
    const picked = items[low];
    if (picked === undefined) throw new Error('There is nothing to pick from');
    return picked;
  };
}
