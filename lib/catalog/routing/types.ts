// What routing takes in and gives out; plain data, so the popup, the options page and the
// policy can carry them.

/** The vocabulary file (data/vocabulary.json). */
export interface VocabularyData {
  version: number;
  /** `dept` or `dept.topic` → names and words; `~word` is a weak signal. */
  concepts: Record<string, { names: string[]; words: Partial<Record<string, string[]>> }>;
  stop: Partial<Record<string, string[]>>;
}

/**
 * A model learned from a desk's past requests (scripts/learn-routing.mjs): per department and
 * form (by name, as the administrator sees them), the words that tell it apart, weighted by
 * naive Bayes log-odds. Handed to every employee through the `routingModel` policy key.
 */
export interface RoutingModel {
  version: 1;
  /** Where and when it was learned, for the options page. */
  source?: string;
  built?: string;
  labels: { department: string; form?: string; requests: number; terms: Record<string, number> }[];
}

/** The user's own filed requests: typed word → form key → how often. Small and capped. */
export interface UserRouting {
  version: 1;
  words: Record<string, Record<string, number>>;
}

/** Why routing put a form up: one word of the sentence ("matches 'door'"). */
export interface RouteReason {
  kind: 'word';
  word: string;
}
