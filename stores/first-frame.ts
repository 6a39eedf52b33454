// What the next popup's first frame shows (lib/catalog/first-frame.ts), derived from this
// popup's state after it rendered: the home rows with nothing typed and no page, the rows page
// rules point at, the unfinished drafts and the "My requests" count.
import { FIRST_FRAME_VERSION, type FirstFrame } from '@/lib/catalog/first-frame';
import { findEntry, type CatalogView } from '@/lib/catalog/view';
import { rank, type History } from '@/lib/catalog/rank';
import { MAX_ROWS } from '@/lib/catalog/rows';
import type { Catalog } from '@/lib/domain';
import { t, type MessageKey } from '@/lib/i18n';
import { draftKey, type Draft } from '@/lib/requests/draft';
import { badgeOf, openCount, type TrackedRequest } from '@/lib/tracking/snapshot';
import { homeRows } from './home';
import { departmentOf } from './popup';

/** Every word entrypoints/popup/paint.ts shows. */
export const FIRST_FRAME_LABELS = [
  'home.title', 'home.search.label', 'home.search.placeholder', 'home.refreshing', 'home.suggested', 'home.departments',
  'home.forms', 'home.drafts', 'home.drafts.untitled', 'home.drafts.meta', 'home.empty', 'home.more',
  'home.reason.rule', 'home.reason.recent', 'home.reason.frequent', 'card.firstResponse', 'card.closed',
  'nav.label', 'nav.new', 'nav.requests', 'nav.requestsCount', 'nav.settings', 'requests.unseen',
  'time.now', 'time.minutes', 'time.hours', 'time.days',
] as const satisfies readonly MessageKey[];

export interface FirstFrameInput {
  view: CatalogView;
  catalog: Catalog;
  history: History;
  drafts: Draft[];
  tracked: TrackedRequest[];
  now: number;
}

export function buildFirstFrame({ view, catalog, history, drafts, tracked, now }: FirstFrameInput): FirstFrame {
  // Every entry in order once (no page, nothing typed): the rows, and where rule targets stand.
  const all = rank(view, { query: '', history, now });
  const rules = view.rules.flatMap((rule) => {
    const entry = findEntry(view, rule);
    return entry ? [{ url: rule.url, key: entry.key }] : [];
  });
  const targets = new Set(rules.map((r) => r.key));
  const badge = badgeOf(tracked);
  return {
    v: FIRST_FRAME_VERSION,
    rows: homeRows({ suggestions: all.suggestions.slice(0, MAX_ROWS), total: all.total }, now),
    total: all.total,
    ruleRows: homeRows({ suggestions: all.suggestions.filter((s) => targets.has(s.entry.key)), total: 0 }, now),
    rules,
    drafts: drafts.map((d) => ({
      key: draftKey(d),
      department: departmentOf(catalog, d)?.name ?? '',
      subject: d.subject,
      page: d.page ?? '',
      updatedAt: d.updatedAt,
    })),
    openCount: openCount(tracked),
    marked: badge.marked,
    // Unfilled templates: the frame fills in counts and times when it is painted.
    labels: Object.fromEntries(FIRST_FRAME_LABELS.map((key) => [key, t(key)])),
  };
}
