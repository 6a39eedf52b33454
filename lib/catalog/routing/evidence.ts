// What routing weighs: the shapes of its evidence, how much each kind counts, and what a
// learned model and the user's own requests add. lib/catalog/routing/route.ts combines them.
import type { CatalogEntry } from '../view';
import type { Token } from './text';

export interface Hit {
  concept: number;
  weight: number;
  /** The word is one of the concept's names ("Facilities"), not an everyday word for it. */
  name: boolean;
}

export interface Phrase {
  /** Keys of the phrase's other words. */
  rest: string[][];
  hit: Hit;
  /** Its concept evidence, worked out once. */
  evidence?: [number, number][];
}

/** A sentence word (or phrase, or admin synonym) and what it says about each concept. */
export interface Signal {
  token: Token;
  evidence: [concept: number, value: number][];
}

/** Per catalog, built once after the first keystroke with routing loaded. */
export interface RouteIndex {
  entries: readonly CatalogEntry[];
  /** concept → entries that serve it and how well (0..1) */
  concepts: { entries: Uint32Array; affinity: Float32Array }[];
  /** word key → entries whose text holds it, with the field's weight */
  terms: Map<string, { entries: Uint32Array; weights: Float32Array }>;
  /** entry → word key → field weight (for reasons) */
  termsOf: Map<string, number>[];
  /** entry → concept → affinity (for reasons) */
  affinityOf: Map<number, number>[];
  byKey: Map<string, number>;
  /** folded "department\0form" and "department" → entries */
  byName: Map<string, number[]>;
  /** one number per entry, for the work of one keystroke (zero between uses) */
  scratch: Float64Array;
}

// How much each kind of evidence counts; one strong word for the right form ≈ 1.
export const WEAK = 0.5;
export const NAME_IN_FORM = 1;
export const WORD_IN_FORM = 0.6;
export const COMPOUND = 0.8;
export const TYPO = 0.7;
export const PHRASE = 1.5;
export const OVERLAP = 0.5;
export const MODEL = 0.6;
export const USER = 0.8;
export const SATURATION = 2;
export const SPECIFIC = 0.3;

/** A learned model's say for a form: its terms met in the sentence, capped per word. */
export const modelValue = (terms: Record<string, number>, signals: Signal[]) => {
  let value = 0;
  for (const s of signals) value += Math.min(3, Math.max(0, ...s.token.keys.map((k) => terms[k] ?? 0)));
  return (MODEL * value) / 3;
};

/** The user's own past requests with these words for a form. */
export const userValue = (count: number) => (count > 0 ? USER * Math.min(1, Math.log2(1 + count) / 2) : 0);
