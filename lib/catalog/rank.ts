// Which form goes on top: the administrator's rule for this page beats the words typed, the
// words typed beat the user's own history, and ties keep the catalog's order.
import type { FieldValue } from '../desks/types';
import { search } from './search';
import { fieldValues, findEntry, type CatalogEntry, type CatalogView } from './view';

/** The user's own choices: entry key → how often, and when last. */
export type History = Record<string, { count: number; last: number }>;

export type Reason = 'rule' | 'recent' | 'frequent';

export interface Suggestion {
  entry: CatalogEntry;
  /** Why it is on top, in a few words; none for the plain catalog order. */
  reason?: Reason;
  /** Values the rule for this page fills in. */
  prefill?: Record<string, FieldValue>;
}

export const RECENT_MS = 14 * 24 * 60 * 60 * 1000;
const FREQUENT = 3;

/** `*` is any run of characters; everything else is literal. Case-insensitive. */
export function globMatches(glob: string, url: string): boolean {
  const source = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`, 'i').test(url);
}

function ruleMatches(view: CatalogView, pageUrl: string | undefined): Map<string, Suggestion> {
  const out = new Map<string, Suggestion>();
  if (!pageUrl) return out;
  const page = pageUrl.replace(/#.*$/, '');
  for (const rule of view.rules) {
    if (!globMatches(rule.url, page)) continue;
    const entry = findEntry(view, rule);
    if (entry && !out.has(entry.key)) out.set(entry.key, { entry, reason: 'rule', prefill: fieldValues(entry.form, rule.fields) });
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
}

/**
 * The catalog in the order to show it. With no words typed: rule matches, then the user's
 * recent and frequent forms, then the rest. With words: only entries matching all of them,
 * rule matches first, then by how well they match, history breaking ties.
 */
export function rank(view: CatalogView, input: RankInput): Suggestion[] {
  const rules = ruleMatches(view, input.pageUrl);
  const tier = (e: CatalogEntry) => (rules.has(e.key) ? 1 : 0);
  const past = (e: CatalogEntry) => historyScore(input.history[e.key], input.now);
  const suggestion = (entry: CatalogEntry): Suggestion =>
    rules.get(entry.key) ?? { entry, reason: historyReason(input.history[entry.key], input.now) };

  if (!input.query.trim()) {
    return view.entries
      .map((entry, i) => ({ entry, i }))
      .sort((a, b) => tier(b.entry) - tier(a.entry) || past(b.entry) - past(a.entry) || a.i - b.i)
      .map(({ entry }) => suggestion(entry));
  }
  return search(view.index, input.query)
    .map((hit) => ({ hit, entry: view.entries[hit.doc] as CatalogEntry }))
    .sort((a, b) => tier(b.entry) - tier(a.entry) || b.hit.score - a.hit.score || past(b.entry) - past(a.entry) || a.hit.doc - b.hit.doc)
    .map(({ entry }) => suggestion(entry));
}

/** A form chosen (sent to, or kept in the outbox for): counted for next time. */
export function remember(history: History, key: string, now: number): History {
  const h = history[key];
  return { ...history, [key]: { count: (h?.count ?? 0) + 1, last: now } };
}
