// Which form goes on top: the administrator's rule for this page beats the words typed, the
// words typed beat the user's own history, and ties keep the catalog's order.
import { compileGlob } from '../settings/glob';
import type { Routing } from './routing/route';
import type { RouteReason, RoutingModel, UserRouting } from './routing/types';
import { search } from './search';
import { findEntry, type CatalogEntry, type CatalogView } from './view';

/** The user's own choices: entry key → how often, and when last. */
export type History = Record<string, { count: number; last: number }>;

export type Reason = 'rule' | 'recent' | 'frequent';

export interface Suggestion {
  entry: CatalogEntry;
  /** Why it is on top, in a few words; none for the plain catalog order. */
  reason?: Reason;
  /** Values the rule for this page fills in, by field label or id (resolved when the fields are known). */
  prefill?: Record<string, string>;
  /** The typed word that routed here, for the chip ("matches 'door'"); only with routing loaded. */
  matched?: RouteReason;
}

export const RECENT_MS = 14 * 24 * 60 * 60 * 1000;
const FREQUENT = 3;

/** `*` is any run of characters; everything else is literal. Case-insensitive; linear in the address. */
export function globMatches(glob: string, url: string): boolean {
  return compileGlob(glob)(url);
}

function ruleMatches(view: CatalogView, pageUrl: string | undefined): Map<string, Suggestion> {
  const out = new Map<string, Suggestion>();
  if (!pageUrl) return out;
  const page = pageUrl.replace(/#.*$/, '');
  for (const rule of view.rules) {
    if (!globMatches(rule.url, page)) continue;
    const entry = findEntry(view, rule);
    if (entry && !out.has(entry.key)) out.set(entry.key, { entry, reason: 'rule', ...(rule.fields ? { prefill: rule.fields } : {}) });
  }
  return out;
}

function historyScore(h: History[string] | undefined, now: number): number {
  if (!h) return 0;
  const recent = now - h.last < RECENT_MS;
  return (recent ? 1000 : 0) + Math.min(h.count, 999);
}

function historyReason(h: History[string] | undefined, now: number): Reason | undefined {
  if (!h) return undefined;
  if (now - h.last < RECENT_MS) return 'recent';
  return h.count >= FREQUENT ? 'frequent' : undefined;
}

export interface RankInput {
  query: string;
  pageUrl?: string;
  history: History;
  now: number;
  /** Only the best this many are ordered and returned; `total` still counts all. */
  limit?: number;
  /** Routing from plain words once loaded (routing/index.ts `loadRouting`), with the desk's learned model and the user's own requests. */
  routing?: { router: Routing; model?: RoutingModel; user?: UserRouting };
}

export interface Ranked {
  suggestions: Suggestion[];
  /** How many entries qualify (all of them with no words typed). */
  total: number;
}

/**
 * The `k` smallest items by `compare`, in order, without sorting everything: with thousands
 * of matches for a first letter, most are turned away by one comparison with the k-th.
 */
export function topK<T>(items: readonly T[], k: number, compare: (a: T, b: T) => number): T[] {
  if (items.length <= k * 2) return [...items].sort(compare).slice(0, k);
  const kept: T[] = [];
  for (const item of items) {
    if (kept.length === k && compare(item, kept[k - 1] as T) >= 0) continue;
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compare(item, kept[mid] as T) < 0) hi = mid;
      else lo = mid + 1;
    }
    kept.splice(lo, 0, item);
    if (kept.length > k) kept.pop();
  }
  return kept;
}

/**
 * The catalog in the order to show it. With no words typed: rule matches, then the user's
 * recent and frequent forms, then the rest. With words: only entries matching all of them,
 * rule matches first, then by how well they match, history breaking ties. With routing loaded,
 * entries a sentence points to count as matching too (not every word has to match), scored by
 * both.
 */
