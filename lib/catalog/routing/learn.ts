// A compact routing model from a desk's past requests: for each department (and form), the
// words that tell it apart from the others, as naive Bayes log-odds with add-one smoothing,
// keeping only words seen in at least `minCount` of its requests and the `perLabel` strongest.
import type { Routing } from './route';
import type { RoutingModel } from './types';

export interface Example {
  /** Subject and first message. */
  text: string;
  department: string;
  form?: string;
}

export interface LearnOptions {
  perLabel?: number;
  minCount?: number;
  source?: string;
  now?: Date;
}

export function buildRoutingModel(routing: Routing, examples: Example[], options: LearnOptions = {}): RoutingModel {
  const perLabel = options.perLabel ?? 40;
  const minCount = options.minCount ?? 2;
  const labelOf = (e: Example) => JSON.stringify([e.department, e.form ?? null]);
  const counts = new Map<string, Map<string, number>>(); // label → word → requests holding it
  const totals = new Map<string, number>(); // label → requests
  const everywhere = new Map<string, number>(); // word → requests holding it
  for (const e of examples) {
    const label = labelOf(e);
    totals.set(label, (totals.get(label) ?? 0) + 1);
    const words = counts.get(label) ?? new Map<string, number>();
    counts.set(label, words);
    for (const key of new Set(routing.analyzer.primaryKeys(e.text))) {
      if (key.length < 2 || key.length > 30) continue; // unsegmented scripts (Japanese) stay out
      words.set(key, (words.get(key) ?? 0) + 1);
      everywhere.set(key, (everywhere.get(key) ?? 0) + 1);
    }
  }
  const all = examples.length;
  const labels: RoutingModel['labels'] = [];
  for (const [label, words] of counts) {
    const [department, form] = JSON.parse(label) as [string, string | null];
    const inside = totals.get(label) ?? 0;
    const outside = all - inside;
    const scored: [string, number][] = [];
    for (const [key, n] of words) {
      if (n < minCount) continue;
      const elsewhere = (everywhere.get(key) ?? 0) - n;
      const odds = Math.log((n + 1) / (inside - n + 1)) - Math.log((elsewhere + 1) / (outside - elsewhere + 1));
      if (odds > 0) scored.push([key, Math.round(odds * 100) / 100]);
    }
    scored.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    labels.push({ department, ...(form ? { form } : {}), requests: inside, terms: Object.fromEntries(scored.slice(0, perLabel)) });
  }
  labels.sort((a, b) => (a.department < b.department ? -1 : a.department > b.department ? 1 : 0));
  return { version: 1, ...(options.source ? { source: options.source } : {}), built: (options.now ?? new Date()).toISOString(), labels };
}
