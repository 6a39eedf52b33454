// Routing from plain words: what a sentence is about (concept evidence from its words) times
// what each form is for (the same concepts found in its name, department, keywords and
// descriptions), plus the words it shares with the form, plus a model learned from the
// desk's past requests and the user's own filed requests. Not every word has to match.
import type { CatalogEntry } from '../view';
import { editDistance, fold } from '../search';
import { Analyzer, routable, type Stemmers, type Token } from './text';
import { compileVocabulary, isCompiled, type CompiledVocabulary } from './compile';
import type { RouteReason, RoutingModel, UserRouting, VocabularyData } from './types';
import { IndexBuilder, type FormReader } from './form-index';
import { NAME_IN_FORM, WORD_IN_FORM, COMPOUND, TYPO, OVERLAP, modelValue, userValue, type Hit, type Phrase, type Signal, type RouteIndex } from './evidence';

/**
 * Resolves in a task of its own: the keystrokes queued meanwhile go in between (Chromium runs
 * input before other tasks; elsewhere they at least interleave). What the index's slices wait
 * for between them, rather than idle time, which a sentence typed fast leaves none of.
 */
export const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export class Routing implements FormReader {
  readonly concepts: string[];
  readonly roots: Int32Array;
  private readonly single = new Map<string, Hit[]>();
  /** Whole words of the vocabulary (not stems): what compounds are split into. */
  private readonly surface: ReadonlySet<string>;
  private readonly phrases = new Map<string, Phrase[]>();
  /** first letter + length → vocabulary keys, for typos (the first letter is rarely the wrong one) */
  private readonly byLength = new Map<string, string[]>();
  private readonly formEvidence = new Map<string, [number, number][]>();
  private readonly hitCache = new Map<string, Hit[]>();
  private readonly indexes = new WeakMap<readonly CatalogEntry[], RouteIndex>();
  private readonly building = new WeakMap<readonly CatalogEntry[], IndexBuilder>();
  private readonly sentenceEvidence = new Map<string, [number, number][]>();
  private readonly userIndexes = new WeakMap<UserRouting, Map<string, Map<string, number>>>();

  readonly analyzer: Analyzer;

  /**
   * From the compiled vocabulary (data/compiled.json, what `loadRouting` ships) or, for tools
   * and tests, from the vocabulary itself (compiled here, ~0.3 s).
   */
  constructor(data: VocabularyData | CompiledVocabulary, stemmers: Stemmers) {
    const compiled = isCompiled(data) ? data : compileVocabulary(data, stemmers);
    this.analyzer = new Analyzer(stemmers, new Set(compiled.stop));
    this.concepts = compiled.concepts;
    this.roots = Int32Array.from(compiled.roots);
    for (const [key, flat] of Object.entries(compiled.single)) {
      const hits: Hit[] = [];
      for (let k = 0; k < flat.length; k += 3) hits.push({ concept: flat[k] as number, weight: flat[k + 1] as number, name: flat[k + 2] === 1 });
      this.single.set(key, hits);
      const bucket = `${key[0]}${key.length}`;
      const list = this.byLength.get(bucket);
      if (list) list.push(key);
      else this.byLength.set(bucket, [key]);
    }
    this.surface = new Set(compiled.surface);
    for (const [key, list] of Object.entries(compiled.phrases)) {
      this.phrases.set(key, list.map(([rest, concept, weight, name]) => ({ rest, hit: { concept, weight, name: name === 1 } })));
    }
  }

  /** The concepts one word points to: as a whole, else as parts of a compound, else with a typo. */
  hits(token: Token): Hit[] {
    const id = token.keys[0] as string;
    const cached = this.hitCache.get(id);
    if (cached) return cached;
    const found = new Map<number, Hit>();
    const add = (hits: Hit[] | undefined, factor: number) => {
      for (const h of hits ?? []) {
        const before = found.get(h.concept);
        const weight = h.weight * factor;
        if (!before || before.weight < weight) found.set(h.concept, { ...h, weight, name: h.name || (before?.name ?? false) });
      }
    };
    for (const key of token.keys) add(this.single.get(key), 1);
    // German compounds: "Türschloss" is "Tür" + "Schloss"; the head (the end) and the modifier count.
    if (found.size === 0 && id.length >= 8) this.compound(id, (hits) => add(hits, COMPOUND));
    if (found.size === 0 && id.length >= 6) {
      const typos = id.length >= 9 ? 2 : 1;
      for (let len = id.length - typos; len <= id.length + typos; len++) {
        for (const key of this.byLength.get(`${id[0]}${len}`) ?? []) if (editDistance(id, key, typos) <= typos) add(this.single.get(key), TYPO);
      }
    }
    const hits = [...found.values()];
    if (this.hitCache.size > 20_000) this.hitCache.clear();
    this.hitCache.set(id, hits);
    return hits;
  }

  /** The longest known word the compound ends with (its head), and the longest it starts with; parts of 4+ letters. */
  private compound(word: string, use: (hits: Hit[] | undefined) => void) {
    for (let cut = 4; cut <= word.length - 4; cut++) {
      if (this.surface.has(word.slice(cut))) {
        use(this.single.get(word.slice(cut)));
        break;
      }
    }
    for (let cut = word.length - 4; cut >= 4; cut--) {
      const part = word.slice(0, cut);
      // German joins with an "s" (Urlaubs|antrag)
      const known = this.surface.has(part) ? part : part.endsWith('s') && this.surface.has(part.slice(0, -1)) ? part.slice(0, -1) : undefined;
      if (known) {
        use(this.single.get(known));
        break;
      }
    }
  }

  /** Hits spread over the departments a word points to: "contract" is half HR, half Legal. */
  private evidence(hits: Hit[], scale: number, inForm = false): [number, number][] {
    // In a form's own text a department's name says more than an everyday word for it.
    const weight = (h: Hit) => h.weight * (inForm ? (h.name ? NAME_IN_FORM : WORD_IN_FORM) : 1);
    const byRoot = new Map<number, number>();
    for (const h of hits) {
      const root = this.roots[h.concept] as number;
      byRoot.set(root, Math.max(byRoot.get(root) ?? 0, weight(h)));
    }
    // Shared in proportion: "laptop" is mostly IT, a little Security (a stolen laptop).
    let sum = 0;
    let top = 0;
    for (const w of byRoot.values()) {
      sum += w;
      top = Math.max(top, w);
    }
    const share = (scale * top) / (sum || 1);
    const out: [number, number][] = [...byRoot].map(([root, w]) => [root, w * share]);
    for (const h of hits) if (this.roots[h.concept] !== h.concept) out.push([h.concept, weight(h) * share]);
    return out;
  }

  /** What a word in a form's text says the form is for (per unit of field weight). */
  inForm(token: Token): [number, number][] {
    const id = token.keys[0] as string;
    let known = this.formEvidence.get(id);
    if (!known) {
      known = this.evidence(this.hits(token), 1, true);
      if (this.formEvidence.size > 20_000) this.formEvidence.clear();
      this.formEvidence.set(id, known);
    }
    return known;
  }

  /** What one word of a sentence says, worked out once per word. */
  private said(token: Token): [number, number][] {
    const id = token.keys[0] as string;
    let known = this.sentenceEvidence.get(id);
    if (!known) {
      known = this.evidence(this.hits(token), 1);
      if (this.sentenceEvidence.size > 20_000) this.sentenceEvidence.clear();
      this.sentenceEvidence.set(id, known);
    }
    return known;
  }

  get conceptCount(): number {
    return this.concepts.length;
  }

  hasPhrase(key: string): boolean {
    return this.phrases.has(key);
  }

  phrasesAt(tokens: Token[], i: number, each: (inside: Token[], evidence: [number, number][]) => void): void {
    const token = tokens[i] as Token;
    for (const key of token.keys) {
      for (const phrase of this.phrases.get(key) ?? []) {
        // Any order: "employment certificate" is a "certificate of employment".
        const others = phrase.rest.map((keys) => tokens.find((t, j) => j !== i && t.keys.some((k) => keys.includes(k))));
        if (others.some((t) => !t)) continue;
        each([token, ...(others as Token[])], (phrase.evidence ??= this.evidence([phrase.hit], 1)));
      }
    }
  }

  /** The sentence's words (3 letters or more), phrases and admin synonyms with their concept evidence. */
  signals(text: string, synonyms?: ReadonlyMap<string, readonly string[]>): Signal[] {
    const tokens = this.analyzer.tokens(text).filter((t) => routable(t.word));
    const out: Signal[] = tokens.map((token) => ({ token, evidence: this.said(token) }));
    const words = out.length;
    tokens.forEach((token, i) => {
      this.phrasesAt(tokens, i, (inside, evidence) => {
        // The phrase's words no longer count on their own for what the phrase says.
        for (const s of out.slice(0, words)) if (inside.includes(s.token)) s.evidence = s.evidence.filter(([c]) => !evidence.some(([d]) => d === c));
        out.push({ token: { word: inside.map((t) => t.word).join(' '), keys: [] }, evidence });
      });
      for (const mate of synonyms?.get(fold(token.word)) ?? []) {
        const keys = this.analyzer.keys(mate);
        out.push({ token: { word: token.word, keys }, evidence: this.evidence(this.hits({ word: mate, keys }), 1) });
      }
    });
    return out;
  }

  /** The catalog's routing index, built now if `prepare` has not finished it. */
  index(entries: readonly CatalogEntry[]): RouteIndex {
    const known = this.indexes.get(entries);
    if (known) return known;
    const builder = this.building.get(entries) ?? new IndexBuilder(this, entries);
    const index = builder.step() as RouteIndex;
    this.indexes.set(entries, index);
    return index;
  }

  /** Is the catalog's index still being built (so a keystroke should not wait for it)? */
  pending(entries: readonly CatalogEntry[]): boolean {
    return !this.indexes.has(entries) && this.building.has(entries);
  }

  /**
   * Builds the catalog's index a slice at a time: `slice` forms' worth of work (~`budgetMs`),
   * then waits for `idle` (the popup yields a task: keystrokes go between slices), until all
   * forms are in. A keystroke meanwhile is ranked by search alone (see `pending`); `index`
   * finishes it at once.
   */
  async prepare(entries: readonly CatalogEntry[], idle: () => Promise<void> = nextTask, budgetMs = 8): Promise<RouteIndex> {
    const known = this.indexes.get(entries);
    if (known) return known;
    const builder = this.building.get(entries) ?? new IndexBuilder(this, entries);
    this.building.set(entries, builder);
    try {
      for (;;) {
        const start = performance.now();
        const index = builder.step(() => performance.now() - start >= budgetMs);
        if (index) {
          if (!this.indexes.has(entries)) this.indexes.set(entries, index);
          return this.indexes.get(entries) as RouteIndex;
        }
        await idle();
        const done = this.indexes.get(entries);
        if (done) return done;
      }
    } finally {
      this.building.delete(entries);
    }
  }

  private userIndex(user: UserRouting): Map<string, Map<string, number>> {
    const known = this.userIndexes.get(user);
    if (known) return known;
    const out = new Map<string, Map<string, number>>();
    for (const [word, forms] of Object.entries(user.words)) {
      if (this.analyzer.isStop(word)) continue;
      for (const key of this.analyzer.keys(word)) {
        const counts = out.get(key) ?? new Map<string, number>();
        for (const [form, n] of Object.entries(forms)) counts.set(form, Math.max(counts.get(form) ?? 0, n));
        out.set(key, counts);
      }
    }
    this.userIndexes.set(user, out);
    return out;
  }

  /** Every entry's routing score for the sentence (0 for most), and the signals behind them. */
  score(text: string, entries: readonly CatalogEntry[], options: RouteOptions = {}): { scores: Float64Array; signals: Signal[] } {
    const index = this.index(entries);
    const scores = new Float64Array(entries.length);
    const signals = this.signals(text, options.synonyms);
    if (signals.length === 0) return { scores, signals };
    const evidence = new Float64Array(this.concepts.length);
    for (const s of signals) for (const [c, v] of s.evidence) evidence[c] = (evidence[c] as number) + v;
    evidence.forEach((v, c) => {
      if (v === 0) return;
      const p = index.concepts[c] as RouteIndex['concepts'][number];
      for (let k = 0; k < p.entries.length; k++) scores[p.entries[k] as number] = (scores[p.entries[k] as number] as number) + v * (p.affinity[k] as number);
    });
    // Words the form's own text holds, rarer words counting more.
    const n = entries.length;
    const best = index.scratch;
    for (const s of signals) {
      const touched: number[] = [];
      for (const key of s.token.keys) {
        const p = index.terms.get(key);
        if (!p) continue;
        const idf = Math.log(1 + n / p.entries.length) / Math.log(1 + n);
        for (let k = 0; k < p.entries.length; k++) {
          const e = p.entries[k] as number;
          const value = ((p.weights[k] as number) / 3) * idf;
          if (best[e] === 0) touched.push(e);
          if ((best[e] as number) < value) best[e] = value;
        }
      }
      for (const e of touched) {
        scores[e] = (scores[e] as number) + OVERLAP * (best[e] as number);
        best[e] = 0;
      }
    }
    if (options.model) this.addModel(options.model, index, signals, scores);
    if (options.user) this.addUser(options.user, index, signals, scores);
    return { scores, signals };
  }

  private addModel(model: RoutingModel, index: RouteIndex, signals: Signal[], scores: Float64Array) {
    for (const label of model.labels) {
      const key = fold(label.department.trim()) + (label.form ? `\0${fold(label.form.trim())}` : '');
      const targets = index.byName.get(key);
      if (!targets) continue;
      const value = modelValue(label.terms, signals);
      if (value > 0) for (const e of targets) scores[e] = (scores[e] as number) + value;
    }
  }

  private addUser(user: UserRouting, index: RouteIndex, signals: Signal[], scores: Float64Array) {
    const counts = this.userIndex(user);
    for (const s of signals) {
      const seen = new Map<string, number>();
      for (const key of s.token.keys) for (const [form, n] of counts.get(key) ?? []) seen.set(form, Math.max(seen.get(form) ?? 0, n));
      for (const [form, n] of seen) {
        const e = index.byKey.get(form);
        if (e !== undefined) scores[e] = (scores[e] as number) + userValue(n);
      }
    }
  }

  /** The sentence word that did most for this entry. */
  reason(signals: Signal[], entries: readonly CatalogEntry[], entry: number, options: RouteOptions = {}): RouteReason | undefined {
    const index = this.index(entries);
    const affinity = index.affinityOf[entry] as Map<number, number>;
    const terms = index.termsOf[entry] as Map<string, number>;
    const e = entries[entry] as CatalogEntry;
    const label = options.model?.labels.filter((l) => index.byName.get(fold(l.department.trim()) + (l.form ? `\0${fold(l.form.trim())}` : ''))?.includes(entry));
    const user = options.user ? this.userIndex(options.user) : undefined;
    let best: { word: string; value: number } | undefined;
    for (const s of signals) {
      let value = 0;
      for (const [c, v] of s.evidence) value += v * (affinity.get(c) ?? 0);
      value += OVERLAP * Math.max(0, ...s.token.keys.map((k) => (terms.get(k) ?? 0) / 3));
      for (const l of label ?? []) value += modelValue(l.terms, [s]);
      if (user) value += Math.max(0, ...s.token.keys.map((k) => userValue(user.get(k)?.get(e.key) ?? 0)));
      if (value > 0 && (!best || value > best.value)) best = { word: s.token.word, value };
    }
    return best && { kind: 'word', word: best.word };
  }
}

export interface RouteOptions {
  /** Learned from the desk's past requests (policy `routingModel`). */
  model?: RoutingModel;
  /** The user's own filed requests (learnFromFiled). */
  user?: UserRouting;
  /** The administrator's synonym groups: folded word → the other words (SearchIndex.synonyms). */
  synonyms?: ReadonlyMap<string, readonly string[]>;
}
