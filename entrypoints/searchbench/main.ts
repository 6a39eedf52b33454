// Benchmark page (bench builds only): builds the catalog view over 5,000 forms in 200
// departments and times the ranking of every keystroke of typed queries in the browser, by
// search alone and with routing from plain words loaded (its vocabulary and stemmers loaded
// and compiled as the popup does, its index built a slice per task as the popup builds it
// between keystrokes). One keystroke per task, as typing is; bench/search.mjs reads the figures.
import { rank } from '@/lib/catalog/rank';
import { loadRouting, Routing, type CompiledVocabulary } from '@/lib/catalog/routing';
import { nextTask } from '@/lib/catalog/routing/route';
import { syntheticCatalog, TYPED } from '@/lib/catalog/synthetic';
import { buildCatalogView } from '@/lib/catalog/view';
import { MAX_ROWS } from '@/lib/catalog/rows';

const SENTENCES = ['the door of meeting room 3.14 does not lock', 'mon ordinateur portable ne démarre pas', 'Urlaub beantragen', 'necesito una nómina'];

async function main() {
  // Routing as the popup loads it after its first frame: the chunks fetched and parsed, the
  // compiled vocabulary turned into look-up tables.
  let t0 = performance.now();
  const router = await loadRouting();
  const routingLoad = performance.now() - t0;
  const compiled = (await import('@/lib/catalog/routing/data/compiled.json')).default as unknown as CompiledVocabulary;
  const compiles: number[] = [];
  for (let i = 0; i < 5; i++) {
    t0 = performance.now();
    void new Routing(compiled, router.analyzer.stemmers);
    compiles.push(performance.now() - t0);
  }

  const { catalog, config } = syntheticCatalog(200, 25);
  const entries: number[] = [];
  const indexes: number[] = [];
  const routeIndexes: number[] = [];
  const slices: number[] = [];
  const keystrokes: number[] = [];
  const routed: number[] = [];
  const perKey = new Map<string, number[]>();
  let results = 0;
  for (let round = 0; round < 5; round++) {
    // A fresh popup: the list first (before the first frame), the indexes after it.
    t0 = performance.now();
    const view = buildCatalogView(catalog, config);
    entries.push(performance.now() - t0);
    t0 = performance.now();
    void view.index.size;
    indexes.push(performance.now() - t0);
    t0 = performance.now();
    let last = performance.now();
    await router.prepare(view.entries, async () => {
      slices.push(performance.now() - last);
      await nextTask();
      last = performance.now();
    });
    slices.push(performance.now() - last);
    routeIndexes.push(performance.now() - t0);

    for (const withRouting of [false, true]) {
      for (const query of [...TYPED, ...SENTENCES]) {
        for (let n = 1; n <= query.length; n++) {
          await nextTask();
          const typed = query.slice(0, n);
          t0 = performance.now();
          results += rank(view, { query: typed, pageUrl: 'https://intranet.example/', history: {}, now: 0, limit: MAX_ROWS, ...(withRouting ? { routing: { router } } : {}) }).suggestions.length;
          const took = performance.now() - t0;
          (withRouting ? routed : keystrokes).push(took);
          if (withRouting) perKey.set(typed, [...(perKey.get(typed) ?? []), took]);
        }
      }
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;
  (window as unknown as { searchBench: unknown }).searchBench = {
    forms: catalog.forms.length,
    departments: catalog.departments.length,
    entries,
    indexes,
    keystrokes,
    routed,
    routedMedians: [...perKey.values()].map(median),
    routedByKey: Object.fromEntries(perKey),
    routingLoad,
    compiles,
    routeIndexes,
    slices,
    results,
  };
  document.body.dataset.done = '1';
}

void main();
