// A collection's records in Xero's default list order (UpdatedDateUTC, then id), kept between
// requests so that paging through 100,000 invoices does not sort them on every call, and the views
// of it that list requests ask for (`where=Type=="ACCREC"`, `Statuses=…`), kept so that each page of
// a sync does not filter 100,000 records again to count the matches and find its thousand.
//
// Both hold while the books' revision (store.ts: it moves with every change, see books.ts) stays put.
// Changes move UpdatedDateUTC in place, so after one the cached order is checked before use: one pass
// over the array, far cheaper than a sort; when a change broke the order, the array is re-sorted (the
// engine's sort, TimSort, is close to linear on an array that is almost in order, which it is after a
// few changes). Records are only ever added to a collection, never replaced, so an unchanged size
// means the same records.
export interface Ordered {
  id: string;
  updatedAt: number;
}

export function compareUpdated(a: Ordered, b: Ordered): number {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt - b.updatedAt;
  if (a.id === b.id) return 0;
  return a.id < b.id ? -1 : 1;
}

/**
 * Views kept per collection. A sync pages through one or two; a few more cover the IDs batches of a
 * refetch between its pages. Each holds references only (8 bytes a record).
 */
const MAX_VIEWS = 8;

export class UpdatedOrder<R extends Ordered> {
  private sorted: R[] = [];
  /** The books' revision when `sorted` and `views` were last known good; -1 before the first use. */
  private checkedAt = -1;
  /** By key, least recently used first. */
  private readonly views = new Map<string, readonly R[]>();

  constructor(
    private readonly source: ReadonlyMap<string, R>,
    private readonly revision: () => number,
  ) {}

  records(): readonly R[] {
    const revision = this.revision();
    if (revision === this.checkedAt && this.sorted.length === this.source.size) return this.sorted;
    if (this.sorted.length !== this.source.size) {
      this.sorted = [...this.source.values()];
      this.sorted.sort(compareUpdated);
    } else if (!inOrder(this.sorted)) {
      this.sorted.sort(compareUpdated);
    }
    this.views.clear();
    this.checkedAt = revision;
    return this.sorted;
  }

  /**
   * The records `build` picks from the ordered collection, built once per revision for each `key`
   * (which must name everything `build` depends on).
   */
  view(key: string, build: (records: readonly R[]) => readonly R[]): readonly R[] {
    const records = this.records();
    const known = this.views.get(key);
    if (known) {
      this.views.delete(key);
      this.views.set(key, known);
      return known;
    }
    const built = build(records);
    this.views.set(key, built);
    if (this.views.size > MAX_VIEWS) {
      const oldest = this.views.keys().next();
      if (!oldest.done) this.views.delete(oldest.value);
    }
    return built;
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
