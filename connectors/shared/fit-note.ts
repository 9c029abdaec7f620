// A note fitted into a platform's limit, keeping as much of what was written as it allows.

const ELLIPSIS = '…';
/** How far back from the cut a word boundary is still worth keeping. */
const WORD_BOUNDARY_REACH = 30;

/**
 * Fits a note into `max` characters (UTF-16 units, as the platforms count): as written if it fits, then with
 * runs of white space collapsed, and only as a last resort cut at a word boundary with an ellipsis.
 */
export function fitToLength(text: string, max: number): string {
  const trimmed = text.trim();
  if (trimmed.length <= max) return trimmed;
  const collapsed = trimmed.replace(/\s+/g, ' ');
  if (collapsed.length <= max) return collapsed;

  let cut = max - ELLIPSIS.length;
  // Never split a surrogate pair: half an emoji is not a character.
  const code = collapsed.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  const space = collapsed.lastIndexOf(' ', cut);
  if (space > 0 && cut - space <= WORD_BOUNDARY_REACH) cut = space;
  return `${collapsed.slice(0, cut).trimEnd()}${ELLIPSIS}`;
}
