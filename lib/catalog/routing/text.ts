// Words of a sentence as routing compares them: lower case, split at anything that is not a
// letter or digit (so French elisions "l'imprimante" and "E-Mail" split too, which
// Intl.Segmenter keeps whole), stop words dropped, and each word given its keys: the word
// without accents plus its Snowball stem in each of en/de/fr/es. The sentence's language is
// not guessed for matching: a word matches when any of its keys is a key of the vocabulary,
// which costs four stems per new word and is robust to one-word queries ("Urlaub").
import { fold } from '../search';

export const LANGS = ['en', 'de', 'fr', 'es'] as const;
export type Lang = (typeof LANGS)[number];
export type Stemmers = Record<Lang, (word: string) => string>;

export interface Token {
  /** As typed (for the reason chip). */
  word: string;
  /** Folded word and its stems, distinct. */
  keys: string[];
}

const SPLIT = /[^\p{L}\p{N}]+/u;
const CAPS = /^\p{Lu}{2,}$/u;
const DIGITS = /^\d+$/;

/**
 * Worth routing on: 3 letters or more, or a short name in capitals ("IT", "HR", "PC", "Q3").
 * A word of one or two letters is mostly the start of a word still being typed.
 */
export const routable = (word: string) => word.length >= 3 || (/\p{Lu}/u.test(word) && /^[\p{Lu}\p{N}]+$/u.test(word));

/** Pieces of text as typed, in order. */
export function pieces(text: string): string[] {
  return text.split(SPLIT).filter((p) => p.length > 1 && !DIGITS.test(p));
}

export class Analyzer {
  private readonly cache = new Map<string, string[]>();

  constructor(
    readonly stemmers: Stemmers,
    private readonly stop: ReadonlySet<string>,
  ) {}

  /** Is this piece a word that carries no meaning? "IT" and "HR" in capitals never are. */
  isStop(piece: string): boolean {
    return !CAPS.test(piece) && this.stop.has(fold(piece));
  }

  /** The folded word and its stems in every language (or one language). */
  keys(piece: string, lang?: Lang): string[] {
    const lower = piece.toLowerCase();
    const id = lang ? `${lang}:${lower}` : lower;
    const cached = this.cache.get(id);
    if (cached) return cached;
    const out = new Set([fold(lower)]);
    for (const l of lang ? [lang] : LANGS) {
      const stem = fold(this.stemmers[l](lower));
      if (stem.length > 1) out.add(stem);
    }
    const keys = [...out];
    if (this.cache.size > 20_000) this.cache.clear();
    this.cache.set(id, keys);
    return keys;
  }

  tokens(text: string, keepStop = false): Token[] {
    return pieces(text)
      .filter((p) => keepStop || !this.isStop(p))
      .map((word) => ({ word, keys: this.keys(word) }));
  }

  /** The sentence's language by its stop words and letters; English when nothing tells. */
  language(text: string): Lang {
    const score: Record<Lang, number> = { en: 0, de: 0, fr: 0, es: 0 };
    if (/[äöüß]/i.test(text)) score.de += 2;
    if (/[ñ¿¡]/i.test(text)) score.es += 2;
    if (/[çèêàù]|\b[ldjnmsc]'/i.test(text)) score.fr += 2;
    for (const p of pieces(text)) {
      const w = fold(p);
      for (const l of LANGS) if (STOP_HINTS[l].has(w)) score[l]++;
    }
    return LANGS.reduce((best, l) => (score[l] > score[best] ? l : best), 'en' as Lang);
  }

  /** One key per word, the stem in the sentence's language: what a learned model stores. */
  primaryKeys(text: string): string[] {
    const lang = this.language(text);
    return pieces(text)
      .filter((p) => !this.isStop(p))
      .map((p) => this.keys(p, lang).at(-1) as string);
  }
}

// Small, unambiguous function words per language, for telling the language only.
const STOP_HINTS: Record<Lang, Set<string>> = {
  en: new Set(['the', 'is', 'my', 'and', 'of', 'to', 'not', 'with', 'for', 'does', 'can', 'need', 'have', 'what', 'how']),
  de: new Set(['der', 'die', 'das', 'ist', 'nicht', 'und', 'mein', 'meine', 'ich', 'mit', 'fur', 'bitte', 'kein', 'ein', 'eine', 'im']),
  fr: new Set(['le', 'la', 'les', 'est', 'pas', 'et', 'mon', 'ma', 'je', 'avec', 'pour', 'une', 'un', 'des', 'ne', 'du']),
  es: new Set(['el', 'los', 'las', 'es', 'no', 'y', 'mi', 'con', 'para', 'una', 'un', 'del', 'por', 'necesito', 'que']),
};