export function rank(view: CatalogView, input: RankInput): Ranked {
  const rules = ruleMatches(view, input.pageUrl);
  const tier = (e: CatalogEntry) => (rules.has(e.key) ? 1 : 0);
  const past = (e: CatalogEntry) => historyScore(input.history[e.key], input.now);
  const suggestion = (entry: CatalogEntry): Suggestion =>
    rules.get(entry.key) ?? { entry, reason: historyReason(input.history[entry.key], input.now) };
  const limit = input.limit ?? Infinity;

  // Each candidate's sort keys are worked out once; ties keep the catalog's order (i).
  const candidate = (i: number, score: number) => {
    const entry = view.entries[i] as CatalogEntry;
    return { i, score, entry, tier: rules.size > 0 ? tier(entry) : 0, past: past(entry) };
  };
  const typed = input.query.trim() !== '';
  // While routing's index is still being built in idle time, a keystroke is ranked by search alone.
  const routing = input.routing && !input.routing.router.pending(view.entries) ? input.routing : undefined;
  if (typed && routing) return rankRouted(view, input, routeScores(view, input.query, routing), suggestion, rules.size > 0 ? tier : undefined, past);
  const candidates = !typed ? view.entries.map((_, i) => candidate(i, 0)) : search(view.index, input.query).map((hit) => candidate(hit.doc, hit.score));
  const compare = (a: (typeof candidates)[number], b: (typeof candidates)[number]) =>
    b.tier - a.tier || b.score - a.score || b.past - a.past || a.i - b.i;
  const best = Number.isFinite(limit) ? topK(candidates, limit, compare) : [...candidates].sort(compare);
  return { suggestions: best.map((c) => suggestion(c.entry)), total: candidates.length };
}

// One strong routing word for a form counts about as much as a typed word found in its name.
const ROUTE_WEIGHT = 3;
// Routed forms far below the best are left out, as forms matching no typed word are.
const ROUTE_FLOOR = 0.25;

function routeScores(view: CatalogView, query: string, routing: NonNullable<RankInput['routing']>) {
  const options = { model: routing.model, user: routing.user, synonyms: view.index.synonyms };
  const { scores, signals } = routing.router.score(query, view.entries, options);
  return { scores, reason: (i: number) => routing.router.reason(signals, view.entries, i, options) };
}

// One score per entry for a keystroke with routing, kept with the view and zeroed after use:
// per-keystroke arrays of thousands of numbers would keep the garbage collector busy.
const scratches = new WeakMap<CatalogView, Float64Array>();
function scratchOf(view: CatalogView): Float64Array {
  let scratch = scratches.get(view);
  if (!scratch || scratch.length !== view.entries.length) scratches.set(view, (scratch = new Float64Array(view.entries.length)));
  return scratch;
}

/**
 * Words typed with routing loaded: search hits (every word matched) and routed entries, each
 * scored by both. Per keystroke over thousands of forms, so scores stay in one flat array and
 * only the entries that can reach the top get their tier and history looked up.
 */
function rankRouted(
  view: CatalogView,
  input: RankInput,
  routed: ReturnType<typeof routeScores>,
  suggestion: (entry: CatalogEntry) => Suggestion,
  tier: ((e: CatalogEntry) => number) | undefined,
  past: (e: CatalogEntry) => number,
): Ranked {
  const n = view.entries.length;
  const score = scratchOf(view);
  const members: number[] = [];
  let top = 0;
  for (let i = 0; i < n; i++) if ((routed.scores[i] as number) > top) top = routed.scores[i] as number;
  const floor = top * ROUTE_FLOOR;
  for (let i = 0; i < n; i++) {
    const s = routed.scores[i] as number;
    if (s > 0 && s >= floor) {
      score[i] = ROUTE_WEIGHT * s;
      members.push(i);
    }
  }
  for (const hit of search(view.index, input.query)) {
    if (score[hit.doc] === 0) members.push(hit.doc);
    score[hit.doc] = hit.score + ROUTE_WEIGHT * (routed.scores[hit.doc] as number);
  }
  // History is looked up only for entries compared on it (ties), once each.
  const known = new Map<number, number>();
  const pastOf = Object.keys(input.history).length === 0 ? () => 0 : (i: number) => known.get(i) ?? (known.set(i, past(view.entries[i] as CatalogEntry)), known.get(i) as number);
  const tierOf = tier ? (i: number) => tier(view.entries[i] as CatalogEntry) : () => 0;
  const compare = (a: number, b: number) => tierOf(b) - tierOf(a) || (score[b] as number) - (score[a] as number) || pastOf(b) - pastOf(a) || a - b;
  const limit = input.limit ?? Infinity;
  const best = Number.isFinite(limit) ? topK(members, limit, compare) : [...members].sort(compare);
  for (const i of members) score[i] = 0;
  return {
    suggestions: best.map((i) => {
      const entry = view.entries[i] as CatalogEntry;
      const matched = (routed.scores[i] as number) > 0 ? routed.reason(i) : undefined;
      return matched ? { ...suggestion(entry), matched } : suggestion(entry);
    }),
    total: members.length,
  };
}

/** A form chosen (sent to, or kept in the outbox for): counted for next time. */
export function remember(history: History, key: string, now: number): History {
  const h = history[key];
  return { ...history, [key]: { count: (h?.count ?? 0) + 1, last: now } };
}
