// The popup's first frame as plain data: what the home view shows with nothing typed, kept
// under one storage key so a tiny script can paint it before React has loaded. Written by the
// popup after it rendered (stores/first-frame.ts), read once on the next open
// (lib/platform/first-frame.ts), painted by entrypoints/popup/paint.ts.
import { compileGlob } from '../settings/glob';
import { MAX_ROWS, type HomeRow } from './rows';

export const FIRST_FRAME_VERSION = 1;

/** An unfinished draft as the home view lists it, with the page it was started on (its key). */
export interface FirstFrameDraft {
  key: string;
  department: string;
  subject: string;
  /** The draft's page key ('' when unknown): a draft for the page being opened opens its form instead. */
  page: string;
  updatedAt: number;
}

export interface FirstFrame {
  v: typeof FIRST_FRAME_VERSION;
  /** The best MAX_ROWS rows with nothing typed and no page rule (history, then catalog order). */
  rows: HomeRow[];
  /** How many forms there are in all. */
  total: number;
  /** The rows that page rules point at, in the same order as above (not only the best MAX_ROWS). */
  ruleRows: HomeRow[];
  /** Page rules: address glob → the row's key. */
  rules: { url: string; key: string }[];
  drafts: FirstFrameDraft[];
  /** The "My requests (n)" count and its dot. */
  openCount: number;
  marked: boolean;
  /** The words the frame shows, by message key, in the popup's language. */
  labels: Record<string, string>;
}

/** The page key a draft would carry, as far as it can be known without the redaction rules. */
const bare = (url: string | undefined) => (url ?? '').replace(/#.*$/, '');

/**
 * Whether the first frame shows what React will show: not when a draft for this page opens
 * its form at once. (A page whose address loses a secret to redaction is not recognised here:
 * that draft's form then appears when React starts, as it did before.)
 */
export function paintable(frame: FirstFrame, pageUrl: string | undefined): boolean {
  const page = bare(pageUrl);
  return !frame.drafts.some((d) => d.page === page);
}

/**
 * Whether what the frame shows depends on the page the popup opens on (a page rule may put
 * its form first, a draft for the page opens its form instead): the frame is then painted
 * once the page's address is known, else at once.
 */
export function needsPage(frame: FirstFrame): boolean {
  return frame.rules.length > 0 || frame.drafts.length > 0;
}

/**
 * The rows for this page with nothing typed, ordered as rank() orders them: the forms this
 * page's rules point at first (reason "rule"), then the rest, at most MAX_ROWS.
 */
export function firstRows(frame: FirstFrame, pageUrl: string | undefined): HomeRow[] {
  const page = bare(pageUrl);
  const matched = new Set(page ? frame.rules.filter((r) => compileGlob(r.url)(page)).map((r) => r.key) : []);
  if (matched.size === 0) return frame.rows.slice(0, MAX_ROWS);
  const top = frame.ruleRows.filter((r) => matched.has(r.key)).map((r) => ({ ...r, reason: 'rule' as const }));
  return [...top, ...frame.rows.filter((r) => !matched.has(r.key))].slice(0, MAX_ROWS);
}

/** Where a draft was started, as the home view says it: the other page's host. */
export function hostOf(page: string | undefined): string {
  try {
    return page ? new URL(page).host || page : '';
  } catch {
    return page ?? '';
  }
}

/** A stored value is used only when it has this version's shape; anything else is ignored. */
export function isFirstFrame(value: unknown): value is FirstFrame {
  const f = value as FirstFrame | null;
  return (
    typeof f === 'object' &&
    f !== null &&
    f.v === FIRST_FRAME_VERSION &&
    Array.isArray(f.rows) &&
    Array.isArray(f.ruleRows) &&
    Array.isArray(f.rules) &&
    Array.isArray(f.drafts) &&
    typeof f.total === 'number' &&
    typeof f.labels === 'object' &&
    f.labels !== null &&
    typeof f.openCount === 'number'
  );
}
