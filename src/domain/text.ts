// Small pieces of English shared by reasons, emails and notes.

/** "1 day", "8 days". */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${Math.abs(n) === 1 ? singular : plural}`;
}

/** "A", "A and B", "A, B and C". */
export function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The first `shown` items, then "and N more <noun>" so a long list stays readable. */
export function listWithMore(items: readonly string[], shown: number, noun: string): string {
  if (items.length <= shown) return joinAnd(items);
  return `${items.slice(0, shown).join(', ')} and ${count(items.length - shown, `more ${noun}`, `more ${noun}s`)}`;
}
