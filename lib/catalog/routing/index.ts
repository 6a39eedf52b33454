// Routing from plain words, for the popup: load the vocabulary and stemmers after the first
// frame (`loadRouting`), rank with them (`rank(view, { …, routing })` in ../rank), and learn
// from what the user files (`learnFromFiled`). Nothing here leaves the browser.
import type { CatalogEntry } from '../view';
import { pieces } from './text';
import { Routing, type RouteOptions } from './route';
import type { RouteReason, UserRouting } from './types';

export { Routing, type RouteOptions } from './route';
export type { RouteReason, RoutingModel, UserRouting, VocabularyData } from './types';
export { buildRoutingModel, type Example } from './learn';
export { compileVocabulary, type CompiledVocabulary } from './compile';

/** The vocabulary, stemmers and router, loaded together after the popup's first frame (./load). */
export { loadRouting } from './load';

export interface RoutedForm {
  entry: CatalogEntry;
  /** Position in the entries given. */
  index: number;
  score: number;
  reason?: RouteReason;
}

/** The forms a sentence points to, best first, each with the word that did most. */
export function routeSentence(routing: Routing, text: string, entries: readonly CatalogEntry[], options: RouteOptions & { limit?: number } = {}): RoutedForm[] {
  const { scores, signals } = routing.score(text, entries, options);
  const out: RoutedForm[] = [];
  scores.forEach((score, index) => {
    if (score > 0) out.push({ entry: entries[index] as CatalogEntry, index, score });
  });
  out.sort((a, b) => b.score - a.score || a.index - b.index);
  const best = out.slice(0, options.limit ?? 10);
  for (const r of best) r.reason = routing.reason(signals, entries, r.index, options);
  return best;
}

/** The chip's words in English ("matches 'door'"); the popup shows its locale's message with `reason.word`. */
export const reasonText = (reason: RouteReason) => `matches '${reason.word}'`;

const MAX_WORDS = 400;
const MAX_FORMS_PER_WORD = 8;
const MAX_WORDS_PER_REQUEST = 12;

/**
 * A request filed with the words typed before choosing its form: each word now counts towards
 * that form. Pure and synchronous (no vocabulary needed); kept small by dropping the least
 * used words. Digits and one-letter pieces are never kept.
 */
export function learnFromFiled(user: UserRouting | undefined, sentence: string, formKey: string): UserRouting {
  const words: UserRouting['words'] = { ...(user?.words ?? {}) };
  const typed = [...new Set(pieces(sentence).map((p) => p.toLowerCase()))].filter((w) => w.length > 2).slice(0, MAX_WORDS_PER_REQUEST);
  for (const word of typed) {
    const forms = { ...(words[word] ?? {}) };
    forms[formKey] = (forms[formKey] ?? 0) + 1;
    const kept = Object.entries(forms).sort((a, b) => b[1] - a[1]).slice(0, MAX_FORMS_PER_WORD);
    words[word] = Object.fromEntries(kept);
  }
  const total = (w: string) => Object.values(words[w] ?? {}).reduce((a, b) => a + b, 0);
  const all = Object.keys(words);
  if (all.length > MAX_WORDS) {
    // The words just typed stay; then the most used.
    const fresh = (w: string) => (typed.includes(w) ? 1 : 0);
    const keep = new Set(all.sort((a, b) => fresh(b) - fresh(a) || total(b) - total(a)).slice(0, MAX_WORDS));
    for (const w of Object.keys(words)) if (!keep.has(w)) delete words[w];
  }
  return { version: 1, words };
}
