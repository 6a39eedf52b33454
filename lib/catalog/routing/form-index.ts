// What each form of a catalog is for, as routing looks it up per keystroke: concept → forms
// (with how well each serves it), word key → forms, and per form its concepts and words for
// the reason chip. Built once per catalog, a slice of forms at a time (`IndexBuilder.step`),
// so the popup can spread it over idle time after its first frame.
import type { CatalogEntry } from '../view';
import { fold } from '../search';
import type { Analyzer, Token } from './text';
import { SATURATION, SPECIFIC, WORD_IN_FORM, type RouteIndex } from './evidence';

/** What the builder needs from the vocabulary (lib/catalog/routing/route.ts). */
export interface FormReader {
  readonly analyzer: Analyzer;
  readonly roots: Int32Array;
  readonly conceptCount: number;
  /** What a word in a form's text says the form is for (per unit of field weight). */
  inForm(token: Token): [number, number][];
  hasPhrase(key: string): boolean;
  /** The phrases that start at tokens[i] and are complete in tokens, with their evidence. */
  phrasesAt(tokens: Token[], i: number, each: (inside: Token[], evidence: [number, number][]) => void): void;
}

const split = (list: number[]) => {
  const n = list.length / 2;
  const ids = new Uint32Array(n);
  const values = new Float32Array(n);
  for (let k = 0; k < n; k++) {
    ids[k] = list[2 * k] as number;
    values[k] = list[2 * k + 1] as number;
  }
  return [ids, values] as const;
};

export class IndexBuilder {
  private next = 0;
  private readonly conceptLists: number[][];
  private readonly termLists = new Map<string, number[]>();
  private readonly termsOf: Map<string, number>[] = [];
  private readonly affinityOf: Map<number, number>[] = [];
  private readonly byKey = new Map<string, number>();
  private readonly byName = new Map<string, number[]>();
  private built: RouteIndex | undefined;

  constructor(
    private readonly reader: FormReader,
    readonly entries: readonly CatalogEntry[],
  ) {
    this.conceptLists = Array.from({ length: reader.conceptCount }, () => []);
  }

  get done(): boolean {
    return this.built !== undefined;
  }

  /** Adds forms until `until()` says stop (checked every 4 forms); the index once all are in. */
  step(until: () => boolean = () => false): RouteIndex | undefined {
    while (this.next < this.entries.length) {
      this.add(this.next++);
      if (this.next % 4 === 0 && until()) return undefined;
    }
    return this.finish();
  }

  private name(key: string, i: number) {
    const list = this.byName.get(key);
    if (list) list.push(i);
    else this.byName.set(key, [i]);
  }

  private add(i: number) {
    const { reader } = this;
    const { roots } = reader;
    const e = this.entries[i] as CatalogEntry;
    this.byKey.set(e.key, i);
    this.name(`${fold(e.department.name.trim())}\0${fold(e.form.name.trim())}`, i);
    this.name(fold(e.department.name.trim()), i);
    const fields: [string, number][] = [
      [e.form.name, 3],
      [e.department.name, 2.5],
      [[...e.keywords, ...(e.card?.keywords ?? [])].join(' '), 2],
      [`${e.form.description} ${e.department.description} ${e.card?.helpsWith ?? ''}`, 1],
    ];
    const raw = new Map<number, number>();
    const terms = new Map<string, number>();
    for (const [text, weight] of fields) {
      const tokens = reader.analyzer.tokens(text);
      let phrases = false;
      for (const token of tokens) {
        for (const [c, v] of reader.inForm(token)) raw.set(c, (raw.get(c) ?? 0) + v * weight);
        for (const key of token.keys) {
          terms.set(key, Math.max(terms.get(key) ?? 0, weight));
          phrases ||= reader.hasPhrase(key);
        }
      }
      if (phrases) {
        for (let t = 0; t < tokens.length; t++) {
          reader.phrasesAt(tokens, t, (_, evidence) => {
            for (const [c, v] of evidence) raw.set(c, (raw.get(c) ?? 0) + v * weight * WORD_IN_FORM);
          });
        }
      }
    }
    // A form serves mostly one department: its other departments count by their share, and
    // a topic never more than its department (an "email" in "Report a phishing email").
    let total = 0;
    let top = 0;
    for (const [c, v] of raw) {
      if (roots[c] !== c) continue;
      total += v;
      top = Math.max(top, v);
    }
    const rootAffinity = (c: number) => (1 - Math.exp(-total / SATURATION)) * ((raw.get(c) ?? 0) / (top || 1));
    const topicAffinity = (c: number) => Math.min(1 - Math.exp(-(raw.get(c) ?? 0) / SATURATION), rootAffinity(roots[c] as number));
    // A form for one topic ("Fix an account problem") gets less credit for its department
    // alone than the department's general form ("Get IT help"): it has to match the topic.
    let specific = 0;
    for (const c of raw.keys()) if (roots[c] !== c) specific = Math.max(specific, topicAffinity(c));
    const affinity = new Map<number, number>();
    for (const c of raw.keys()) {
      const a = roots[c] === c ? rootAffinity(c) * (1 - SPECIFIC * specific) : topicAffinity(c);
      if (a < 0.05) continue;
      affinity.set(c, a);
      (this.conceptLists[c] as number[]).push(i, a);
    }
    this.affinityOf.push(affinity);
    this.termsOf.push(terms);
    for (const [key, weight] of terms) {
      const list = this.termLists.get(key);
      if (list) list.push(i, weight);
      else this.termLists.set(key, [i, weight]);
    }
  }

  private finish(): RouteIndex {
    if (this.built) return this.built;
    const concepts = this.conceptLists.map((list) => {
      const [ids, affinity] = split(list);
      return { entries: ids, affinity };
    });
    const terms = new Map<string, { entries: Uint32Array; weights: Float32Array }>();
    for (const [key, list] of this.termLists) {
      const [ids, weights] = split(list);
      terms.set(key, { entries: ids, weights });
    }
    this.built = { entries: this.entries, concepts, terms, termsOf: this.termsOf, affinityOf: this.affinityOf, byKey: this.byKey, byName: this.byName, scratch: new Float64Array(this.entries.length) };
    return this.built;
  }
}
