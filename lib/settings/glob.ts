// Rule globs over page addresses. A page controls its own address, so matching must not be
// able to backtrack: the glob is split on `*` and its literal pieces are found left to right,
// each search starting where the last one ended.

/** Longer addresses are matched on their first this many characters. */
export const MAX_MATCHED_URL = 8000;

/** `*` is any run of characters; everything else is literal. Case-insensitive. */
export function compileGlob(glob: string): (url: string) => boolean {
  const pieces = glob.toLowerCase().split('*');
  const first = pieces[0] as string;
  if (pieces.length === 1) return (url) => clip(url) === first;
  const last = pieces[pieces.length - 1] as string;
  const middle = pieces.slice(1, -1).filter(Boolean);
  return (url) => {
    const s = clip(url);
    // The first and last pieces are anchored, and may not overlap.
    if (s.length < first.length + last.length || !s.startsWith(first) || !s.endsWith(last)) return false;
    const end = s.length - last.length;
    let at = first.length;
    for (const piece of middle) {
      const found = s.indexOf(piece, at);
      if (found < 0 || found + piece.length > end) return false;
      at = found + piece.length;
    }
    return true;
  };
}

function clip(url: string): string {
  return (url.length > MAX_MATCHED_URL ? url.slice(0, MAX_MATCHED_URL) : url).toLowerCase();
}
