// Instant search over the catalog: every typed word must match a word of the entry (its name,
// department, description or admin keywords), exactly, as the start of a word, or with a typo;
// word order does not matter and synonyms count as the same word. Built once per catalog; each
// keystroke re-scans the vocabulary only for the word being typed.

export interface SearchField {
  text: string;
  /** How much a match here counts: names over keywords over descriptions. */
  weight: number;
}

export interface SearchDoc {
  fields: SearchField[];
}

/** The entries a word occurs in, and how much it counts in each (two flat arrays, for speed). */
interface Postings {
  docs: Uint32Array;
  weights: Float32Array;
}

export interface SearchIndex {
  size: number;
  postings: Map<string, Postings>;
  vocabulary: string[];
  /** word → the other words of its synonym groups */
  synonyms: Map<string, string[]>;
  /** query word → matching vocabulary words and how well they match; reused across keystrokes */
  cache: Map<string, [string, number][]>;
}

export interface Hit {
  doc: number;
  score: number;
}

const ASCII = /^[ -~\s]*$/;

/** Lower case without accents ("Café" → "cafe"); plain ASCII skips the costly normalisation. */
export function fold(text: string): string {
  return ASCII.test(text) ? text.toLowerCase() : text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

export function words(text: string): string[] {
  const folded = fold(text);
  return (ASCII.test(folded) ? folded.split(/[^a-z0-9]+/) : folded.split(/[^\p{L}\p{N}]+/u)).filter(Boolean);
}

export function buildIndex(docs: SearchDoc[], synonymGroups: string[][] = []): SearchIndex {
  const lists = new Map<string, number[]>(); // word → doc, weight, doc, weight, …
  const best = new Map<string, number>();
  docs.forEach((doc, id) => {
    best.clear();
    for (const field of doc.fields) for (const w of words(field.text)) best.set(w, Math.max(best.get(w) ?? 0, field.weight));
    for (const [w, weight] of best) {
      const list = lists.get(w);
      if (list) list.push(id, weight);
      else lists.set(w, [id, weight]);
    }
  });
  const postings = new Map<string, Postings>();
  for (const [w, list] of lists) {
    const n = list.length / 2;
    const p = { docs: new Uint32Array(n), weights: new Float32Array(n) };
    for (let k = 0; k < n; k++) {
      p.docs[k] = list[2 * k] as number;
      p.weights[k] = list[2 * k + 1] as number;
    }
    postings.set(w, p);
  }
  const synonyms = new Map<string, string[]>();
  for (const group of synonymGroups) {
    const folded = group.flatMap(words);
    for (const w of folded) synonyms.set(w, [...new Set([...(synonyms.get(w) ?? []), ...folded.filter((x) => x !== w)])]);
  }
  return { size: docs.length, postings, vocabulary: [...postings.keys()], synonyms, cache: new Map() };
}

/** Damerau-Levenshtein distance (adjacent swaps count once), giving up past `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1);
    row[0] = i;
    rows.push(row);
  }
  const first = rows[0] as number[];
  for (let j = 0; j <= b.length; j++) first[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] as number[];
    const up = rows[i - 1] as number[];
    let low = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (rows[i - 2] as number[])[j - 2] as number + 1);
      row[j] = d;
      if (d < low) low = d;
    }
    if (low > max) return max + 1;
  }
  return (rows[a.length] as number[])[b.length] as number;
}

/** How many typos a word of this length may carry. */
const allowance = (length: number) => (length >= 8 ? 2 : length >= 4 ? 1 : 0);

/** How well a typed word matches a word: exact 1, its start 0.85, with a typo less; 0 not at all. */
function quality(q: string, w: string, typos: number): number {
  if (w === q) return 1;
  if (w.startsWith(q)) return 0.85;
  if (typos === 0 || w.length < q.length - typos) return 0;
  if (editDistance(q, w, typos) <= typos) return 0.6;
  if (w.length > q.length && editDistance(q, w.slice(0, q.length), typos) <= typos) return 0.5;
  return 0;
}

/** Vocabulary words matching one typed word, with a quality from 1 (exact) down. */
function matchesOf(index: SearchIndex, q: string): [string, number][] {
  const cached = index.cache.get(q);
  if (cached) return cached;
  const typos = allowance(q.length);
  const found = new Map<string, number>();
  const add = (w: string, value: number) => {
    if ((found.get(w) ?? 0) < value) found.set(w, value);
  };
  for (const w of index.vocabulary) {
    const value = quality(q, w, typos);
    if (value > 0) add(w, value);
  }
  // A synonym of the typed word counts as the word itself, a little lower.
  for (const [word, mates] of index.synonyms) {
    const value = quality(q, word, typos);
    if (value === 0) continue;
    for (const mate of mates) for (const w of index.vocabulary) if (w === mate || w.startsWith(mate)) add(w, value * 0.9);
  }
  const result = [...found];
  if (index.cache.size > 500) index.cache.clear();
  index.cache.set(q, result);
  return result;
}

/** Entries matching every typed word, in catalog order with their scores (callers pick the best). */
export function search(index: SearchIndex, query: string): Hit[] {
  const typed = [...new Set(words(query))];
  if (typed.length === 0) return [];
  // Flat arrays instead of maps: the single-letter first keystroke touches every entry.
  const total = new Float64Array(index.size);
  const best = new Float64Array(index.size);
  const matched = new Uint8Array(index.size); // how many typed words each entry matched so far
  let candidates: number[] = [];
  typed.forEach((q, i) => {
    const touched: number[] = [];
    for (const [w, quality] of matchesOf(index, q)) {
      const p = index.postings.get(w);
      if (!p) continue;
      for (let k = 0; k < p.docs.length; k++) {
        const doc = p.docs[k] as number;
        if (matched[doc] !== i) continue;
        const score = quality * (p.weights[k] as number);
        const before = best[doc] as number;
        if (before === 0) touched.push(doc);
        if (before < score) best[doc] = score;
      }
    }
    for (const doc of touched) {
      matched[doc] = i + 1;
      total[doc] = (total[doc] as number) + (best[doc] as number);
      best[doc] = 0;
    }
    candidates = touched;
  });
  return Array.from(Uint32Array.from(candidates).sort(), (doc) => ({ doc, score: total[doc] as number }));
}
