// The vocabulary as routing looks words up: every word and phrase of data/vocabulary.json
// folded and stemmed in its languages, done once at build time (`npm run build-vocabulary`
// writes data/compiled.json) so the popup only parses JSON instead of stemming ~2,000 words.
// A test checks that the shipped file is what this compiles from the vocabulary today.
import { fold } from '../search';
import { Analyzer, LANGS, pieces, type Lang, type Stemmers } from './text';
import { PHRASE, WEAK } from './evidence';
import type { VocabularyData } from './types';

/**
 * data/compiled.json. Hits are flat triples `concept, weight, name (0|1)`; a phrase is its
 * first word's key → `[rest keys per word, concept, weight, name]`.
 */
export interface CompiledVocabulary {
  compiled: 1;
  version: number;
  concepts: string[];
  /** concept → its department's concept (itself for a department) */
  roots: number[];
  /** folded stop words, all languages */
  stop: string[];
  /** word key (folded word or stem) → hits */
  single: Record<string, number[]>;
  /** whole words of the vocabulary (not stems): what compounds are split into */
  surface: string[];
  phrases: Record<string, [rest: string[][], concept: number, weight: number, name: 0 | 1][]>;
}

export const isCompiled = (data: VocabularyData | CompiledVocabulary): data is CompiledVocabulary => 'compiled' in data;

export function compileVocabulary(data: VocabularyData, stemmers: Stemmers): CompiledVocabulary {
  const stop = [...new Set(LANGS.flatMap((l) => data.stop[l] ?? []).map(fold))].sort();
  const analyzer = new Analyzer(stemmers, new Set(stop));
  const concepts = Object.keys(data.concepts);
  const position = new Map(concepts.map((c, i) => [c, i]));
  const roots = concepts.map((c) => position.get(c.split('.')[0] as string) ?? position.get(c) ?? 0);
  const single = new Map<string, Map<number, { weight: number; name: boolean }>>();
  const surface = new Set<string>();
  const phrases = new Map<string, CompiledVocabulary['phrases'][string]>();

  const addTerm = (text: string, concept: number, weight: number, name: boolean, lang?: Lang) => {
    const all = pieces(text);
    const meaningful = all.length === 1 ? all : all.filter((p) => !analyzer.isStop(p));
    const keysOf = (p: string) => (lang ? analyzer.keys(p, lang) : analyzer.keys(p));
    if (meaningful.length === 1) {
      surface.add(fold(meaningful[0] as string));
      for (const key of keysOf(meaningful[0] as string)) {
        const hits = single.get(key) ?? new Map<number, { weight: number; name: boolean }>();
        const same = hits.get(concept);
        if (!same) hits.set(concept, { weight, name });
        else {
          same.weight = Math.max(same.weight, weight);
          same.name ||= name;
        }
        single.set(key, hits);
      }
    } else if (meaningful.length > 1) {
      const [first, ...rest] = meaningful.map(keysOf) as [string[], ...string[][]];
      for (const key of first) {
        const list = phrases.get(key) ?? [];
        list.push([rest, concept, weight * PHRASE, name ? 1 : 0]);
        phrases.set(key, list);
      }
    }
  };

  concepts.forEach((key, concept) => {
    const spec = data.concepts[key] as VocabularyData['concepts'][string];
    for (const name of spec.names) addTerm(name, concept, 1, true);
    for (const lang of LANGS) {
      for (const raw of spec.words[lang] ?? []) {
        const weak = raw.startsWith('~');
        addTerm(weak ? raw.slice(1) : raw, concept, weak ? WEAK : 1, false, lang);
      }
    }
  });
  return {
    compiled: 1,
    version: data.version,
    concepts,
    roots,
    stop,
    single: Object.fromEntries([...single].map(([key, hits]) => [key, [...hits].flatMap(([c, h]) => [c, h.weight, h.name ? 1 : 0])])),
    surface: [...surface],
    phrases: Object.fromEntries(phrases),
  };
}
