// A collection's records in Xero's default list order (UpdatedDateUTC, then id), kept between
// requests so that paging through 100,000 invoices does not sort them on every call.
//
// Changes move UpdatedDateUTC in place, so the cached order is checked before use: one pass over the
// array, far cheaper than a sort. When a change broke the order, the array is re-sorted; the engine's
// sort (TimSort) is close to linear on an array that is almost in order, which it is after a few
// changes. Records are only ever added to a collection, never replaced, so an unchanged size means
// the same records.
export interface Ordered {
  id: string;
  updatedAt: number;
}

export function compareUpdated(a: Ordered, b: Ordered): number {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt - b.updatedAt;
  if (a.id === b.id) return 0;
  return a.id < b.id ? -1 : 1;
}

export class UpdatedOrder<R extends Ordered> {
  private sorted: R[] = [];

  constructor(private readonly source: ReadonlyMap<string, R>) {}

  records(): readonly R[] {
    if (this.sorted.length !== this.source.size) {
      this.sorted = [...this.source.values()];
      this.sorted.sort(compareUpdated);
    } else if (!inOrder(this.sorted)) {
      this.sorted.sort(compareUpdated);
    }
    return this.sorted;
  }
}

function inOrder(records: readonly Ordered[]): boolean {
  for (let i = 1; i < records.length; i++) {
    const previous = records[i - 1];
    const current = records[i];
    if (previous && current && compareUpdated(previous, current) > 0) return false;
  }
  return true;
}

/** The first position whose record changed at or after `since`. */
export function firstUpdatedSince(records: readonly Ordered[], since: number): number {
  let low = 0;
  let high = records.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((records[middle]?.updatedAt ?? Infinity) < since) low = middle + 1;
    else high = middle;
  }
  return low;
}
